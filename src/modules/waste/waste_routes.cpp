// The Abfallkalender's routes under /api/v1/cities/{city}/waste: thin handlers over the plan in
// memory (PlanCache), the calendar rules, the import and the store.
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
#include "modules/waste/waste_module.hpp"
#include "modules/waste/waste_store.hpp"
#include "platform/tenants/city.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::waste {

namespace {

// ---------------------------------------------------------------------------------------------
// Request helpers

constexpr int kMaxRangeDays = 400;
constexpr int kFeedPastDays = 28;
constexpr int kFeedFutureDays = 365;

std::string percent_encode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

Day today_in(const tenants::City& city) {
  auto zone = shared::zone_named(city.time_zone);
  if (!zone) zone = shared::zone_named("Europe/Berlin");
  auto local = shared::to_local(unix_millis(), zone);
  return Day(std::chrono::year_month_day{std::chrono::year(local.year),
                                         std::chrono::month(static_cast<unsigned>(local.month)),
                                         std::chrono::day(static_cast<unsigned>(local.day))});
}

Error no_area(const tenants::City& city, std::string_view code) {
  return Error(Errc::not_found, fmt::format("{} has no collection area '{}'", city.name, code),
               "code");
}

// "types=restmuell,bio" -> the set (empty: all). Unknown slugs: 422.
Result<std::set<std::string>> read_types(const http::RequestContext& ctx,
                                         const WasteSettings& settings) {
  std::set<std::string> out;
  auto text = ctx.request.query_param("types").value_or("");
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    auto slug = text.substr(start, end - start);
    if (!slug.empty()) {
      if (!settings.type(slug))
        return validation_error(
            "types", fmt::format("'{}' is not a waste type of {}", slug, ctx.city->name));
      out.insert(slug);
    }
    start = end + 1;
  }
  return out;
}

Result<std::optional<Day>> read_day_param(const http::RequestContext& ctx, std::string_view name) {
  auto text = ctx.request.query_param(name);
  if (!text) return std::optional<Day>{};
  auto day = parse_day(*text);
  if (!day) return validation_error(std::string(name), "must be a date like 2027-01-05");
  return std::optional<Day>{*day};
}

Result<int> read_year(const http::RequestContext& ctx, std::optional<int> fallback) {
  auto text = ctx.request.query_param("year");
  if (!text) {
    if (fallback) return *fallback;
    return validation_error("year", "year is required, e.g. year=2027");
  }
  int year = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), year);
  if (ec != std::errc() || p != text->data() + text->size() || year < 2000 || year > 2100)
    return validation_error("year", "must be a year between 2000 and 2100");
  return year;
}

Day first_of_year(int year) {
  return Day(std::chrono::year(year) / std::chrono::January / 1);
}
Day last_of_year(int year) {
  return Day(std::chrono::year(year) / std::chrono::December / 31);
}

// The segments of a street (by the index entry) and the single area they all map to, if any.
std::optional<std::string> single_area(const CityPlan& plan, std::size_t entry) {
  std::optional<std::string> area;
  for (auto i : plan.segments[entry]) {
    const auto& s = plan.plan.streets[i];
    if (area && *area != s.area) return std::nullopt;
    area = s.area;
  }
  return area;
}

bool planned_on(const Plan& plan, std::string_view area, std::string_view type, Day day) {
  for (const auto& o : plan.one_offs)
    if (o.area == area && o.type == type && o.date == day) return true;
  for (const auto& r : plan.rhythms) {
    if (r.area != area || r.type != type || day < r.first || day > r.last) continue;
    auto days = (day - r.first).count();
    if (days % (7 * r.every_weeks) == 0) return true;
  }
  return false;
}

Result<std::int64_t> id_param(const http::RequestContext& ctx, std::string_view what) {
  auto text = ctx.param("id");
  auto id = http::parse_positive_id(text);
  if (!id) return Error(Errc::not_found, fmt::format("There is no {} '{}'", what, text), "id");
  return *id;
}

