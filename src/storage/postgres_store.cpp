// PostgreSQL backend (libpq). A pool of connections, each used by one thread at a time, with the
// statements prepared once per connection. Write transactions run SERIALIZABLE and are run again
// after a serialisation failure or deadlock (store.hpp allows it); read transactions run
// REPEATABLE READ READ ONLY: one snapshot, never blocking writers, never failing to serialise.
//
// Parameters travel as text with type OID 0, so the server infers each one's type from the
// statement; results arrive as text and are converted by their column type.
//
// Unlike SQLite, PostgreSQL aborts the whole transaction when one statement fails. The backend
// remembers the first failure: later statements of the same transaction throw it again, and a
// `work` that swallows it still gets it back from transact instead of a silent rollback.
#include <fmt/format.h>
#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include "storage/connection_pool.hpp"
#include "storage/store.hpp"

namespace mosaik::storage {
namespace {

// Built-in type OIDs (src/include/catalog/pg_type.dat); fixed across server versions.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

// How often a transaction runs before a serialisation failure is reported as a conflict.
constexpr int kMaxAttempts = 20;

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// libpq's messages end in a newline and some span several lines; errors and logs want one line.
std::string one_line(const char* message) {
  std::string out;
  bool space = false;
  for (const char* p = message ? message : ""; *p; ++p) {
    if (std::isspace(static_cast<unsigned char>(*p))) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      out += *p;
      space = false;
    }
  }
  return out;
}

// NOTICEs and WARNINGs (e.g. what DROP ... CASCADE dropped) are not errors: keep them off stderr.
void log_notice(void*, const char* message) {
  spdlog::debug("postgres: {}", one_line(message));
}

bool is_retryable(std::string_view sqlstate) {
  return sqlstate == "40001" /* serialization_failure */ ||
         sqlstate == "40P01" /* deadlock_detected */;
}

Errc errc_for(std::string_view sqlstate, bool connection_ok) {
  if (!connection_ok) return Errc::unavailable;
  // Class 23: unique, foreign-key, exclusion... violations. A serialisation failure or deadlock
  // is a concurrent change too (it is only reported once the retries are used up).
  if (sqlstate.starts_with("23") || is_retryable(sqlstate)) return Errc::conflict;
  // Class 08: connection exception; 57P0x: server shutting down or starting; 53: out of
  // resources (too many connections, disk full).
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P0") || sqlstate.starts_with("53"))
    return Errc::unavailable;
  return Errc::internal;
}

Value integer_cell(std::string_view text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size())
    throw Error(Errc::internal, fmt::format("unexpected integer '{}' from PostgreSQL", text));
  return n;
}

Value real_cell(std::string_view text) {
  double d = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (ec != std::errc() || end != text.data() + text.size())
    throw Error(Errc::internal,
                fmt::format("number '{}' from PostgreSQL does not fit a double", text));
  return d;
}

// bytea in the text result format is "\\x" followed by two hex digits per byte.
Value bytea_cell(std::string_view text) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0)
    throw Error(Errc::internal, "unexpected bytea encoding from PostgreSQL");
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw Error(Errc::internal, "unexpected bytea digit from PostgreSQL");
  };
  Blob out;
  out.bytes.reserve(text.size() / 2 - 1);
  for (std::size_t i = 2; i < text.size(); i += 2)
    out.bytes.push_back(static_cast<char>(nibble(text[i]) * 16 + nibble(text[i + 1])));
  return out;
}

Value cell(const PGresult* r, int row, int column) {
  if (PQgetisnull(r, row, column)) return std::monostate{};
  std::string_view text(PQgetvalue(r, row, column),
                        static_cast<std::size_t>(PQgetlength(r, row, column)));
  switch (PQftype(r, column)) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return integer_cell(text);
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid:
      return real_cell(text);
    case kBoolOid:
      return std::int64_t{text == "t"};
    case kByteaOid:
      return bytea_cell(text);
    default:
      return std::string(text);
  }
}

