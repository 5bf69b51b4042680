#include "storage/migrations.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

#include "core/clock.hpp"
#include "core/hash.hpp"

namespace mosaik::storage {
namespace {

const char* const kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " checksum TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL,"
    " PRIMARY KEY (module, version))";

}  // namespace

std::string portable_sql(std::string_view sql, Backend backend) {
  const bool pg = backend == Backend::postgres;
  std::string out(sql);
  for (auto [placeholder, sqlite, postgres] :
       {std::tuple{std::string_view("{id}"), std::string_view("INTEGER PRIMARY KEY AUTOINCREMENT"),
                   std::string_view("BIGSERIAL PRIMARY KEY")},
        std::tuple{std::string_view("{blob}"), std::string_view("BLOB"),
                   std::string_view("BYTEA")}}) {
    auto type = pg ? postgres : sqlite;
    for (auto at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + type.size()))
      out.replace(at, placeholder.size(), type);
  }
  return out;
}

Migration portable_migration(std::string module, int version, std::string name,
                             std::string_view sql) {
  return {std::move(module), version, std::move(name), portable_sql(sql, Backend::sqlite),
          portable_sql(sql, Backend::postgres)};
}

namespace {

const std::string& sql_for(const Migration& m, Backend b) {
  return b == Backend::postgres && !m.postgres.empty() ? m.postgres : m.sqlite;
}

std::string checksum(std::string_view sql) {
  return fnv1a_64_hex(sql);
}

// Reads the applied set and checks it against `all`; throws Error on mismatch.
MigrationStatus check(Transaction& tx, Backend backend, const std::vector<Migration>& all) {
  std::map<std::pair<std::string, std::int64_t>, std::string> applied;
  for (const auto& row : tx.query("SELECT module, version, checksum FROM schema_migrations").rows)
    applied.emplace(std::make_pair(row.text(0), row.integer(1)), row.text(2));
  MigrationStatus status;
  std::map<std::pair<std::string, std::int64_t>, const Migration*> known;
  for (const auto& m : all) known.emplace(std::make_pair(m.module, std::int64_t{m.version}), &m);
  for (const auto& [key, sum] : applied) {
    auto it = known.find(key);
    if (it == known.end())
      throw Error(Errc::conflict,
                  fmt::format("the database has migration {} #{} which this binary does not know; "
                              "is an older Mosaik running against a newer database?",
                              key.first, key.second));
    if (checksum(sql_for(*it->second, backend)) != sum)
      throw Error(Errc::conflict,
                  fmt::format("migration {} #{} ({}) was changed after it was applied; released "
                              "migrations must never be edited — add a new one instead",
                              key.first, key.second, it->second->name));
  }
  for (const auto& m : all)
    if (!applied.contains({m.module, m.version})) status.pending.push_back(&m);
  status.applied = applied.size();
  return status;
}

void validate_list(const std::vector<Migration>& all) {
  std::map<std::string, int> last;
  for (const auto& m : all) {
    int expected = last[m.module] + 1;
    if (m.version != expected)
      throw Error(Errc::internal, fmt::format("migration {} #{} out of order: expected #{}",
                                              m.module, m.version, expected));
    last[m.module] = m.version;
  }
}

}  // namespace

Result<MigrationStatus> migration_status(Store& store, const std::vector<Migration>& all) {
  // Read-only, so that readiness probes neither take SQLite's write lock nor fail on a
  // PostgreSQL standby.
  bool has_table = false;
  auto exists = store.transact(Access::read, [&](Transaction& tx) {
    validate_list(all);
    has_table = store.backend() == Backend::postgres
                    ? !tx.query_one("SELECT to_regclass('schema_migrations')")->is_null(0)
                    : tx.query_one(
                            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                            "'schema_migrations'")
                          .has_value();
  });
  if (!exists) return std::move(exists).error();
  if (!has_table) {
    MigrationStatus status;
    for (const auto& m : all) status.pending.push_back(&m);
    return status;
  }
  std::optional<MigrationStatus> status;
  auto r = store.transact(Access::read,
                          [&](Transaction& tx) { status = check(tx, store.backend(), all); });
  if (!r) return std::move(r).error();
  return std::move(*status);
}

Result<std::size_t> migrate(Store& store, const std::vector<Migration>& all,
                            const MigrationProgress& progress) {
  if (auto created =
          store.transact(Access::write, [](Transaction& tx) { tx.execute_script(kCreateTable); });
      !created)
    return std::move(created).error();
  auto status = migration_status(store, all);
  if (!status) return std::move(status).error();
  std::size_t done = 0;
  std::size_t total = status->pending.size();
  for (const Migration* m : status->pending) {
    if (progress) progress(*m, done, total);
    bool skipped = false;
    auto r = store.transact(Access::write, [&](Transaction& tx) {
      if (store.backend() == Backend::postgres) tx.query("SELECT pg_advisory_xact_lock(7316462)");
      // Another process may have applied it while we waited for the lock.
      if (tx.query_one("SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2",
                       {m->module, std::int64_t{m->version}})) {
        skipped = true;
        return;
      }
      const auto& sql = sql_for(*m, store.backend());
      tx.execute_script(sql);
      tx.execute(
          "INSERT INTO schema_migrations (module, version, name, checksum, applied_at) VALUES ($1, "
          "$2, $3, $4, $5)",
          {m->module, std::int64_t{m->version}, m->name, checksum(sql), unix_millis()});
    });
    if (!r) {
      const auto& e = r.error();
      return Error(e.code(), fmt::format("migration {} #{} ({}) failed: {}", m->module, m->version,
                                         m->name, e.detail()));
    }
    if (!skipped) ++done;
  }
  return done;
}

}  // namespace mosaik::storage
