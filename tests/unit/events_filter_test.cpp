// The events list's filters (events_filter.hpp) as plain logic over a query string: the days
// `when` names in the city's time zone, the bounds, the checks that name their parameter, and
// which events pass category, district, price and distance.
#include "modules/events/events_filter.hpp"

#include <gtest/gtest.h>

#include "modules/events/events_module.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::events {
namespace {

struct EventsFilter : ::testing::Test {
  tenants::City city = [] {
    tenants::City c;
    c.slug = "dortmund";
    c.name = "Dortmund";
    c.time_zone = "Europe/Berlin";
    c.districts = {{"hoerde", "Hörde"}, {"eving", "Eving"}};
    c.modules["events"] = {true, EventsModule().validate_settings({}).value()};  // the defaults
    return c;
  }();
  CityRules rules = CityRules::of(city);
  // Wednesday, 2026-12-02 10:00 in Berlin (09:00 UTC).
  std::int64_t now = 1'796'202'000'000;

  Result<ListFilter> read(std::string query) {
    http::Request request;
    request.query = query_storage = std::move(query);
    return read_filter(request, rules, now);
  }
  std::string refused(std::string query) {
    auto f = read(std::move(query));
    EXPECT_FALSE(f.ok());
    return f ? std::string() : std::string(f.error().field());
  }
  std::string query_storage;
};

TEST_F(EventsFilter, WhenNamesTheCitysDaysAndFromToAreBounds) {
  auto today = read("when=today").value();
  EXPECT_EQ(format_rfc3339(today.from_ms, rules.zone), "2026-12-02T00:00:00+01:00");
  EXPECT_EQ(format_rfc3339(today.to_ms, rules.zone), "2026-12-03T00:00:00+01:00");
  auto weekend = read("when=weekend").value();
  EXPECT_EQ(format_rfc3339(weekend.from_ms, rules.zone), "2026-12-05T00:00:00+01:00");
  EXPECT_EQ(format_rfc3339(weekend.to_ms, rules.zone), "2026-12-07T00:00:00+01:00");
  auto upcoming = read("").value();
  EXPECT_EQ(upcoming.from_ms, now);
  auto days = read("from=2026-12-10&to=2026-12-11").value();
  EXPECT_EQ(format_rfc3339(days.from_ms, rules.zone), "2026-12-10T00:00:00+01:00");
  EXPECT_EQ(format_rfc3339(days.to_ms, rules.zone), "2026-12-12T00:00:00+01:00")
      << "a `to` date includes its whole day";
  auto instant = read("from=2026-12-10T18:00:00Z").value();
  EXPECT_EQ(format_rfc3339(instant.from_ms, rules.zone), "2026-12-10T19:00:00+01:00");
}

TEST_F(EventsFilter, EveryBadParameterIsNamed) {
  EXPECT_EQ(refused("when=tomorrow"), "when");
  EXPECT_EQ(refused("when=today&from=2026-12-10"), "when");
  EXPECT_EQ(refused("from=gestern"), "from");
  EXPECT_EQ(refused("from=2026-12-10&to=2026-12-08"), "to");
  EXPECT_TRUE(read("from=2026-12-10&to=2026-12-09").ok()) << "to includes its day: the same day";
  EXPECT_EQ(refused("category=ufo"), "category");
  EXPECT_EQ(refused("district=atlantis"), "district");
  EXPECT_EQ(refused("free=ja"), "free");
  EXPECT_EQ(refused("near=51.5"), "near");
  EXPECT_EQ(refused("near=91,7"), "near");
  EXPECT_EQ(refused("radius_m=100"), "radius_m");
  EXPECT_EQ(refused("near=51.5,7.4&radius_m=0"), "radius_m");
}

TEST_F(EventsFilter, EventsPassByCategoryDistrictPriceAndDistance) {
  Event e;
  e.category = "sport";
  e.districts = {"hoerde"};
  e.free = true;
  e.venue = Venue{"Phoenix-See", "", 51.4885, 7.5114};
  auto f =
      read("category=sport&district=hoerde&free=true&near=51.4900,7.5100&radius_m=500").value();
  EXPECT_TRUE(matches(e, f));
  f.radius_m = 100;  // about 190 m away
  EXPECT_FALSE(matches(e, f));
  EXPECT_FALSE(matches(e, read("district=eving").value()));
  EXPECT_FALSE(matches(e, read("free=false").value()));
  EXPECT_FALSE(matches(e, read("category=kultur").value()));
  e.venue.reset();
  EXPECT_FALSE(matches(e, read("near=51.49,7.51").value())) << "no place, no distance";
}

TEST(EventsCursor, IsStartAndIdOfTheLastItem) {
  EXPECT_EQ(occurrence_cursor("1796202000000:42"),
            (std::pair<std::int64_t, std::int64_t>{1'796'202'000'000, 42}));
  for (std::string bad : {"", "12", "a:1", "1:b", "1:2:3", ":1"})
    EXPECT_FALSE(occurrence_cursor(bad)) << bad;
}

}  // namespace
}  // namespace mosaik::modules::events