// The parameters of one statement: libpq's text format, except blobs, which travel in binary
// format (bytea). Strings are passed in place, so the values must outlive this object.
class TextParams {
 public:
  explicit TextParams(std::span<const Value> params) {
    numbers_.reserve(params.size());
    pointers_.reserve(params.size());
    lengths_.assign(params.size(), 0);
    formats_.assign(params.size(), 0);
    for (const Value& v : params) {
      if (auto* n = std::get_if<std::int64_t>(&v))
        pointers_.push_back(number(*n));
      else if (auto* d = std::get_if<double>(&v))
        pointers_.push_back(number(*d));
      else if (auto* s = std::get_if<std::string>(&v))
        pointers_.push_back(s->c_str());
      else if (auto* b = std::get_if<Blob>(&v)) {
        lengths_[pointers_.size()] = static_cast<int>(b->bytes.size());
        formats_[pointers_.size()] = 1;
        pointers_.push_back(b->bytes.data());
      } else
        pointers_.push_back(nullptr);  // NULL
    }
  }
  int size() const { return static_cast<int>(pointers_.size()); }
  const char* const* values() const { return pointers_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  const char* number(std::int64_t n) {
    std::array<char, 24> buf{};
    auto end = std::to_chars(buf.data(), buf.data() + buf.size(), n).ptr;
    return numbers_.emplace_back(buf.data(), end).c_str();
  }
  const char* number(double d) {
    // std::to_chars spells non-finite values in a way the server does not read back ("-nan").
    if (std::isnan(d)) return numbers_.emplace_back("NaN").c_str();
    if (std::isinf(d)) return numbers_.emplace_back(d > 0 ? "Infinity" : "-Infinity").c_str();
    std::array<char, 32> buf{};
    auto end = std::to_chars(buf.data(), buf.data() + buf.size(), d).ptr;  // shortest round trip
    return numbers_.emplace_back(buf.data(), end).c_str();
  }

  // Reserved up front: a reallocation would move short strings and invalidate their pointers.
  std::vector<std::string> numbers_;
  std::vector<const char*> pointers_;
  std::vector<int> lengths_;  // used for binary parameters only
  std::vector<int> formats_;  // 0 text, 1 binary
};

class Connection {
 public:
  struct Statement {
    std::string name;
    std::size_t params;  // how many parameters the server found in the SQL
  };

  // Takes ownership of `conn`, which may be a failed connection (PQfinish releases it either way).
  explicit Connection(PGconn* conn) : conn_(conn) {
    PQsetNoticeProcessor(conn_, log_notice, nullptr);
  }
  ~Connection() { PQfinish(conn_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  PGconn* get() const { return conn_; }
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  const Statement* find(const std::string& sql) const {
    auto it = statements_.find(sql);
    return it == statements_.end() ? nullptr : &it->second;
  }
  std::string next_statement_name() { return fmt::format("s{}", ++statement_count_); }
  const Statement& remember(std::string sql, Statement statement) {
    return statements_.emplace(std::move(sql), std::move(statement)).first->second;
  }
  // The server-side statement stays allocated until the session ends; names are never reused.
  void forget(const std::string& sql) { statements_.erase(sql); }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, Statement> statements_;  // SQL text -> prepared statement
  std::uint64_t statement_count_ = 0;
};

class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(Connection& c) : conn_(c) {}
  using Transaction::execute;
  using Transaction::query;

  Rows query(std::string_view sql, std::span<const Value> params) override {
    PgResult r = run(sql, params, "query");
    Rows out;
    int columns = PQnfields(r.get());
    int rows = PQntuples(r.get());
    out.columns.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(r.get(), c));
    out.rows.reserve(static_cast<std::size_t>(rows));
    for (int i = 0; i < rows; ++i) {
      std::vector<Value> cells;
      cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) cells.push_back(cell(r.get(), i, c));
      out.rows.emplace_back(std::move(cells));
    }
    return out;
  }

