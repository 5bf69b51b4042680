// The waste tables on both backends (--backend=sqlite / postgres): a plan round-trips whole, a
// large street import goes in many rows per statement, a year is replaced alone (for one area or
// all), changes and shifts keep their fields, a second change of one pickup is a conflict, and
// every write bumps the plan's revision.
#include "modules/waste/waste_store.hpp"

#include <gtest/gtest.h>

#include "app/assembly.hpp"
#include "platform/tenants/city_store.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"

namespace mosaik::modules::waste {
namespace {

Day day(std::string_view text) {
  return *parse_day(text);
}

class WasteStore : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = db_.open({});
    auto catalog = app::make_module_catalog();
    auto migrated = storage::migrate(*store_, app::all_migrations(catalog));
    ASSERT_TRUE(migrated.ok()) << migrated.error().detail();
    tenants::City city;
    city.slug = "teststadt";
    city.name = "Teststadt";
    auto created = tenants::CityStore(*store_, catalog).create(city);
    ASSERT_TRUE(created.ok()) << created.error().detail();
    city_id_ = created->id;
  }
  void write(const std::function<void(storage::Transaction&)>& work) {
    auto r = store_->transact(storage::Access::write, work);
    EXPECT_TRUE(r.ok()) << r.error().detail();
  }
  Plan plan() {
    return store_->read([&](storage::Transaction& tx) { return load_plan(tx, city_id_); }).value();
  }
  std::int64_t revision() {
    return store_->read([&](storage::Transaction& tx) { return plan_revision(tx, city_id_); })
        .value();
  }

  testing::TestDatabase db_;
  std::unique_ptr<storage::Store> store_;
  std::int64_t city_id_ = 0;
};

TEST_F(WasteStore, APlanRoundTripsWholeAndInOrder) {
  EXPECT_EQ(revision(), 0);
  std::vector<StreetSegment> streets;
  // 1,001 segments: more than two statements' worth of rows.
  for (int i = 0; i < 1001; ++i)
    streets.push_back({"Straße " + std::to_string(i), i % 2 ? "mitte" : "", std::nullopt,
                       std::nullopt, Parity::all, i % 3 ? "A1" : "A2"});
  streets.push_back(
      {"Hauptstraße", "mitte", HouseNumber{2, ""}, HouseNumber{48, "b"}, Parity::even, "A2"});
  write([&](storage::Transaction& tx) {
    replace_streets(tx, city_id_, {{"A1", "Nord", "mitte"}, {"A2", "Süd", ""}}, streets);
  });
  EXPECT_EQ(revision(), 1);
  auto p = plan();
  ASSERT_EQ(p.streets.size(), streets.size());
  EXPECT_EQ(p.streets[500].street, "Straße 500");
  const auto& last = p.streets.back();
  EXPECT_EQ(last.from, (HouseNumber{2, ""}));
  EXPECT_EQ(last.to, (HouseNumber{48, "b"}));
  EXPECT_EQ(last.parity, Parity::even);
  ASSERT_EQ(p.areas.size(), 2u);
  EXPECT_EQ(p.areas[0].name, "Nord");

  // A new street list drops the area that lost its streets and has no dates.
  write([&](storage::Transaction& tx) {
    auto removed = replace_streets(tx, city_id_, {{"A1", "Nord-Ost", "mitte"}},
                                   {{"Ring", "", std::nullopt, std::nullopt, Parity::all, "A1"}});
    EXPECT_EQ(removed.streets, streets.size());
    EXPECT_EQ(removed.areas, 1u);
  });
  p = plan();
  ASSERT_EQ(p.areas.size(), 1u);
  EXPECT_EQ(p.areas[0].name, "Nord-Ost");
}

