#include "modules/events/event.hpp"

#include <fmt/format.h>

#include "platform/tenants/city.hpp"
#include "shared/rich_text.hpp"

namespace mosaik::modules::events {

CityRules CityRules::of(const tenants::City& city) {
  CityRules rules;
  rules.slug = city.slug;
  rules.name = city.name;
  rules.time_zone = city.time_zone;
  rules.zone = zone_named(city.time_zone);
  if (!rules.zone) rules.zone = zone_named("Europe/Berlin");
  if (auto it = city.modules.find("events"); it != city.modules.end())
    rules.categories = categories_of(it->second.settings);
  for (const auto& d : city.districts) rules.districts.insert(d.id);
  return rules;
}

const Category* CityRules::category(std::string_view wanted) const {
  for (const auto& c : categories)
    if (c.slug == wanted) return &c;
  return nullptr;
}

namespace {

// A time of the input: the event's wall-clock time in the city's zone.
LocalTime read_time(JsonReader& r, std::string_view key, bool all_day, const CityRules& city,
                    std::optional<std::string> fallback = std::nullopt) {
  auto text = r.text(key, 40, std::move(fallback));
  auto parsed = parse_time_text(text);
  if (!parsed)
    r.fail(key, all_day ? "must be a valid date (YYYY-MM-DD)"
                        : "must be a valid RFC 3339 date-time, e.g. 2026-12-05T18:00:00+01:00");
  if (all_day && !parsed->local.is_date)
    r.fail(key, "must be a date (YYYY-MM-DD) for an all-day event");
  if (!all_day && parsed->local.is_date)
    r.fail(key, "must be a date-time (a date alone only with \"all_day\": true)");
  return in_zone(*parsed, city.zone);
}

std::optional<double> opt_number(JsonReader& r, std::string_view key, double min, double max) {
  double sentinel = -1e300;
  double v = r.number(key, min, max, sentinel);
  if (v == sentinel) return std::nullopt;
  return v;
}

}  // namespace

Event read_event(const json::object& input, const CityRules& city) {
  JsonReader r(input);
  Event e;
  e.title = r.text("title", kTitleMax);
  if (e.title.find_first_not_of(" \t\n\r") == std::string::npos)
    r.fail("title", "must not be empty");
  e.description = r.text("description", kDescriptionMax, "");
  e.description_format = r.text("description_format", 20, "markdown");
  if (e.description_format != "markdown" && e.description_format != "html")
    r.fail("description_format", "must be \"markdown\" or \"html\"");
  e.description_html = shared::to_safe_html(e.description, e.description_format == "html"
                                                               ? shared::TextFormat::html
                                                               : shared::TextFormat::markdown);
  e.all_day = r.boolean("all_day", false);
  e.time_zone = city.time_zone;
  e.schedule.all_day = e.all_day;
  e.schedule.start = read_time(r, "start", e.all_day, city);
  e.schedule.end = read_time(r, "end", e.all_day, city, format_local(e.schedule.start));
  if (e.all_day ? e.schedule.end < e.schedule.start
                : to_utc_ms(e.schedule.end, city.zone) < to_utc_ms(e.schedule.start, city.zone))
    r.fail("end", "must not be before start");
  if (e.all_day && days_between(e.schedule.start, e.schedule.end) > 366)
    r.fail("end", "an all-day event lasts at most a year");

  if (const auto* rec = r.object("recurrence", false)) {
    JsonReader rr(*rec, r.path("recurrence"));
    auto rule = normalise_rrule(rr.text("rrule", 500));
    if (!rule) rr.fail("rrule", rule.error().detail());
    e.schedule.rrule = *rule;
    auto exdates = rr.text_list("exdates", 500, 40, std::vector<std::string>{});
    for (std::size_t i = 0; i < exdates.size(); ++i) {
      auto key = fmt::format("exdates[{}]", i);
      auto parsed = parse_time_text(exdates[i]);
      if (!parsed || parsed->local.is_date != e.all_day)
        rr.fail(key, e.all_day ? "must be a date (YYYY-MM-DD) like the start"
                               : "must be an RFC 3339 date-time like the start");
      e.schedule.exdates.push_back(in_zone(*parsed, city.zone));
    }
    rr.finish();
  }

  if (const auto* v = r.object("venue", false)) {
    JsonReader vr(*v, r.path("venue"));
    Venue venue;
    venue.name = vr.text("name", 200);
    if (venue.name.empty()) vr.fail("name", "must not be empty");
    venue.address = vr.text("address", 300, "");
    venue.lat = opt_number(vr, "lat", -90, 90);
    venue.lon = opt_number(vr, "lon", -180, 180);
    if (venue.lat.has_value() != venue.lon.has_value())
      vr.fail(venue.lat ? "lon" : "lat", "lat and lon come together");
    vr.finish();
    e.venue = std::move(venue);
  }
  e.organizer = r.text("organizer", 200, "");
  e.category = r.text("category", 63);
  if (!city.category(e.category))
    r.fail("category", fmt::format("'{}' is not an event category of {}", e.category, city.name));
  e.districts = r.text_list("districts", 30, 63, std::vector<std::string>{});
  for (std::size_t i = 0; i < e.districts.size(); ++i)
    if (!city.districts.contains(e.districts[i]))
      r.fail(fmt::format("districts[{}]", i),
             fmt::format("'{}' is not a district of {}", e.districts[i], city.name));
  if (const auto* p = r.object("price", false)) {
    JsonReader pr(*p, r.path("price"));
    e.free = pr.boolean("free");
    e.price_text = pr.text("text", 200, "");
    pr.finish();
  }
  e.accessibility = r.text("accessibility", 2000, "");
  e.image = shared::read_image(r, "image", city.slug);
  e.link = r.link("link", 1000, false);
  e.cancelled = r.boolean("cancelled", false);
  auto status = r.text("status", 20, "draft");
  if (status != "draft" && status != "published")
    r.fail("status", "must be \"draft\" or \"published\"");
  e.status = status == "published" ? Status::published : Status::draft;
  auto publish_at = r.text("publish_at", 40, "");
  if (!publish_at.empty()) {
    auto parsed = parse_time_text(publish_at);
    if (!parsed || parsed->local.is_date || !parsed->offset_seconds)
      r.fail("publish_at", "must be an RFC 3339 date-time with an offset");
    e.publish_at = instant_ms(*parsed);
  }
  r.finish();
  return e;
}

Result<Event> parse_event(const json::object& input, const CityRules& city) {
  return read_strictly<Event>([&] { return read_event(input, city); });
}

json::object event_to_doc(const Event& e) {
  json::array exdates, districts;
  for (const auto& x : e.schedule.exdates) exdates.emplace_back(format_local(x));
  for (const auto& d : e.districts) districts.emplace_back(d);
  json::value venue = nullptr;
  if (e.venue) {
    json::object v{{"name", e.venue->name}, {"address", e.venue->address}};
    v["lat"] = e.venue->lat ? json::value(*e.venue->lat) : json::value(nullptr);
    v["lon"] = e.venue->lon ? json::value(*e.venue->lon) : json::value(nullptr);
    venue = std::move(v);
  }
  return {{"title", e.title},
          {"description", e.description},
          {"description_format", e.description_format},
          {"description_html", e.description_html},
          {"all_day", e.all_day},
          {"time_zone", e.time_zone},
          {"start", format_local(e.schedule.start)},
          {"end", format_local(e.schedule.end)},
          {"rrule", e.schedule.rrule},
          {"exdates", std::move(exdates)},
          {"venue", std::move(venue)},
          {"organizer", e.organizer},
          {"category", e.category},
          {"districts", std::move(districts)},
          {"free", e.free},
          {"price_text", e.price_text},
          {"accessibility", e.accessibility},
          {"image", shared::image_json(e.image)},
          {"link", e.link},
          {"cancelled", e.cancelled},
          {"status", e.status == Status::published ? "published" : "draft"},
          {"publish_at", e.publish_at ? json::value(*e.publish_at) : json::value(nullptr)}};
}

namespace {
std::string str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                  : std::string();
}
bool flag(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_bool() && it->value().as_bool();
}
LocalTime local_of(const std::string& s) {
  auto p = parse_time_text(s);
  return p ? p->local : LocalTime{};
}
std::optional<double> num(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_number()) return std::nullopt;
  return it->value().to_number<double>();
}
}  // namespace