  std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
    PgResult r = run(sql, params, "execute");
    std::string_view count = PQcmdTuples(r.get());  // empty for commands that change no rows
    return count.empty() ? 0 : std::get<std::int64_t>(integer_cell(count));
  }

  void execute_script(std::string_view sql) override {
    command(std::string(sql).c_str(), "script");
  }

  void begin(Access access) {
    try {
      command(access == Access::write ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                      : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
              "begin");
    } catch (const Error&) {
      // Nothing ran yet: a connection that broke while idle in the pool (say, the server
      // restarted) is no reason to fail; another connection may run the transaction.
      if (conn_.broken()) retryable_ = true;
      throw;
    }
  }

  void commit() {
    PgResult r = command("COMMIT", "commit");
    // The server answers a COMMIT of a failed transaction with ROLLBACK; failures are recorded,
    // so this is a guard for the durability promise, not an expected path.
    if (std::string_view(PQcmdStatus(r.get())) != "COMMIT")
      throw record(Error(Errc::internal, "commit: the server rolled the transaction back"), false);
  }

  // Ends an open transaction after a failure. False when the connection is unusable afterwards.
  bool rollback() noexcept {
    switch (PQtransactionStatus(conn_.get())) {
      case PQTRANS_IDLE:
        return true;  // never begun, or ended by a failed COMMIT
      case PQTRANS_INTRANS:
      case PQTRANS_INERROR: {
        PgResult r(PQexec(conn_.get(), "ROLLBACK"));
        return r && PQresultStatus(r.get()) == PGRES_COMMAND_OK;
      }
      default:
        return false;  // connection lost or a command still in progress
    }
  }

  // Whether the whole transaction may run again: a serialisation failure or deadlock, a stale
  // prepared statement, or a connection found broken at BEGIN (nothing ran on it).
  bool retryable() const { return retryable_; }

 private:
  // Runs `sql` as a prepared statement, preparing it on this connection's first use.
  PgResult run(std::string_view sql, std::span<const Value> params, const char* context) {
    throw_if_failed();
    std::string text(sql);
    const Connection::Statement* statement = conn_.find(text);
    bool cached = statement != nullptr;
    if (!cached) statement = &prepare(std::move(text));
    if (params.size() < statement->params)
      throw Error(Errc::internal, fmt::format("SQL uses parameters up to ${} but {} given",
                                              statement->params, params.size()));
    // The server refuses extra parameters; like SQLite, ignore values the SQL does not use.
    TextParams values(params.first(statement->params));
    PgResult r(PQexecPrepared(conn_.get(), statement->name.c_str(), values.size(), values.values(),
                              values.lengths(), values.formats(), 0));
    if (!succeeded(r)) {
      Error e = failure(r, context);
      // 0A000 from a statement prepared earlier is "cached plan must not change result type": a
      // table changed under a `SELECT *` or `RETURNING *`. Running again prepares it afresh.
      if (cached && sqlstate(r) == "0A000") {
        conn_.forget(std::string(sql));
        retryable_ = true;
      }
      throw e;
    }
    return r;
  }

  const Connection::Statement& prepare(std::string sql) {
    std::string name = conn_.next_statement_name();
    PgResult prepared(PQprepare(conn_.get(), name.c_str(), sql.c_str(), 0, nullptr));
    if (!succeeded(prepared)) throw failure(prepared, "prepare");
    PgResult described(PQdescribePrepared(conn_.get(), name.c_str()));
    if (!succeeded(described)) throw failure(described, "prepare");
    auto params = static_cast<std::size_t>(PQnparams(described.get()));
    return conn_.remember(std::move(sql), {std::move(name), params});
  }

  // Runs a command without parameters (several statements are allowed).
  PgResult command(const char* sql, const char* context) {
    throw_if_failed();
    PgResult r(PQexec(conn_.get(), sql));
    if (!succeeded(r) && !(r && PQresultStatus(r.get()) == PGRES_EMPTY_QUERY))
      throw failure(r, context);
    return r;
  }

  static bool succeeded(const PgResult& r) {
    if (!r) return false;
    auto status = PQresultStatus(r.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }

  static std::string_view sqlstate(const PgResult& r) {
    const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
    return state ? state : "";
  }

  Error failure(const PgResult& r, std::string_view context) {
    std::string_view state = sqlstate(r);
    bool connection_ok = !conn_.broken();
    const char* primary = r ? PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = one_line(primary ? primary : PQerrorMessage(conn_.get()));
    if (message.empty() && r) message = one_line(PQresStatus(PQresultStatus(r.get())));
    std::string detail = state.empty()
                             ? fmt::format("{}: {}", context, message)
                             : fmt::format("{}: {} (SQLSTATE {})", context, message, state);
    return record(Error(errc_for(state, connection_ok), std::move(detail)), is_retryable(state));
  }

  const Error& record(Error e, bool retry) {
    failure_ = std::move(e);
    retryable_ = retry;
    return *failure_;
  }

  // The server ignores every statement after a failure until ROLLBACK; report the cause instead.
  void throw_if_failed() const {
    if (failure_) throw *failure_;
  }

  Connection& conn_;
  std::optional<Error> failure_;
  bool retryable_ = false;
};

