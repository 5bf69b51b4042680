#include "modules/waste/waste_demo.hpp"

#include <fmt/format.h>

#include "core/json_reader.hpp"
#include "modules/waste/waste_module.hpp"
#include "modules/waste/waste_settings.hpp"
#include "modules/waste/waste_store.hpp"
#include "platform/identity/audit.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::waste {

namespace {

using namespace std::chrono;

// The `n`-th (1-based) `weekday` (1 = Monday) of a month.
Day nth_weekday(int year, int month, int n, int weekday) {
  auto wd = std::chrono::weekday(static_cast<unsigned>(weekday % 7));
  return Day(std::chrono::year(year) / std::chrono::month(static_cast<unsigned>(month)) /
             weekday_indexed(wd, static_cast<unsigned>(n)));
}

struct DemoArea {
  Area area;
  struct Round {
    std::string type;
    int weekday, every_weeks, week;
  };
  std::vector<Round> rounds;
  struct Date {
    std::string type;
    int month, week, weekday;
  };
  std::vector<Date> dates;
};

void check_type(JsonReader& r, const WasteSettings& settings, const std::string& type) {
  if (!settings.type(type)) r.fail("type", fmt::format("'{}' is not a waste type", type));
}

std::vector<DemoArea> read_areas(JsonReader& r, const WasteSettings& settings) {
  std::vector<DemoArea> out;
  const json::array* areas = r.array("areas", true, 100);
  for (std::size_t i = 0; i < areas->size(); ++i) {
    auto key = fmt::format("areas[{}]", i);
    if (!(*areas)[i].is_object()) r.fail(key, "must be an object");
    JsonReader a((*areas)[i].as_object(), r.path(key));
    DemoArea area;
    area.area = {a.text("code", 40), a.text("name", 120), a.text("district", 63)};
    const json::array* rhythms = a.array("rhythms", true, 20);
    for (std::size_t j = 0; j < rhythms->size(); ++j) {
      auto rkey = fmt::format("rhythms[{}]", j);
      if (!(*rhythms)[j].is_object()) a.fail(rkey, "must be an object");
      JsonReader x((*rhythms)[j].as_object(), a.path(rkey));
      DemoArea::Round round{x.text("type", 40), static_cast<int>(x.integer("weekday", 1, 6)),
                            static_cast<int>(x.integer("every_weeks", 1, 4)),
                            static_cast<int>(x.integer("week", 0, 3))};
      check_type(x, settings, round.type);
      x.finish();
      area.rounds.push_back(round);
    }
    const json::array* dates = a.array("dates", true, 50);
    for (std::size_t j = 0; j < dates->size(); ++j) {
      auto dkey = fmt::format("dates[{}]", j);
      if (!(*dates)[j].is_object()) a.fail(dkey, "must be an object");
      JsonReader x((*dates)[j].as_object(), a.path(dkey));
      DemoArea::Date date{x.text("type", 40), static_cast<int>(x.integer("month", 1, 12)),
                          static_cast<int>(x.integer("week", 1, 4)),
                          static_cast<int>(x.integer("weekday", 1, 6))};
      check_type(x, settings, date.type);
      x.finish();
      area.dates.push_back(date);
    }
    a.finish();
    out.push_back(std::move(area));
  }
  return out;
}

std::vector<StreetSegment> read_streets(JsonReader& r) {
  std::vector<StreetSegment> out;
  const json::array* streets = r.array("streets", true, 5000);
  for (std::size_t i = 0; i < streets->size(); ++i) {
    auto key = fmt::format("streets[{}]", i);
    const auto& v = (*streets)[i];
    if (!v.is_array() || (v.as_array().size() != 3 && v.as_array().size() != 6))
      r.fail(key, "must be [street, district, area] or [..., from, to, parity]");
    const auto& a = v.as_array();
    auto text = [&](std::size_t j) {
      if (!a[j].is_string()) r.fail(key, "must hold strings");
      return std::string(a[j].as_string());
    };
    StreetSegment s{text(0), text(1), std::nullopt, std::nullopt, Parity::all, text(2)};
    if (a.size() == 6) {
      if (!text(3).empty()) s.from = parse_house_number(text(3));
      if (!text(4).empty()) s.to = parse_house_number(text(4));
      s.parity = parse_parity(text(5)).value_or(Parity::all);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<std::size_t> load_demo_waste(storage::Store& store, const tenants::City& city,
                                    const json::object& doc, int year) {
  auto settings = WasteSettings::of(city);
  struct Demo {
    std::vector<DemoArea> areas;
    std::vector<StreetSegment> streets;
  };
  auto demo = read_strictly<Demo>([&] {
    JsonReader r(doc);
    r.text("comment", 2000, "");
    Demo d{read_areas(r, settings), read_streets(r)};
    r.finish();
    return d;
  });
  if (!demo) return demo.error();
  std::vector<Area> areas;
  for (const auto& a : demo->areas) areas.push_back(a.area);
  auto done = store.transact(storage::Access::write, [&](storage::Transaction& tx) {
    replace_streets(tx, city.id, areas, demo->streets);
    for (int y : {year, year + 1}) {
      std::vector<Rhythm> rhythms;
      std::vector<OneOff> one_offs;
      for (const auto& a : demo->areas) {
        for (const auto& round : a.rounds) {
          auto first = nth_weekday(y, 1, 1, round.weekday) + weeks(round.week);
          rhythms.push_back({a.area.code, round.type, first,
                             Day(std::chrono::year(y) / December / 31), round.every_weeks});
        }
        for (const auto& date : a.dates)
          one_offs.push_back(
              {a.area.code, date.type, nth_weekday(y, date.month, date.week, date.weekday)});
      }
      replace_year(tx, city.id, y, "", rhythms, one_offs);
    }
    identity::record_audit(tx, identity::cli_actor(),
                           {city.slug, "waste.import", "waste_plan", "demo", nullptr,
                            json::object{{"streets", demo->streets.size()}}});
  });
  if (!done) return done.error();
  return demo->streets.size();
}

namespace demo {
std::string_view embedded_file(std::string_view name);  // src/modules/waste/demo/, generated
}

Result<std::optional<std::string>> WasteModule::load_demo(storage::Store& store,
                                                          const tenants::City& city) const {
  return load_demo_document(
      "waste", city, demo::embedded_file, [&](const json::object& doc) -> Result<std::string> {
        auto now = std::chrono::system_clock::now();
        auto year = static_cast<int>(
            std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
        auto n = load_demo_waste(store, city, doc, year);
        if (!n) return n.error();
        return fmt::format("a waste plan of {} streets", *n);
      });
}

}  // namespace mosaik::modules::waste