Event event_from_doc(const json::object& d) {
  Event e;
  e.title = str(d, "title");
  e.description = str(d, "description");
  e.description_format = str(d, "description_format");
  e.description_html = str(d, "description_html");
  e.all_day = flag(d, "all_day");
  e.time_zone = str(d, "time_zone");
  e.schedule.all_day = e.all_day;
  e.schedule.start = local_of(str(d, "start"));
  e.schedule.end = local_of(str(d, "end"));
  e.schedule.rrule = str(d, "rrule");
  if (auto it = d.find("exdates"); it != d.end() && it->value().is_array())
    for (const auto& x : it->value().as_array())
      if (x.is_string()) e.schedule.exdates.push_back(local_of(std::string(x.as_string())));
  if (auto it = d.find("venue"); it != d.end() && it->value().is_object()) {
    const auto& v = it->value().as_object();
    e.venue = Venue{str(v, "name"), str(v, "address"), num(v, "lat"), num(v, "lon")};
  }
  e.organizer = str(d, "organizer");
  e.category = str(d, "category");
  if (auto it = d.find("districts"); it != d.end() && it->value().is_array())
    for (const auto& x : it->value().as_array())
      if (x.is_string()) e.districts.emplace_back(x.as_string());
  e.free = flag(d, "free");
  e.price_text = str(d, "price_text");
  e.accessibility = str(d, "accessibility");
  if (auto it = d.find("image"); it != d.end() && it->value().is_object())
    e.image =
        shared::ImageRef{str(it->value().as_object(), "url"), str(it->value().as_object(), "alt")};
  e.link = str(d, "link");
  e.cancelled = flag(d, "cancelled");
  e.status = str(d, "status") == "published" ? Status::published : Status::draft;
  if (auto it = d.find("publish_at"); it != d.end() && it->value().is_int64())
    e.publish_at = it->value().as_int64();
  return e;
}

