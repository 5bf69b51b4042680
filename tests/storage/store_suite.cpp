// The storage contract: every backend passes these same tests (ctest runs this binary once with
// --backend=sqlite and once with --backend=postgres against a real server).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/migrations.hpp"
#include "support/test_database.hpp"

namespace mosaik::storage {
namespace {

using testing::TestDatabase;

const Migration kItems{
    "test", 1, "items table",
    "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
    " amount BIGINT, ratio DOUBLE PRECISION, note TEXT)",
    "CREATE TABLE items (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    " amount BIGINT, ratio DOUBLE PRECISION, note TEXT)"};
const Migration kCounter{"test", 2, "counter",
                         "CREATE TABLE counter (id INTEGER PRIMARY KEY, n BIGINT NOT NULL);"
                         "INSERT INTO counter (id, n) VALUES (1, 0);",
                         ""};

class StoreSuite : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = db_.open({.pool_size = 8, .busy_timeout_ms = 10000});
    auto r = migrate(*store_, {kItems, kCounter});
    ASSERT_TRUE(r.ok()) << r.error().detail();
  }
  std::int64_t count_items() {
    return store_
        ->read(
            [](Transaction& tx) { return tx.query_one("SELECT COUNT(*) FROM items")->integer(0); })
        .value();
  }
  TestDatabase db_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreSuite, PingAnswers) {
  EXPECT_TRUE(store_->ping().ok());
}

TEST_F(StoreSuite, ValuesRoundTripWithTheirTypes) {
  const std::string unicode = "Straße am Ölbach – Bürgerbüro 🚲";
  auto id = store_->write([&](Transaction& tx) {
    return tx
        .query_one(
            "INSERT INTO items (name, amount, ratio, note) VALUES ($1, $2, $3, $4) RETURNING id",
            {unicode, std::int64_t{9'007'199'254'740'993}, 0.125, null_value()})
        ->integer(0);
  });
  ASSERT_TRUE(id.ok()) << id.error().detail();
  auto row = store_->read([&](Transaction& tx) {
    return *tx.query_one("SELECT name, amount, ratio, note FROM items WHERE id = $1", {*id});
  });
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->text(0), unicode);
  EXPECT_EQ(row->integer(1), 9'007'199'254'740'993);
  EXPECT_DOUBLE_EQ(row->real(2), 0.125);
  EXPECT_TRUE(row->is_null(3));
  EXPECT_EQ(row->opt_text(3), std::nullopt);
  EXPECT_THROW((void)row->text(1), Error);
}

TEST_F(StoreSuite, BlobsRoundTripEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  bytes += std::string("\0\0\xFF\xD8", 4);
  auto ok = store_->transact(Access::write, [&](Transaction& tx) {
    tx.execute_script(store_->backend() == Backend::sqlite
                          ? "CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)"
                          : "CREATE TABLE blobs (id BIGINT PRIMARY KEY, data BYTEA NOT NULL)");
    tx.execute("INSERT INTO blobs (id, data) VALUES ($1, $2), ($3, $4)",
               {std::int64_t{1}, Blob{bytes}, std::int64_t{2}, Blob{}});
  });
  ASSERT_TRUE(ok.ok()) << ok.error().detail();
  auto rows =
      store_->read([](Transaction& tx) { return tx.query("SELECT data FROM blobs ORDER BY id"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->rows[0].blob(0), bytes);
  EXPECT_EQ(rows->rows[1].blob(0), "");
  EXPECT_THROW((void)rows->rows[0].text(0), Error);
}

TEST_F(StoreSuite, ParametersBindByNumberNotPosition) {
  ASSERT_TRUE(store_
                  ->write([](Transaction& tx) {
                    tx.execute("INSERT INTO items (amount, name) VALUES ($2, $1)",
                               {std::string("a"), std::int64_t{7}});
                  })
                  .ok());
  auto amount = store_->read([](Transaction& tx) {
    return tx
        .query_one("SELECT amount FROM items WHERE name = $1 AND amount = $2 AND $2 > 0",
                   {std::string("a"), std::int64_t{7}})
        ->integer(0);
  });
  ASSERT_TRUE(amount.ok()) << amount.error().detail();
  EXPECT_EQ(*amount, 7);
}

TEST_F(StoreSuite, UniqueViolationIsConflictAndRollsBackTheWholeTransaction) {
  auto r = store_->write([](Transaction& tx) {
    tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("first")});
    tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("second")});
    tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("first")});
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), Errc::conflict);
  EXPECT_EQ(count_items(), 0);
}

