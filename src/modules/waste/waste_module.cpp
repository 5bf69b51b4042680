#include "modules/waste/waste_module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "http/problem.hpp"
#include "modules/waste/waste_calendar.hpp"
#include "modules/waste/waste_ical.hpp"
#include "modules/waste/waste_import.hpp"
#include "modules/waste/waste_json.hpp"
#include "modules/waste/waste_store.hpp"
#include "platform/tenants/city.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::waste {

namespace {

// ---------------------------------------------------------------------------------------------
// Imports

std::string_view kind_name(ImportKind kind) {
  switch (kind) {
    case ImportKind::dates:
      return "dates";
    case ImportKind::calendar:
      return "calendar";
    case ImportKind::streets:
      break;
  }
  return "streets";
}

}  // namespace

std::optional<ImportKind> parse_import_kind(std::string_view text) {
  if (text == "streets") return ImportKind::streets;
  if (text == "dates") return ImportKind::dates;
  if (text == "calendar") return ImportKind::calendar;
  return std::nullopt;
}

Result<json::object> run_import(storage::Store& store, PlanCache& plans, const tenants::City& city,
                                const ImportRequest& request, const identity::Actor& actor,
                                std::vector<json::object>& problems) {
  if (request.text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return validation_error("body", "The file is empty");
  if (!is_clean_utf8(request.text))
    return validation_error("body", "The file must be UTF-8 text without control characters");
  auto current = plans.get(store, city.id, /*fresh=*/true);
  if (!current) return current.error();
  const Plan& plan = (*current)->plan;
  auto settings = WasteSettings::of(city);

  json::object summary{{"kind", kind_name(request.kind)}, {"dry_run", request.dry_run}};
  std::vector<ImportProblem> errors;
  StreetsImport streets;
  DatesImport dates;
  Replaced replaced;
  if (request.kind == ImportKind::streets) {
    std::set<std::string> districts;
    for (const auto& d : city.districts) districts.insert(d.id);
    streets = parse_streets_csv(request.text, districts);
    errors = streets.errors;
    summary["rows"] = streets.rows;
    summary["areas"] = streets.areas.size();
    summary["streets"] = streets.streets.size();
    summary["rhythms"] = 0;
    summary["dates"] = 0;
    replaced.streets = plan.streets.size();
  } else {
    if (request.kind == ImportKind::calendar) {
      if (!(*current)->area(request.area))
        return Error(Errc::validation_failed,
                     fmt::format("{} has no collection area '{}' (import the streets first)",
                                 city.name, request.area),
                     "area");
      dates = parse_area_ics(request.text, request.year, request.area, settings.types);
    } else {
      std::set<std::string> areas;
      for (const auto& a : plan.areas) areas.insert(a.code);
      dates = parse_dates_csv(request.text, request.year, areas, settings.types);
    }
    errors = dates.errors;
    summary["rows"] = dates.rows;
    std::set<std::string> areas;
    for (const auto& r : dates.rhythms) areas.insert(r.area);
    for (const auto& o : dates.one_offs) areas.insert(o.area);
    summary["areas"] = areas.size();
    summary["streets"] = 0;
    summary["rhythms"] = dates.rhythms.size();
    summary["dates"] = dates.one_offs.size();
    std::string_view only =
        request.kind == ImportKind::calendar ? std::string_view(request.area) : std::string_view();
    for (const auto& r : plan.rhythms)
      if (year_of(r.first) == request.year && (only.empty() || r.area == only)) ++replaced.rhythms;
    for (const auto& o : plan.one_offs)
      if (year_of(o.date) == request.year && (only.empty() || o.area == only)) ++replaced.dates;
  }
  if (!errors.empty()) {
    for (const auto& e : errors) problems.push_back(problem_json(e));
    const auto& first = errors.front();
    return validation_error(
        "body", fmt::format("{} problem(s), nothing was imported; the first: line {}"
                            "{}: {}",
                            errors.size(), first.line,
                            first.field.empty() ? "" : " (" + first.field + ")", first.message));
  }
  if (!request.dry_run) {
    auto done = store.transact(storage::Access::write, [&](storage::Transaction& tx) {
      if (request.kind == ImportKind::streets) {
        auto removed = replace_streets(tx, city.id, streets.areas, streets.streets);
        replaced.areas = removed.areas;
        replaced.streets = removed.streets;
      } else {
        std::string_view only = request.kind == ImportKind::calendar
                                    ? std::string_view(request.area)
                                    : std::string_view();
        replaced = replace_year(tx, city.id, request.year, only, dates.rhythms, dates.one_offs);
      }
      auto after = summary;
      if (request.year) after["year"] = request.year;
      if (!request.area.empty()) after["area"] = request.area;
      identity::record_audit(tx, actor,
                             {city.slug, "waste.import", "waste_plan",
                              std::string(kind_name(request.kind)), nullptr, after});
    });
    if (!done) return done.error();
    plans.invalidate(city.id);
  }
  summary["replaced"] = json::object{{"areas", replaced.areas},
                                     {"streets", replaced.streets},
                                     {"rhythms", replaced.rhythms},
                                     {"dates", replaced.dates}};
  return summary;
}

std::vector<MapLayer> WasteModule::map_layers(std::string_view city_slug) const {
  return {{"waste_dropoffs", fmt::format("/api/v1/cities/{}/waste/dropoffs", city_slug),
           "Wertstoffhöfe und Container", "Recycling centres and containers"}};
}

std::vector<storage::Migration> WasteModule::migrations() const {
  return waste_migrations();
}

}  // namespace mosaik::modules::waste