// Connections up to options.pool_size, opened on demand. A connection that broke is dropped when
// it comes back, and a later acquire opens a replacement.
// Opens a connection to `url`; throws Error(unavailable).
std::unique_ptr<Connection> connect(const std::string& url, const StoreOptions& options) {
  // connect_timeout comes before the URL so that the URL may override it; client_encoding after
  // it, because Value strings are UTF-8 whatever the URL says.
  const std::string timeout =
      std::to_string(std::max<std::int64_t>(2, (options.busy_timeout_ms + 999) / 1000));
  const char* const keywords[] = {"connect_timeout", "fallback_application_name", "dbname",
                                  "client_encoding", nullptr};
  const char* const values[] = {timeout.c_str(), "mosaik", url.c_str(), "UTF8", nullptr};
  PGconn* raw = PQconnectdbParams(keywords, values, 1);
  if (!raw) throw Error(Errc::unavailable, "cannot connect to PostgreSQL: out of memory");
  auto conn = std::make_unique<Connection>(raw);
  if (conn->broken())
    throw Error(Errc::unavailable,
                fmt::format("cannot connect to PostgreSQL: {}", one_line(PQerrorMessage(raw))));
  return conn;
}

using Pool = ConnectionPool<Connection>;

class PostgresStore final : public Store {
 public:
  PostgresStore(std::string url, StoreOptions options)
      : pool_(
            options.pool_size, std::chrono::milliseconds(options.busy_timeout_ms),
            [url = std::move(url), options] { return connect(url, options); },
            [](const Connection& c) { return !c.broken(); }) {}

  Backend backend() const noexcept override { return Backend::postgres; }

  Result<void> open_first() {
    try {
      pool_.open_first();
    } catch (const Error& e) {
      return e;
    }
    return {};
  }

  Result<void> transact(Access access, const std::function<void(Transaction&)>& work) override {
    for (int attempt = 1;; ++attempt) {
      Attempt outcome;
      try {
        auto lease = pool_.acquire();
        outcome = run_once(lease, access, work);
      } catch (const Error& e) {
        return e;
      }
      if (!outcome.error) return {};
      if (!outcome.retry) return std::move(*outcome.error);
      if (attempt == kMaxAttempts)
        return Error(outcome.error->code(), fmt::format("{} (gave up after {} attempts)",
                                                        outcome.error->detail(), kMaxAttempts));
      spdlog::debug("postgres: running a transaction again after: {}", outcome.error->detail());
      back_off(attempt);
    }
  }

  Result<void> ping() override {
    return transact(Access::read, [](Transaction& tx) { tx.query("SELECT 1"); });
  }

  PoolStats pool_stats() const override { return pool_.stats(); }

 private:
  struct Attempt {
    std::optional<Error> error;  // none: committed
    bool retry = false;
  };

  static Attempt run_once(Pool::Lease& lease, Access access,
                          const std::function<void(Transaction&)>& work) {
    PgTransaction tx(*lease);
    Attempt outcome;
    try {
      tx.begin(access);
      work(tx);
      tx.commit();
      return outcome;
    } catch (const Error& e) {
      outcome.error = e;
    } catch (const std::exception& e) {
      outcome.error = Error(Errc::internal, e.what());
    } catch (...) {
      outcome.error = Error(Errc::internal, "unknown exception in a storage transaction");
    }
    // A database failure decides about a retry even when `work` caught it and threw its own.
    outcome.retry = tx.retryable();
    if (!tx.rollback()) lease.discard();
    return outcome;
  }

  // A short random sleep, growing with the attempts, so that colliding writers drift apart.
  static void back_off(int attempt) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    int ceiling_ms = std::min(1 << std::min(attempt, 7), 100);
    std::uniform_int_distribution<int> pick(0, ceiling_ms * 1000);
    std::this_thread::sleep_for(std::chrono::microseconds(pick(rng)));
  }

  Pool pool_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   const StoreOptions& options) {
  // A malformed URL is the configuration's fault, not the server's. libpq's reason is not passed
  // on: it quotes the offending part of the URL, which may be the password.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
  PQfreemem(parse_error);
  if (!parsed)
    return Error(Errc::validation_failed,
                 "invalid PostgreSQL URL (expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE)",
                 "database.url");
  PQconninfoFree(parsed);
  auto store = std::make_unique<PostgresStore>(url, options);
  if (auto r = store->open_first(); !r) return std::move(r).error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace mosaik::storage