TEST_F(StoreSuite, ExceptionInWorkRollsBack) {
  auto r = store_->write([](Transaction& tx) {
    tx.execute("INSERT INTO items (name) VALUES ($1)", {std::string("x")});
    throw std::runtime_error("handler bug");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), Errc::internal);
  EXPECT_EQ(count_items(), 0);
  // An Error thrown by the work keeps its code.
  auto r2 =
      store_->write([](Transaction&) { throw Error(Errc::validation_failed, "bad", "name"); });
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().code(), Errc::validation_failed);
  EXPECT_EQ(r2.error().field(), "name");
}

TEST_F(StoreSuite, BadSqlIsInternalAndTheStoreKeepsWorking) {
  auto r = store_->read([](Transaction& tx) { tx.query("SELEC nonsense"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), Errc::internal);
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(store_->ping().ok());
}

TEST_F(StoreSuite, UpsertWithOnConflict) {
  for (std::int64_t n : {1, 2, 3}) {
    ASSERT_TRUE(store_
                    ->write([&](Transaction& tx) {
                      tx.execute(
                          "INSERT INTO items (name, amount) VALUES ($1, $2) "
                          "ON CONFLICT (name) DO UPDATE SET amount = excluded.amount",
                          {std::string("k"), n});
                    })
                    .ok());
  }
  EXPECT_EQ(count_items(), 1);
  auto amount = store_->read(
      [](Transaction& tx) { return tx.query_one("SELECT amount FROM items")->integer(0); });
  EXPECT_EQ(*amount, 3);
}

TEST_F(StoreSuite, ExecuteReturnsChangedRowCount) {
  auto changed = store_->write([](Transaction& tx) {
    for (int i = 0; i < 5; ++i)
      tx.execute("INSERT INTO items (name, amount) VALUES ($1, 1)", {std::to_string(i)});
    return tx.execute("UPDATE items SET amount = 2 WHERE amount = $1", {std::int64_t{1}});
  });
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 5);
}

TEST_F(StoreSuite, QueryOneOfNothingIsNullopt) {
  auto none = store_->read([](Transaction& tx) {
    return tx.query_one("SELECT id FROM items WHERE id = $1", {std::int64_t{42}}).has_value();
  });
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
}

TEST_F(StoreSuite, ConcurrentWritersLoseNoUpdate) {
  constexpr int kThreads = 8, kIncrements = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        // A read-modify-write: correct only if write transactions are serialisable.
        auto r = store_->write([](Transaction& tx) {
          auto n = tx.query_one("SELECT n FROM counter WHERE id = 1")->integer(0);
          tx.execute("UPDATE counter SET n = $1 WHERE id = 1", {n + 1});
        });
        if (!r.ok()) ++failures;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto n = store_->read([](Transaction& tx) {
    return tx.query_one("SELECT n FROM counter WHERE id = 1")->integer(0);
  });
  EXPECT_EQ(*n, kThreads * kIncrements);
}

TEST_F(StoreSuite, ReadersSeeCommittedDataOnlyWhileAWriterRuns) {
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    while (!stop) {
      auto r = store_->read([](Transaction& tx) {
        // Items are inserted in pairs within one transaction: a reader never sees an odd count.
        return tx.query_one("SELECT COUNT(*) FROM items")->integer(0);
      });
      if (!r.ok() || *r % 2 != 0) ++bad;
    }
  });
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(store_
                    ->write([&](Transaction& tx) {
                      tx.execute("INSERT INTO items (name) VALUES ($1)", {"a" + std::to_string(i)});
                      tx.execute("INSERT INTO items (name) VALUES ($1)", {"b" + std::to_string(i)});
                    })
                    .ok());
  }
  stop = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0);
}

