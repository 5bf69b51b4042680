#include "support/test_database.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace mosaik::testing {

std::string& selected_backend() {
  // TEST_BACKEND lets ctest run the integration suite against PostgreSQL too.
  static std::string backend = [] {
    const char* env = std::getenv("TEST_BACKEND");
    return std::string(env && *env ? env : "sqlite");
  }();
  return backend;
}

void parse_backend_flag(int& argc, char** argv) {
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("--backend="))
      selected_backend() = arg.substr(10);
    else
      argv[out++] = argv[i];
  }
  argc = out;
}

namespace {

// The URL of the PostgreSQL test server: $PG_TEST_URL, or the first line of $PG_TEST_URL_FILE.
std::string postgres_url() {
  if (const char* url = std::getenv("PG_TEST_URL"); url && *url) return url;
  if (const char* file = std::getenv("PG_TEST_URL_FILE"); file && *file) {
    std::ifstream in(file);
    std::string line;
    if (std::getline(in, line) && !line.empty()) return line;
  }
  throw std::runtime_error(
      "--backend=postgres needs PG_TEST_URL or PG_TEST_URL_FILE (ctest's postgres fixture sets "
      "it)");
}

std::string unique_name() {
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(rd());
}

}  // namespace

TestDatabase::TestDatabase() {
  if (selected_backend() == "sqlite") {
    sqlite_dir_ =
        (std::filesystem::temp_directory_path() / ("mosaik_test_" + unique_name())).string();
    std::filesystem::create_directories(sqlite_dir_);
    url_ = "sqlite:" + sqlite_dir_ + "/test.db";
    return;
  }
  if (selected_backend() != "postgres")
    throw std::runtime_error("unknown backend " + selected_backend());
  // Every TestDatabase gets its own empty schema of the throw-away database (first in the
  // search_path of every connection made with url()), so that several may be in use at once.
  auto base = postgres_url();
  schema_ = "test_" + unique_name();
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema_;
  auto store = storage::open_store(base);
  if (!store) throw std::runtime_error("cannot open test database: " + store.error().detail());
  auto r = (*store)->transact(storage::Access::write, [&](storage::Transaction& tx) {
    tx.execute_script("CREATE SCHEMA " + schema_);
  });
  if (!r) throw std::runtime_error("cannot create test schema: " + r.error().detail());
  admin_ = std::move(*store);
}

TestDatabase::~TestDatabase() {
  if (admin_) {
    // Best effort: a server still connected to the schema keeps its own connections.
    (void)admin_->transact(storage::Access::write, [&](storage::Transaction& tx) {
      tx.execute_script("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    });
  }
  if (!sqlite_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(sqlite_dir_, ec);
  }
}

std::unique_ptr<storage::Store> TestDatabase::open(storage::StoreOptions options) const {
  auto store = storage::open_store(url_, options);
  if (!store) throw std::runtime_error("cannot open test database: " + store.error().detail());
  return std::move(*store);
}

}  // namespace mosaik::testing
