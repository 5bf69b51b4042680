// Test databases for the storage suites: a fresh SQLite file per test, or a fresh schema in
// the throw-away PostgreSQL server that the ctest fixture `postgres` starts
// (scripts/pg-test-server). The backend comes from the command line (--backend=sqlite|postgres)
// or the environment (TEST_BACKEND); default sqlite.
#pragma once

#include <memory>
#include <string>

#include "storage/store.hpp"

namespace mosaik::testing {

// From --backend (see parse_backend_flag) or TEST_BACKEND; "sqlite" when neither is given.
std::string& selected_backend();

// A database for one test, emptied before use and removed (SQLite) afterwards.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  const std::string& url() const { return url_; }
  // Opens a new Store on the database (several may be open at once).
  std::unique_ptr<storage::Store> open(storage::StoreOptions options = {}) const;

 private:
  std::string url_;
  std::string sqlite_dir_;
  std::string schema_;                     // PostgreSQL
  std::unique_ptr<storage::Store> admin_;  // PostgreSQL: creates and drops the schema
};

// Parses --backend=... out of argv (call before InitGoogleTest).
void parse_backend_flag(int& argc, char** argv);

}  // namespace mosaik::testing
