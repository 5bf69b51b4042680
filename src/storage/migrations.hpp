// Versioned schema migrations, per module. Applied in (module order, version) order at start-up
// or by `mosaik migrate`, each in its own transaction, recorded in `schema_migrations` with a
// checksum. A released migration is never edited: a changed checksum stops start-up.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace mosaik::storage {

struct Migration {
  std::string module;    // "core", "tenants", or a module name
  int version;           // 1, 2, 3... per module, without gaps
  std::string name;      // short description
  std::string sqlite;    // SQL for SQLite
  std::string postgres;  // SQL for PostgreSQL; empty: same as `sqlite`
};

// Table definitions are written once for both backends with two placeholders for the column
// types that differ: "{id}" (the identity primary key: INTEGER PRIMARY KEY AUTOINCREMENT on
// SQLite, BIGSERIAL PRIMARY KEY on PostgreSQL) and "{blob}" (BLOB, BYTEA).
std::string portable_sql(std::string_view sql, Backend backend);
// A migration whose two backends differ only in those column types.
Migration portable_migration(std::string module, int version, std::string name,
                             std::string_view sql);

struct MigrationStatus {
  std::vector<const Migration*> pending;
  std::size_t applied = 0;
};

using MigrationProgress =
    std::function<void(const Migration&, std::size_t index, std::size_t total)>;

// Checks the recorded migrations against `all` without writing (an unmigrated database has all
// of them pending): errors (Errc::conflict) for an edited migration or one recorded in the
// database but unknown to this binary (a newer release ran here).
Result<MigrationStatus> migration_status(Store& store, const std::vector<Migration>& all);

// Applies the pending migrations; returns how many. Safe to run from several processes at
// once (PostgreSQL: advisory lock; SQLite: write transaction).
Result<std::size_t> migrate(Store& store, const std::vector<Migration>& all,
                            const MigrationProgress& progress = {});

}  // namespace mosaik::storage