Day read_body_day(JsonReader& r, std::string_view key) {
  auto text = r.text(key, 10);
  auto day = parse_day(text);
  if (!day) r.fail(key, "must be a date like 2027-01-05");
  return *day;
}

// Staff records of the plan (changes, shifts): listed; stored with their audit entry, 201 with
// the record; deleted with theirs, 204 (404 when there is none). `what` is "change" or "shift".
template <class T>
using Inserter = void (*)(storage::Transaction&, std::int64_t, T&, std::int64_t);
template <class T>
using Eraser = std::optional<T> (*)(storage::Transaction&, std::int64_t, std::int64_t);

template <class T>
http::Response list_records(storage::Store& store, PlanCache& plans, http::RequestContext& ctx,
                            std::vector<T> Plan::*records, json::object (*to_json)(const T&)) {
  auto plan = plans.get(store, ctx.city->id, /*fresh=*/true);
  if (!plan) return plan.error();
  json::array items;
  for (const auto& record : (*plan)->plan.*records) items.push_back(to_json(record));
  return http::json_response(200, json::serialize(json::object{{"items", std::move(items)}}));
}

template <class T>
http::Response create_record(storage::Store& store, PlanCache& plans, http::RequestContext& ctx,
                             std::string_view what, T& record, Inserter<T> insert,
                             json::object (*to_json)(const T&)) {
  auto saved = store.write([&](storage::Transaction& tx) {
    insert(tx, ctx.city->id, record, unix_millis());
    identity::record_audit(
        tx, identity::actor_of(ctx),
        {ctx.city->slug, fmt::format("waste.{}.create", what), fmt::format("waste_{}", what),
         std::to_string(record.id), nullptr, to_json(record)});
    return to_json(record);
  });
  if (!saved) return saved.error();
  plans.invalidate(ctx.city->id);
  return http::json_response(201, json::serialize(*saved));
}

template <class T>
http::Response delete_record(storage::Store& store, PlanCache& plans, http::RequestContext& ctx,
                             std::string_view what, Eraser<T> erase,
                             json::object (*to_json)(const T&)) {
  auto id = id_param(ctx, what);
  if (!id) return id.error();
  auto removed = store.write([&](storage::Transaction& tx) {
    auto gone = erase(tx, ctx.city->id, *id);
    if (gone)
      identity::record_audit(
          tx, identity::actor_of(ctx),
          {ctx.city->slug, fmt::format("waste.{}.delete", what), fmt::format("waste_{}", what),
           std::to_string(*id), to_json(*gone), nullptr});
    return gone.has_value();
  });
  if (!removed) return removed.error();
  plans.invalidate(ctx.city->id);
  if (!*removed) return Error(Errc::not_found, fmt::format("There is no {} '{}'", what, *id), "id");
  return http::no_content();
}

}  // namespace

std::unique_ptr<ModuleRuntime> WasteModule::start(ModuleContext& context) const {
  return std::make_unique<WasteRuntime>(context);
}

