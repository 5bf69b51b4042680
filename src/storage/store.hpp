// The one storage interface of Mosaik. Modules talk SQL through it; two backends implement it
// (SQLite: embedded default; PostgreSQL: scale-out) and pass the same test suite
// (tests/storage/store_suite.cpp).
//
// SQL dialect rules for module code (so one statement text serves both backends):
//   * parameters are written $1, $2, ... (both backends bind them by number);
//   * times are BIGINT Unix milliseconds, booleans are INTEGER 0/1, JSON is TEXT;
//   * use ON CONFLICT ... DO UPDATE for upserts and RETURNING for generated ids;
//   * DDL that differs (identity columns, types) lives in the backend-specific text of a Migration.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace mosaik::storage {

enum class Backend { sqlite, postgres };
std::string_view to_string(Backend b) noexcept;

// Binary data (images): a BLOB in SQLite, a bytea in PostgreSQL. Text columns take std::string.
struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

// A bound parameter or a result cell. NULL is std::monostate; booleans travel as int64 0/1.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

inline Value null_value() {
  return std::monostate{};
}
// One result row. Accessors check the column index and the type; a mismatch throws
// Error(Errc::internal) (a programming error in the caller's SQL).
class Row {
 public:
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}
  std::size_t size() const noexcept { return cells_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t integer(std::size_t i) const;  // also accepts a double with an integral value
  double real(std::size_t i) const;           // also accepts an integer
  const std::string& text(std::size_t i) const;
  const std::string& blob(std::size_t i) const;  // the bytes of a Blob cell
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
  const Value& at(std::size_t i) const;

 private:
  std::vector<Value> cells_;
};

struct Rows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
  bool empty() const noexcept { return rows.empty(); }
  std::size_t size() const noexcept { return rows.size(); }
};

// A unit of work. Obtained only inside Store::transact; must not escape the callback.
// Failures throw mosaik::Error: Errc::conflict for a unique, primary-key or foreign-key
// violation; Errc::unavailable when the database cannot be reached or stays locked;
// Errc::internal for SQL errors (a bug). Store::transact catches them and rolls back.
// A failed statement ends the transaction (PostgreSQL aborts it): do not catch an Error and
// carry on in the same transaction; later statements rethrow it and transact returns it.
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual Rows query(std::string_view sql, std::span<const Value> params) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, std::span<const Value> params) = 0;
  // Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;

  Rows query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::int64_t execute(std::string_view sql, std::initializer_list<Value> params = {}) {
    return execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // The first row, or nullopt.
  std::optional<Row> query_one(std::string_view sql, std::initializer_list<Value> params = {}) {
    auto rows = query(sql, params);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.rows.front());
  }
};

enum class Access {
  read,   // a consistent snapshot; may run concurrently with other reads and writes
  write,  // serialisable with respect to other writes; durable when transact returns success
};

struct PoolStats {
  std::size_t size = 0;     // connections opened
  std::size_t in_use = 0;   // handed out right now
  std::size_t waiting = 0;  // callers waiting for a connection
};

struct StoreOptions {
  std::size_t pool_size = 8;
  std::int64_t busy_timeout_ms = 5000;  // SQLite lock wait; PostgreSQL connection wait
};

class Store {
 public:
  virtual ~Store() = default;

  virtual Backend backend() const noexcept = 0;

  // Runs `work` in one transaction: commits when it returns, rolls back when it throws. A
  // mosaik::Error thrown by `work` or by the database is returned; any other exception is
  // returned as Errc::internal. Thread safe. A successful write is durable (SQLite WAL with
  // synchronous=FULL; PostgreSQL commit) before this returns.
  // Write transactions behave as if run one after another (SQLite: one writer at a time;
  // PostgreSQL: SERIALIZABLE). A backend may run `work` again after a serialisation failure or
  // deadlock, so `work` must have no effects outside the transaction.
  virtual Result<void> transact(Access access, const std::function<void(Transaction&)>& work) = 0;

  // Checks that the database answers. Thread safe.
  virtual Result<void> ping() = 0;

  virtual PoolStats pool_stats() const = 0;

  // Convenience: transact with a result value.
  template <class F>
  auto read(F&& work) -> Result<decltype(work(std::declval<Transaction&>()))> {
    return run<decltype(work(std::declval<Transaction&>()))>(Access::read, std::forward<F>(work));
  }
  template <class F>
  auto write(F&& work) -> Result<decltype(work(std::declval<Transaction&>()))> {
    return run<decltype(work(std::declval<Transaction&>()))>(Access::write, std::forward<F>(work));
  }

 private:
  template <class T, class F>
  Result<T> run(Access access, F&& work) {
    if constexpr (std::is_void_v<T>) {
      return transact(access, [&](Transaction& tx) { work(tx); });
    } else {
      std::optional<T> out;
      auto r = transact(access, [&](Transaction& tx) { out.emplace(work(tx)); });
      if (!r) return std::move(r).error();
      return std::move(*out);
    }
  }
};

// Opens a store from a URL: "sqlite:PATH" (the file and its directory are created) or
// "postgresql://user:password@host:port/db" / "postgres://...". Errors: validation_failed for
// an unsupported URL, unavailable when the database cannot be opened or reached.
Result<std::unique_ptr<Store>> open_store(const std::string& url, const StoreOptions& options = {});

// Backend constructors (used by open_store and the tests).
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const StoreOptions& options);
Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url,
                                                   const StoreOptions& options);

}  // namespace mosaik::storage