bool visible(const Event& e, std::int64_t now_ms) {
  return e.status == Status::published && (!e.publish_at || *e.publish_at <= now_ms);
}

std::string_view status_name(const Event& e, std::int64_t now_ms) {
  if (e.status == Status::draft) return "draft";
  return visible(e, now_ms) ? "published" : "scheduled";
}

std::vector<Category> categories_of(const json::object& settings) {
  std::vector<Category> out;
  auto it = settings.find("categories");
  if (it == settings.end() || !it->value().is_array()) return out;
  for (const auto& c : it->value().as_array()) {
    if (!c.is_object()) continue;
    const auto& o = c.as_object();
    Category cat{str(o, "slug"), {}, {}};
    if (auto t = o.find("title"); t != o.end() && t->value().is_object()) {
      cat.title_de = str(t->value().as_object(), "de");
      cat.title_en = str(t->value().as_object(), "en");
    }
    out.push_back(std::move(cat));
  }
  return out;
}

std::vector<ImportFeed> import_feeds_of(const json::object& settings) {
  std::vector<ImportFeed> out;
  auto it = settings.find("import_feeds");
  if (it == settings.end() || !it->value().is_array()) return out;
  for (const auto& f : it->value().as_array())
    if (f.is_object()) out.push_back({str(f.as_object(), "url"), str(f.as_object(), "category")});
  return out;
}

}  // namespace mosaik::modules::events