void WasteRuntime::register_routes(ModuleRouter& router) {
  ModuleContext& context = context_;
  auto& store = context.store;
  const tenants::PublicLinks& public_links = context.links;
  const std::string base = "/api/v1/cities/{city}/waste";
  PlanCache& plans = plans_;

  // ------------------------------------------------------------------ citizens

  router.add(
      http::Method::get, base + "/streets",
      [&store, &plans, &public_links](http::RequestContext& ctx) -> http::Response {
        auto q = ctx.request.query_param("q").value_or("");
        if (q.size() < 2 || q.size() > 100)
          return validation_error("q", "q must be 2 to 100 characters");
        if (!is_clean_utf8(q)) return validation_error("q", "q must be UTF-8 text");
        std::size_t limit = 8;
        if (auto text = ctx.request.query_param("limit")) {
          auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
          if (ec != std::errc() || p != text->data() + text->size() || limit < 1 || limit > 20)
            return validation_error("limit", "limit must be 1 to 20");
        }
        auto plan = plans.get(store, ctx.city->id);
        if (!plan) return plan.error();
        auto typed = split_address(q);
        auto links = Links::of(ctx, public_links);
        json::array items;
        for (const auto& m : (*plan)->index.search(typed.street, limit)) {
          const auto& entry = (*plan)->index.entries()[m.entry];
          auto area = single_area(**plan, m.entry);
          auto address =
              fmt::format("{}/address?street={}", links.base, percent_encode(entry.name));
          if (!entry.district.empty()) address += "&district=" + percent_encode(entry.district);
          items.push_back(
              json::object{{"street", entry.name},
                           {"district", entry.district},
                           {"needs_house_number", !area.has_value()},
                           {"area", area ? json::value(*area) : json::value(nullptr)},
                           {"ics_url", area ? json::value(links.ics(*area)) : json::value(nullptr)},
                           {"address_url", address}});
        }
        json::value number = nullptr;
        if (!typed.house_number.empty()) number = typed.house_number;
        return http::json_response(200, json::serialize(json::object{{"house_number", number},
                                                                     {"items", std::move(items)}}));
      },
      http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/address",
      [&store, &plans, &public_links](http::RequestContext& ctx) -> http::Response {
        auto street = ctx.request.query_param("street").value_or("");
        if (street.empty() || street.size() > 120 || !is_clean_utf8(street))
          return validation_error("street", "street is required (at most 120 characters)");
        auto district = ctx.request.query_param("district").value_or("");
        auto number_text = ctx.request.query_param("house_number").value_or("");
        auto plan = plans.get(store, ctx.city->id);
        if (!plan) return plan.error();
        const auto& index = (*plan)->index;
        // Every street of that name (a name can exist in two districts).
        auto found = index.find(street);
        if (!district.empty())
          std::erase_if(found,
                        [&](std::size_t i) { return index.entries()[i].district != district; });
        if (found.empty())
          return Error(
              Errc::not_found,
              fmt::format("{} has no street '{}' in its waste plan", ctx.city->name, street),
              "street");
        if (found.size() > 1)
          return validation_error(
              "district",
              fmt::format("'{}' exists in {} districts: give district", street, found.size()));
        auto entry = found.front();
        std::optional<HouseNumber> number;
        if (!number_text.empty()) {
          number = parse_house_number(number_text);
          if (!number)
            return validation_error("house_number",
                                    fmt::format("'{}' is not a house number", number_text));
        }
        std::optional<std::string> area = single_area(**plan, entry);
        if (!area) {
          if (!number)
            return validation_error(
                "house_number",
                fmt::format("{} is split between collection areas: give the house number",
                            index.entries()[entry].name));
          for (auto i : (*plan)->segments[entry])
            if ((*plan)->plan.streets[i].contains(*number)) {
              area = (*plan)->plan.streets[i].area;
              break;
            }
          if (!area)
            return Error(Errc::not_found,
                         fmt::format("No collection area covers {} {}", index.entries()[entry].name,
                                     number_text),
                         "house_number");
        }
        const Area* a = (*plan)->area(*area);
        if (!a) return Error(Errc::internal, "waste: a street names an unknown area");
        auto links = Links::of(ctx, public_links);
        auto out = area_links(*a, links);
        out.erase("name");
        out.erase("district");
        out.erase("code");
        json::object body{{"street", index.entries()[entry].name},
                          {"district", index.entries()[entry].district},
                          {"house_number", number ? json::value(format_house_number(*number))
                                                  : json::value(nullptr)},
                          {"area", area_json(*a)}};
        for (auto& kv : out) body[kv.key()] = kv.value();
        return http::json_response(200, json::serialize(body));
      },
      http::Access::public_, /*blocking=*/true);

  router.add(http::Method::get, base + "/areas/{code}",
             shared::cached_read(
                 cache_, public_links,
                 [&store, &plans, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto plan = plans.get(store, ctx.city->id);
                   if (!plan) return plan.error();
                   const Area* a = (*plan)->area(ctx.param("code"));
                   if (!a) return no_area(*ctx.city, ctx.param("code"));
                   auto settings = WasteSettings::of(*ctx.city);
                   auto today = today_in(*ctx.city);
                   auto all = pickups((*plan)->of_area(a->code), a->code, {}, today,
                                      today + std::chrono::days(kMaxRangeDays), settings.holidays);
                   json::array next;
                   for (const auto& t : settings.types) {
                     auto it = std::find_if(all.begin(), all.end(),
                                            [&](const Pickup& p) { return p.type == t.slug; });
                     if (it != all.end()) next.push_back(pickup_json(*it));
                   }
                   auto out = area_links(*a, Links::of(ctx, public_links));
                   out["next"] = std::move(next);
                   return http::json_response(200, json::serialize(out));
                 }),
             http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/areas/{code}/pickups",
      shared::cached_read(cache_, public_links,
                          [&store, &plans](http::RequestContext& ctx) -> http::Response {
                            auto plan = plans.get(store, ctx.city->id);
                            if (!plan) return plan.error();
                            const Area* a = (*plan)->area(ctx.param("code"));
                            if (!a) return no_area(*ctx.city, ctx.param("code"));
                            auto settings = WasteSettings::of(*ctx.city);
                            auto types = read_types(ctx, settings);
                            if (!types) return types.error();
                            auto from = read_day_param(ctx, "from");
                            if (!from) return from.error();
                            auto to = read_day_param(ctx, "to");
                            if (!to) return to.error();
                            Day first = from->value_or(today_in(*ctx.city));
                            Day last = to->value_or(first + std::chrono::days(365));
                            if (last < first)
                              return validation_error("to", "to must not be before from");
                            if ((last - first).count() > kMaxRangeDays)
                              return validation_error(
                                  "to", fmt::format("at most {} days at once", kMaxRangeDays));
                            json::array items;
                            for (const auto& p : pickups((*plan)->of_area(a->code), a->code, *types,
                                                         first, last, settings.holidays))
                              items.push_back(pickup_json(p));
                            return http::json_response(
                                200, json::serialize(json::object{{"area", a->code},
                                                                  {"from", format_day(first)},
                                                                  {"to", format_day(last)},
                                                                  {"items", std::move(items)}}));
                          }),
      http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/areas/{code}/calendar.ics",
      [&store, &plans](http::RequestContext& ctx) -> http::Response {
        auto plan = plans.get(store, ctx.city->id);
        if (!plan) return plan.error();
        const Area* a = (*plan)->area(ctx.param("code"));
        if (!a) return no_area(*ctx.city, ctx.param("code"));
        auto settings = WasteSettings::of(*ctx.city);
        auto types = read_types(ctx, settings);
        if (!types) return types.error();
        auto alarm = ctx.request.query_param("alarm").value_or("false");
        if (alarm != "true" && alarm != "false")
          return validation_error("alarm", "alarm must be true or false");
        auto today = today_in(*ctx.city);
        auto list = pickups((*plan)->of_area(a->code), a->code, *types,
                            today - std::chrono::days(kFeedPastDays),
                            today + std::chrono::days(kFeedFutureDays), settings.holidays);
        AreaCalendar info{ctx.city->slug, a->code,
                          fmt::format("Abfuhrtermine {}{}", ctx.city->name,
                                      a->name.empty() ? "" : " – " + a->name),
                          ctx.city->time_zone, std::nullopt};
        if (alarm == "true") info.alarm_minutes_before = 24 * 60 - settings.reminder_minute;
        auto r = http::text_response(200, "text/calendar; charset=utf-8",
                                     write_area_calendar(list, settings.types, info));
        r.set_header("Content-Disposition",
                     fmt::format("inline; filename=\"abfuhrtermine-{}.ics\"", a->code));
        return r;
      },
      http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/dropoffs",
      [](http::RequestContext& ctx) -> http::Response {
        auto settings = WasteSettings::of(*ctx.city);
        json::array features;
        for (const auto& value : settings.dropoffs) {
          const auto& d = value.as_object();
          json::object properties = d;
          properties.erase("lat");
          properties.erase("lon");
          features.push_back(json::object{
              {"type", "Feature"},
              {"id", d.at("id")},
              {"geometry", json::object{{"type", "Point"},
                                        {"coordinates", json::array{d.at("lon"), d.at("lat")}}}},
              {"properties", std::move(properties)}});
        }
        auto r =
            http::text_response(200, "application/geo+json",
                                json::serialize(json::object{{"type", "FeatureCollection"},
                                                             {"features", std::move(features)}}));
        return r;
      },
      http::Access::public_);

  // ------------------------------------------------------------------ staff

  router.add(
      http::Method::get, base + "/admin/areas",
      [&store, &plans](http::RequestContext& ctx) -> http::Response {
        auto plan = plans.get(store, ctx.city->id, /*fresh=*/true);
        if (!plan) return plan.error();
        const Plan& p = (*plan)->plan;
        std::map<std::string, std::size_t> streets;
        for (const auto& s : p.streets) ++streets[s.area];
        json::array items;
        for (const auto& a : p.areas) {
          auto o = area_json(a);
          o["streets"] = streets[a.code];
          items.push_back(std::move(o));
        }
        std::set<int> years;
        for (const auto& r : p.rhythms) years.insert(year_of(r.first));
        for (const auto& o : p.one_offs) years.insert(year_of(o.date));
        json::array year_list;
        for (int y : years) year_list.emplace_back(y);
        json::object summary{{"areas", p.areas.size()},      {"streets", p.streets.size()},
                             {"rhythms", p.rhythms.size()},  {"dates", p.one_offs.size()},
                             {"changes", p.changes.size()},  {"shifts", p.shifts.size()},
                             {"years", std::move(year_list)}};
        return http::json_response(
            200, json::serialize(
                     json::object{{"items", std::move(items)}, {"summary", std::move(summary)}}));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::get, base + "/admin/streets",
      [&store, &plans](http::RequestContext& ctx) -> http::Response {
        auto page = http::parse_page(ctx.request, 100, 500);
        if (!page) return page.error();
        auto start = http::integer_cursor(*page, 0);
        if (!start) return start.error();
        auto plan = plans.get(store, ctx.city->id, /*fresh=*/true);
        if (!plan) return plan.error();
        auto area = ctx.request.query_param("area").value_or("");
        auto q = normalise_street(ctx.request.query_param("q").value_or(""));
        const auto& streets = (*plan)->plan.streets;
        json::array items;
        json::value next = nullptr;
        for (auto i = static_cast<std::size_t>(*start); i < streets.size(); ++i) {
          const auto& s = streets[i];
          if (!area.empty() && s.area != area) continue;
          if (!q.empty() && normalise_street(s.street).find(q) == std::string::npos) continue;
          if (items.size() == page->limit) {
            next = http::encode_cursor(std::to_string(i));
            break;
          }
          items.push_back(json::object{
              {"street", s.street},
              {"district", s.district},
              {"house_from",
               s.from ? json::value(format_house_number(*s.from)) : json::value(nullptr)},
              {"house_to", s.to ? json::value(format_house_number(*s.to)) : json::value(nullptr)},
              {"parity", to_string(s.parity)},
              {"area", s.area}});
        }
        return http::json_response(
            200, json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", next}}));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::get, base + "/admin/areas/{code}/dates",
      [&store, &plans](http::RequestContext& ctx) -> http::Response {
        auto plan = plans.get(store, ctx.city->id, /*fresh=*/true);
        if (!plan) return plan.error();
        const Area* a = (*plan)->area(ctx.param("code"));
        if (!a) return no_area(*ctx.city, ctx.param("code"));
        auto settings = WasteSettings::of(*ctx.city);
        auto types = read_types(ctx, settings);
        if (!types) return types.error();
        auto year = read_year(ctx, year_of(today_in(*ctx.city)));
        if (!year) return year.error();
        std::map<std::tuple<std::string, std::string, Day>, std::int64_t> change_ids;
        for (const auto& c : (*plan)->plan.changes) change_ids[{c.area, c.type, c.date}] = c.id;
        json::array items;
        for (const auto& p : pickups((*plan)->of_area(a->code), a->code, *types,
                                     first_of_year(*year), last_of_year(*year), settings.holidays,
                                     /*include_cancelled=*/true)) {
          auto o = pickup_json(p);
          o["cancelled"] = p.cancelled;
          auto it = change_ids.find({a->code, p.type, p.planned});
          o["change_id"] = it == change_ids.end() ? json::value(nullptr) : json::value(it->second);
          items.push_back(std::move(o));
        }
        return http::json_response(
            200, json::serialize(json::object{
                     {"area", a->code}, {"year", *year}, {"items", std::move(items)}}));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::get, base + "/admin/changes",
      [&store, &plans](http::RequestContext& ctx) -> http::Response {
        return list_records(store, plans, ctx, &Plan::changes, change_json);
      },
      http::Access::city_content, true);

  router.add(
      http::Method::post, base + "/admin/changes",
      shared::invalidating(
          cache_,
          [&store, &plans](http::RequestContext& ctx) -> http::Response {
            auto body = http::json_body(ctx.request);
            if (!body) return body.error();
            auto settings = WasteSettings::of(*ctx.city);
            auto plan = plans.get(store, ctx.city->id, /*fresh=*/true);
            if (!plan) return plan.error();
            // new_date: a date, or null (or absent) to cancel the pickup.
            json::object input = *body;
            bool cancel = !input.contains("new_date") || input.at("new_date").is_null();
            if (cancel) input.erase("new_date");
            auto change = read_strictly<Change>([&] {
              JsonReader r(input);
              Change c;
              c.area = r.text("area", 40);
              if (!(*plan)->area(c.area))
                r.fail("area",
                       fmt::format("{} has no collection area '{}'", ctx.city->name, c.area));
              c.type = r.text("type", 40);
              if (!settings.type(c.type))
                r.fail("type",
                       fmt::format("'{}' is not a waste type of {}", c.type, ctx.city->name));
              c.date = read_body_day(r, "date");
              if (!planned_on((*plan)->of_area(c.area), c.area, c.type, c.date))
                r.fail("date", fmt::format("No {} pickup is planned in area {} on {}", c.type,
                                           c.area, format_day(c.date)));
              if (!cancel) {
                c.new_date = read_body_day(r, "new_date");
                auto distance = (*c.new_date - c.date).count();
                if (distance == 0 || distance < -31 || distance > 31)
                  r.fail("new_date", "must differ from date by 1 to 31 days");
              }
              c.note = r.text("note", 200, "");
              r.finish();
              return c;
            });
            if (!change) return change.error();
            return create_record(store, plans, ctx, "change", *change, insert_change, change_json);
          }),
      http::Access::city_content, true);

  router.add(http::Method::delete_, base + "/admin/changes/{id}",
             shared::invalidating(cache_,
                                  [&store, &plans](http::RequestContext& ctx) -> http::Response {
                                    return delete_record(store, plans, ctx, "change", delete_change,
                                                         change_json);
                                  }),
             http::Access::city_content, true);

  router.add(
      http::Method::get, base + "/admin/shifts",
      [&store, &plans](http::RequestContext& ctx) -> http::Response {
        return list_records(store, plans, ctx, &Plan::shifts, shift_json);
      },
      http::Access::city_content, true);

  router.add(
      http::Method::post, base + "/admin/shifts",
      shared::invalidating(
          cache_,
          [&store, &plans](http::RequestContext& ctx) -> http::Response {
            auto body = http::json_body(ctx.request);
            if (!body) return body.error();
            auto settings = WasteSettings::of(*ctx.city);
            auto shift = read_strictly<Shift>([&] {
              JsonReader r(*body);
              Shift s;
              s.from = read_body_day(r, "from");
              s.to = read_body_day(r, "to");
              auto span = (s.to - s.from).count();
              if (span < 0) r.fail("to", "must not be before from");
              if (span > 31) r.fail("to", "a shift covers at most 31 days");
              s.days = static_cast<int>(r.integer("days", -7, 7));
              if (s.days == 0) r.fail("days", "must move pickups by 1 to 7 days, earlier or later");
              s.types = r.text_list("types", 20, 40, std::vector<std::string>{});
              for (std::size_t i = 0; i < s.types.size(); ++i)
                if (!settings.type(s.types[i]))
                  r.fail(fmt::format("types[{}]", i),
                         fmt::format("'{}' is not a waste type of {}", s.types[i], ctx.city->name));
              s.reason = r.text("reason", 200);
              if (s.reason.empty()) r.fail("reason", "must say why (citizens see it)");
              r.finish();
              return s;
            });
            if (!shift) return shift.error();
            return create_record(store, plans, ctx, "shift", *shift, insert_shift, shift_json);
          }),
      http::Access::city_content, true);

  router.add(http::Method::delete_, base + "/admin/shifts/{id}",
             shared::invalidating(cache_,
                                  [&store, &plans](http::RequestContext& ctx) -> http::Response {
                                    return delete_record(store, plans, ctx, "shift", delete_shift,
                                                         shift_json);
                                  }),
             http::Access::city_content, true);

  router
      .add(http::Method::post, base + "/admin/imports/{kind}",
           shared::invalidating(
               cache_,
               [&store, &plans](http::RequestContext& ctx) -> http::Response {
                 auto kind = parse_import_kind(ctx.param("kind"));
                 if (!kind)
                   return Error(Errc::not_found,
                                fmt::format("There is no import '{}': streets, dates or calendar",
                                            ctx.param("kind")),
                                "kind");
                 auto type = ctx.request.header("Content-Type");
                 type = type.substr(0, type.find(';'));
                 while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
                 auto wanted = *kind == ImportKind::calendar ? "text/calendar" : "text/csv";
                 if (!http::iequals(type, wanted))
                   return Error(Errc::unsupported_media_type,
                                fmt::format("Send this import as {}", wanted));
                 auto dry = ctx.request.query_param("dry_run").value_or("false");
                 if (dry != "true" && dry != "false")
                   return validation_error("dry_run", "dry_run must be true or false");
                 ImportRequest request{*kind, ctx.request.body, 0, "", dry == "true"};
                 if (*kind != ImportKind::streets) {
                   auto year = read_year(ctx, std::nullopt);
                   if (!year) return year.error();
                   request.year = *year;
                 }
                 if (*kind == ImportKind::calendar) {
                   request.area = ctx.request.query_param("area").value_or("");
                   if (request.area.empty())
                     return validation_error("area", "area is required: the file is one area's");
                 }
                 std::vector<json::object> problems;
                 auto summary = run_import(store, plans, *ctx.city, request,
                                           identity::actor_of(ctx), problems);
                 if (!summary) {
                   auto r = http::problem_response(summary.error());
                   if (!problems.empty()) {
                     if (auto body = parse_json_object(r.body)) {
                       json::array list;
                       for (auto& p : problems) list.push_back(std::move(p));
                       (*body)["errors"] = std::move(list);
                       r.body = json::serialize(*body);
                     }
                   }
                   return r;
                 }
                 return http::json_response(200, json::serialize(*summary));
               }),
           http::Access::city_content, true)
      .options.max_body_bytes = 20 * 1024 * 1024;
}

}  // namespace mosaik::modules::waste