TEST_F(WasteStore, AYearIsReplacedAloneForOneAreaOrAll) {
  write([&](storage::Transaction& tx) {
    replace_streets(tx, city_id_, {{"A1", "", ""}, {"A2", "", ""}}, {});
    replace_year(tx, city_id_, 2026, "",
                 {{"A1", "restmuell", day("2026-01-05"), day("2026-12-31"), 2}},
                 {{"A1", "papier", day("2026-03-02")}});
    replace_year(tx, city_id_, 2027, "",
                 {{"A1", "restmuell", day("2027-01-04"), day("2027-12-31"), 2},
                  {"A2", "bio", day("2027-01-05"), day("2027-06-30"), 1}},
                 {{"A2", "papier", day("2027-03-02")}});
  });
  write([&](storage::Transaction& tx) {
    auto removed = replace_year(tx, city_id_, 2027, "A2", {}, {{"A2", "glas", day("2027-02-01")}});
    EXPECT_EQ(removed.rhythms, 1u);
    EXPECT_EQ(removed.dates, 1u);
  });
  auto p = plan();
  ASSERT_EQ(p.rhythms.size(), 2u);  // A1's of 2026 and 2027
  for (const auto& r : p.rhythms) EXPECT_EQ(r.area, "A1");
  ASSERT_EQ(p.one_offs.size(), 2u);
  std::set<std::string> dates;
  for (const auto& o : p.one_offs) dates.insert(format_day(o.date));
  EXPECT_EQ(dates, (std::set<std::string>{"2026-03-02", "2027-02-01"}));
  // Rhythm fields survive.
  auto it = std::find_if(p.rhythms.begin(), p.rhythms.end(),
                         [](const Rhythm& r) { return r.first == day("2027-01-04"); });
  ASSERT_NE(it, p.rhythms.end());
  EXPECT_EQ(it->every_weeks, 2);
  EXPECT_EQ(it->last, day("2027-12-31"));
}

TEST_F(WasteStore, ChangesAndShiftsKeepTheirFieldsAndOneChangePerPickup) {
  Change moved{0, "A1", "restmuell", day("2027-01-04"), day("2027-01-05"), "Straßenfest"};
  Change cancelled{0, "A1", "bio", day("2027-01-11"), std::nullopt, ""};
  Shift shift{0, day("2027-03-29"), day("2027-04-03"), 1, {"restmuell", "bio"}, "Ostern"};
  write([&](storage::Transaction& tx) {
    insert_change(tx, city_id_, moved, 1);
    insert_change(tx, city_id_, cancelled, 2);
    insert_shift(tx, city_id_, shift, 3);
  });
  EXPECT_GT(moved.id, 0);
  EXPECT_NE(moved.id, cancelled.id);
  auto p = plan();
  ASSERT_EQ(p.changes.size(), 2u);
  EXPECT_EQ(p.changes[0].new_date, day("2027-01-05"));
  EXPECT_EQ(p.changes[0].note, "Straßenfest");
  EXPECT_FALSE(p.changes[1].new_date.has_value());
  ASSERT_EQ(p.shifts.size(), 1u);
  EXPECT_EQ(p.shifts[0].types, (std::vector<std::string>{"restmuell", "bio"}));
  EXPECT_EQ(p.shifts[0].days, 1);

  Change again{0, "A1", "restmuell", day("2027-01-04"), std::nullopt, ""};
  auto twice =
      store_->write([&](storage::Transaction& tx) { insert_change(tx, city_id_, again, 4); });
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code(), Errc::conflict);

  auto before = revision();
  write([&](storage::Transaction& tx) {
    EXPECT_TRUE(delete_change(tx, city_id_, moved.id).has_value());
    EXPECT_FALSE(delete_change(tx, city_id_, moved.id).has_value());
    EXPECT_EQ(delete_shift(tx, city_id_, shift.id)->reason, "Ostern");
  });
  EXPECT_GT(revision(), before);
  EXPECT_EQ(plan().changes.size(), 1u);
  EXPECT_TRUE(plan().shifts.empty());
}

}  // namespace
}  // namespace mosaik::modules::waste
