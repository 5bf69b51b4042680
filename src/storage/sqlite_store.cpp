// SQLite backend: WAL journal, synchronous=FULL (a committed write survives power loss),
// busy timeout, foreign keys on. A pool of connections, each used by one thread at a time;
// writers are additionally serialised in-process so they queue on a mutex instead of
// spinning on SQLITE_BUSY (other processes, such as the `mosaik` CLI, use the busy timeout).
#include <fmt/format.h>
#include <sqlite3.h>

#include <charconv>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "storage/connection_pool.hpp"
#include "storage/store.hpp"

namespace mosaik::storage {
namespace {

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  int primary = rc & 0xFF;
  std::string message =
      fmt::format("{}: {}", context, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (primary == SQLITE_CONSTRAINT) return Error(Errc::conflict, message);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN ||
      primary == SQLITE_FULL || primary == SQLITE_IOERR)
    return Error(Errc::unavailable, message);
  return Error(Errc::internal, message);
}

class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }

  // A prepared statement for `sql`, cached per connection; reset and unbound.
  sqlite3_stmt* prepare(std::string_view sql) {
    auto it = statements_.find(std::string(sql));
    if (it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw sqlite_error(db_, rc, "prepare");
    if (!stmt) throw Error(Errc::internal, "prepare: empty statement");
    statements_.emplace(std::string(sql), stmt);
    return stmt;
  }

  void exec(const char* sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string message = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      Error e = sqlite_error(nullptr, rc, "exec");
      throw Error(e.code(), fmt::format("{}: {}", sql, message));
    }
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Resets the statement when the scope ends, whatever happens.
struct StatementGuard {
  sqlite3_stmt* stmt;
  ~StatementGuard() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

void bind_all(sqlite3* db, sqlite3_stmt* stmt, std::span<const Value> params) {
  int count = sqlite3_bind_parameter_count(stmt);
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt, i);
    std::size_t n = 0;
    if (!name || name[0] != '$')
      throw Error(Errc::internal, "SQL parameters must be written $1, $2, ...");
    std::string_view digits(name + 1);
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || n == 0 || n > params.size())
      throw Error(Errc::internal,
                  fmt::format("SQL parameter {} has no value ({} given)", name, params.size()));
    const Value& v = params[n - 1];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::monostate>(v))
      rc = sqlite3_bind_null(stmt, i);
    else if (auto* x = std::get_if<std::int64_t>(&v))
      rc = sqlite3_bind_int64(stmt, i, *x);
    else if (auto* d = std::get_if<double>(&v))
      rc = sqlite3_bind_double(stmt, i, *d);
    else if (auto* b = std::get_if<Blob>(&v))
      rc = sqlite3_bind_blob64(stmt, i, b->bytes.data(), b->bytes.size(), SQLITE_TRANSIENT);
    else {
      const auto& s = std::get<std::string>(v);
      rc = sqlite3_bind_text64(stmt, i, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) throw sqlite_error(db, rc, "bind");
  }
}

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& c) : conn_(c) {}
  using Transaction::execute;
  using Transaction::query;

  Rows query(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* stmt = conn_.prepare(sql);
    StatementGuard guard{stmt};
    bind_all(conn_.db(), stmt, params);
    Rows out;
    int columns = sqlite3_column_count(stmt);
    for (int c = 0; c < columns; ++c) out.columns.emplace_back(sqlite3_column_name(stmt, c));
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw sqlite_error(conn_.db(), rc, "query");
      std::vector<Value> cells;
      cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            cells.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_FLOAT:
            cells.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_BLOB: {
            const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            cells.emplace_back(Blob{std::string(
                data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)))});
            break;
          }
          default: {
            const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            cells.emplace_back(std::string(
                data ? data : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
          }
        }
      }
      out.rows.emplace_back(std::move(cells));
    }
    return out;
  }

  std::int64_t execute(std::string_view sql, std::span<const Value> params) override {
    sqlite3_stmt* stmt = conn_.prepare(sql);
    StatementGuard guard{stmt};
    bind_all(conn_.db(), stmt, params);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) throw sqlite_error(conn_.db(), rc, "execute");
    return sqlite3_changes64(conn_.db());
  }

  void execute_script(std::string_view sql) override { conn_.exec(std::string(sql).c_str()); }

 private:
  Connection& conn_;
};

// Opens a connection with the pragmas every connection needs; throws Error(unavailable).
std::unique_ptr<Connection> open_connection(const std::string& path, const StoreOptions& options) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Error e(Errc::unavailable, fmt::format("cannot open SQLite database '{}': {}", path,
                                           db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close_v2(db);
    throw e;
  }
  auto conn = std::make_unique<Connection>(db);
  sqlite3_busy_timeout(db, static_cast<int>(options.busy_timeout_ms));
  conn->exec("PRAGMA journal_mode=WAL");
  conn->exec("PRAGMA synchronous=FULL");
  conn->exec("PRAGMA foreign_keys=ON");
  return conn;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, StoreOptions options)
      : pool_(options.pool_size, std::chrono::milliseconds(options.busy_timeout_ms),
              [path = std::move(path), options] { return open_connection(path, options); }) {}

  Backend backend() const noexcept override { return Backend::sqlite; }

  Result<void> open_first() {
    try {
      pool_.open_first();
    } catch (const Error& e) {
      return e;
    }
    return {};
  }

  Result<void> transact(Access access, const std::function<void(Transaction&)>& work) override {
    try {
      auto conn = pool_.acquire();
      std::unique_lock<std::mutex> writer;
      if (access == Access::write) writer = std::unique_lock(write_mutex_);
      Result<void> result;
      bool begun = false;
      try {
        conn->exec(access == Access::write ? "BEGIN IMMEDIATE" : "BEGIN");
        begun = true;
        SqliteTransaction tx(*conn);
        work(tx);
        conn->exec("COMMIT");
        begun = false;
      } catch (const Error& e) {
        result = e;
      } catch (const std::exception& e) {
        result = Error(Errc::internal, e.what());
      }
      if (begun) {
        try {
          conn->exec("ROLLBACK");
        } catch (const Error&) {
          conn.discard();  // unknown state: close it rather than reuse it
        }
      }
      return result;
    } catch (const Error& e) {  // no connection
      return e;
    }
  }

  Result<void> ping() override {
    return transact(Access::read, [](Transaction& tx) { tx.query("SELECT 1"); });
  }

  PoolStats pool_stats() const override { return pool_.stats(); }

 private:
  ConnectionPool<Connection> pool_;
  std::mutex write_mutex_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const StoreOptions& options) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  auto store = std::make_unique<SqliteStore>(path, options);
  if (auto r = store->open_first(); !r) return std::move(r).error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace mosaik::storage
