#include "modules/events/events_demo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/clock.hpp"
#include "modules/events/events_import.hpp"
#include "modules/events/events_module.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::events {

namespace {
constexpr std::array<std::string_view, 7> kWeekdays = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};

int weekday_of(const LocalTime& date) {  // 0 = Sunday
  return static_cast<int>((to_utc_ms(date, utc_zone()) / 86'400'000 + 4) % 7);
}

std::string at(const LocalTime& date, const std::string& hh_mm) {
  return format_local(date) + "T" + hh_mm + ":00";
}
}  // namespace

Result<std::vector<json::object>> demo_event_inputs(const json::object& doc, LocalTime today) {
  return read_strictly<std::vector<json::object>>([&] {
    JsonReader r(doc);
    r.text("comment", 2000, "");
    const json::array* list = r.array("events", true, 500);
    std::vector<json::object> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto key = fmt::format("events[{}]", i);
      if (!(*list)[i].is_object()) r.fail(key, "must be an object");
      json::object input = (*list)[i].as_object();
      JsonReader e(input, r.path(key));
      e.text("uid", 255);
      auto offset = e.integer("day_offset", 0, 366);
      auto weekday = e.text("weekday", 2, "");
      bool all_day = e.boolean("all_day", false);
      auto date = add_days(today, static_cast<int>(offset));
      date.is_date = true;
      if (!weekday.empty()) {
        auto it = std::find(kWeekdays.begin(), kWeekdays.end(), weekday);
        if (it == kWeekdays.end()) e.fail("weekday", "must be MO, TU, WE, TH, FR, SA or SU");
        int want = static_cast<int>(it - kWeekdays.begin());
        date = add_days(date, (want - weekday_of(date) + 7) % 7);
      }
      std::string start, end;
      if (all_day) {
        auto days = e.integer("days", 1, 366, 1);
        start = format_local(date);
        end = format_local(add_days(date, static_cast<int>(days) - 1));
      } else {
        start = at(date, e.text("start_time", 5));
        end = at(date, e.text("end_time", 5));
      }
      // Occurrences left out, in days after the first ("exdate_offsets": [14]).
      json::array exdates;
      for (auto d : e.text_list("exdate_offsets", 20, 4, std::vector<std::string>{})) {
        auto skipped = add_days(date, std::stoi(d));
        exdates.emplace_back(all_day ? format_local(skipped)
                                     : at(skipped, input.at("start_time").as_string().c_str()));
      }
      if (!exdates.empty()) {
        if (!input.contains("recurrence") || !input["recurrence"].is_object())
          e.fail("exdate_offsets", "needs a recurrence");
        input["recurrence"].as_object()["exdates"] = std::move(exdates);
      }
      for (const char* k :
           {"uid", "day_offset", "weekday", "start_time", "end_time", "days", "exdate_offsets"})
        input.erase(k);
      input["start"] = start;
      input["end"] = end;
      input["status"] = "published";
      out.push_back(std::move(input));
    }
    return out;
  });
}

Result<std::size_t> load_demo_events(storage::Store& store, const tenants::City& city,
                                     const json::object& doc) {
  auto rules = CityRules::of(city);
  auto now = unix_millis();
  auto today = to_local(now, rules.zone);
  today.is_date = true;
  today.hour = today.minute = today.second = 0;
  auto inputs = demo_event_inputs(doc, today);
  if (!inputs) return std::move(inputs).error();
  ParsedImport parsed;
  const auto& list = doc.at("events").as_array();
  for (std::size_t i = 0; i < inputs->size(); ++i) {
    ImportItem item;
    item.line = i;
    item.uid = std::string(list[i].as_object().at("uid").as_string());
    item.input = std::move((*inputs)[i]);
    parsed.items.push_back(std::move(item));
  }
  std::vector<ImportProblem> errors;
  auto items = check_items(parsed, rules, errors);
  if (!errors.empty())
    return validation_error(
        fmt::format("events[{}].{}", errors.front().line, errors.front().field),
        fmt::format("demo event {}: {}", errors.front().line, errors.front().message));
  ImportSummary summary;
  auto written = store.write([&](storage::Transaction& tx) {
    apply_items(tx, city.id, rules, "demo", items, true, now, summary);
  });
  if (!written) return std::move(written).error();
  return summary.created;
}

namespace demo {
std::string_view embedded_file(std::string_view name);  // src/modules/events/demo/, generated
}

Result<std::optional<std::string>> EventsModule::load_demo(storage::Store& store,
                                                           const tenants::City& city) const {
  return load_demo_document("events", city, demo::embedded_file,
                            [&](const json::object& doc) -> Result<std::string> {
                              auto n = load_demo_events(store, city, doc);
                              if (!n) return n.error();
                              return fmt::format("{} events", *n);
                            });
}

}  // namespace mosaik::modules::events