TEST_F(StoreSuite, CommittedWritesAreVisibleToANewStore) {
  ASSERT_TRUE(
      store_->write([](Transaction& tx) { tx.execute("INSERT INTO items (name) VALUES ('kept')"); })
          .ok());
  store_.reset();
  auto other = db_.open();
  auto n = other->read([](Transaction& tx) {
    return tx.query_one("SELECT COUNT(*) FROM items WHERE name = 'kept'")->integer(0);
  });
  EXPECT_EQ(*n, 1);
}

TEST_F(StoreSuite, PoolStatsCountConnections) {
  auto during = store_->read([&](Transaction&) { return store_->pool_stats(); });
  ASSERT_TRUE(during.ok());
  EXPECT_GE(during->in_use, 1u);
  EXPECT_GE(during->size, 1u);
  auto after = store_->pool_stats();
  EXPECT_EQ(after.in_use, 0u);
  EXPECT_LE(after.size, 8u);
}

// --- migrations -------------------------------------------------------------------------------

TEST_F(StoreSuite, MigrationsAreRecordedAndNotReapplied) {
  auto again = migrate(*store_, {kItems, kCounter});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0u);
  auto status = migration_status(*store_, {kItems, kCounter});
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->applied, 2u);
  EXPECT_TRUE(status->pending.empty());
}

TEST_F(StoreSuite, EditedMigrationIsRefused) {
  Migration edited = kItems;
  edited.sqlite += " ";
  edited.postgres += " ";
  auto r = migrate(*store_, {edited, kCounter});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), Errc::conflict);
  EXPECT_NE(r.error().detail().find("changed after it was applied"), std::string::npos);
}

TEST_F(StoreSuite, StatusOfAnUnmigratedDatabaseListsEverythingPendingWithoutWriting) {
  TestDatabase fresh;
  auto store = fresh.open();
  auto status = migration_status(*store, {kItems, kCounter});
  ASSERT_TRUE(status.ok()) << status.error().detail();
  EXPECT_EQ(status->pending.size(), 2u);
  EXPECT_EQ(status->applied, 0u);
}

TEST_F(StoreSuite, MigrationUnknownToThisBinaryIsRefused) {
  auto r = migration_status(*store_, {kItems});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), Errc::conflict);
}

TEST_F(StoreSuite, FailedMigrationChangesNothing) {
  Migration broken{"test", 3, "broken",
                   "CREATE TABLE half (x INTEGER); CREATE TABLE items (dup INTEGER);", ""};
  auto r = migrate(*store_, {kItems, kCounter, broken});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().detail().find("test #3"), std::string::npos);
  auto status = migration_status(*store_, {kItems, kCounter, broken});
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->pending.size(), 1u);
  // The first statement of the failed migration was rolled back too.
  auto half = store_->read([](Transaction& tx) { tx.query("SELECT x FROM half"); });
  EXPECT_FALSE(half.ok());
}

TEST_F(StoreSuite, MigrationsMustBeNumberedWithoutGaps) {
  Migration gap{"test", 5, "gap", "SELECT 1", ""};
  auto r = migrate(*store_, {kItems, kCounter, gap});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), Errc::internal);
}

TEST_F(StoreSuite, MigrationProgressReportsEachStep) {
  Migration m3{"test", 3, "third", "CREATE TABLE third (x INTEGER)", ""};
  Migration m4{"test", 4, "fourth", "CREATE TABLE fourth (x INTEGER)", ""};
  std::vector<std::string> seen;
  auto r =
      migrate(*store_, {kItems, kCounter, m3, m4},
              [&](const Migration& m, std::size_t i, std::size_t total) {
                seen.push_back(m.name + " " + std::to_string(i + 1) + "/" + std::to_string(total));
              });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 2u);
  EXPECT_EQ(seen, (std::vector<std::string>{"third 1/2", "fourth 2/2"}));
}

}  // namespace
}  // namespace mosaik::storage
