#include "modules/events/events_module.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/clock.hpp"
#include "core/geo.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "http/problem.hpp"
#include "modules/events/events_csv.hpp"
#include "modules/events/events_ical.hpp"
#include "modules/events/events_import.hpp"
#include "modules/events/events_jsonld.hpp"
#include "platform/identity/audit.hpp"
#include "platform/tenants/city.hpp"
#include "platform/tenants/city_directory.hpp"
#include "shared/fetch.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::modules::events {

namespace {

constexpr std::size_t kNextOccurrences = 10;
// An uploaded ICS or CSV file may be larger than a JSON body.
constexpr std::size_t kMaxImportBytes = 5 << 20;
constexpr std::int64_t kDayMs = 86'400'000;
// The subscribable feed keeps events that ended up to this long ago (calendar apps drop what
// disappears from a feed).
constexpr std::int64_t kFeedHistoryMs = 90 * kDayMs;

// ---------------------------------------------------------------------------------------------
// JSON of the API

// The links of one answer (tenants::PublicLinks decides both).
struct Links {
  std::string api;     // prefix of API links (`href`, `ics_url`); may be empty: root-relative
  std::string origin;  // absolute origin for iCalendar and JSON-LD
  static Links of(const tenants::PublicLinks& links, const http::RequestContext& ctx) {
    return {links.api_prefix(ctx), links.origin(ctx)};
  }
};

std::string time_json(const LocalTime& t, const Event& e, const CityRules& city) {
  if (e.all_day) return format_local(t);
  return format_rfc3339(to_utc_ms(t, city.zone), city.zone);
}

// An occurrence's start and end as the API shows them (all-day: dates, end inclusive).
json::object span_json(const Span& s, const Event& e, const CityRules& city) {
  if (e.all_day)
    return {{"start", format_local(to_local(s.start_ms, city.zone)).substr(0, 10)},
            {"end", format_local(to_local(s.end_ms - 1, city.zone)).substr(0, 10)}};
  return {{"start", format_rfc3339(s.start_ms, city.zone)},
          {"end", format_rfc3339(s.end_ms, city.zone)}};
}

json::value venue_json(const Event& e) {
  if (!e.venue) return nullptr;
  return json::object{{"name", e.venue->name},
                      {"address", e.venue->address},
                      {"lat", e.venue->lat ? json::value(*e.venue->lat) : json::value(nullptr)},
                      {"lon", e.venue->lon ? json::value(*e.venue->lon) : json::value(nullptr)}};
}

json::array districts_json(const Event& e) {
  return json::array(e.districts.begin(), e.districts.end());
}

std::string href_of(const Event& e, const CityRules& city, const Links& links) {
  return fmt::format("{}/api/v1/cities/{}/events/{}", links.api, city.slug, e.id);
}

// What a list shows of an event.
json::object summary_json(const Event& e, const CityRules& city, const Links& links) {
  return {{"id", e.id},
          {"title", e.title},
          {"all_day", e.all_day},
          {"time_zone", e.time_zone},
          {"recurring", !e.schedule.rrule.empty()},
          {"venue", venue_json(e)},
          {"organizer", e.organizer},
          {"category", e.category},
          {"districts", districts_json(e)},
          {"price", json::object{{"free", e.free}, {"text", e.price_text}}},
          {"image", shared::image_json(e.image)},
          {"cancelled", e.cancelled},
          {"url", fmt::format("/{}/events/{}", city.slug, e.id)},
          {"href", href_of(e, city, links)},
          {"ics_url", href_of(e, city, links) + "/event.ics"}};
}

json::object detail_json(const Event& e, const CityRules& city, const Links& links,
                         std::int64_t now) {
  json::object out{{"id", e.id},
                   {"title", e.title},
                   {"description_html", e.description_html},
                   {"start", time_json(e.schedule.start, e, city)},
                   {"end", time_json(e.schedule.end, e, city)},
                   {"all_day", e.all_day},
                   {"time_zone", e.time_zone}};
  if (e.schedule.rrule.empty()) {
    out["recurrence"] = nullptr;
  } else {
    json::array exdates;
    for (const auto& x : e.schedule.exdates) exdates.emplace_back(time_json(x, e, city));
    out["recurrence"] = json::object{{"rrule", e.schedule.rrule}, {"exdates", std::move(exdates)}};
  }
  out["venue"] = venue_json(e);
  out["organizer"] = e.organizer;
  out["category"] = e.category;
  out["districts"] = districts_json(e);
  out["price"] = json::object{{"free", e.free}, {"text", e.price_text}};
  out["accessibility"] = e.accessibility;
  out["image"] = shared::image_json(e.image);
  out["link"] = e.link;
  out["cancelled"] = e.cancelled;
  out["url"] = fmt::format("/{}/events/{}", city.slug, e.id);
  out["href"] = href_of(e, city, links);
  out["ics_url"] = href_of(e, city, links) + "/event.ics";
  auto upcoming = occurrences(e.schedule, city.zone, now, INT64_MAX, kNextOccurrences);
  json::array next;
  for (const auto& s : upcoming) next.push_back(span_json(s, e, city));
  // JSON-LD describes the next occurrence, or the last one of an event that is over.
  Span shown;
  if (!upcoming.empty()) {
    shown = upcoming.front();
  } else {
    auto all = occurrences(e.schedule, city.zone, INT64_MIN, INT64_MAX);
    shown = all.empty() ? Span{to_utc_ms(e.schedule.start, city.zone),
                               to_utc_ms(e.schedule.end, city.zone), e.schedule.start}
                        : all.back();
  }
  out["json_ld"] = event_json_ld(e, city, shown.start_ms, shown.end_ms, links.origin);
  out["next_occurrences"] = std::move(next);
  return out;
}

json::object editorial_json(const Event& e, const CityRules& city, const Links& links,
                            std::int64_t now) {
  auto out = detail_json(e, city, links, now);
  out["description"] = e.description;
  out["description_format"] = e.description_format;
  out["status"] = status_name(e, now);
  out["publish_at"] =
      e.publish_at ? json::value(format_rfc3339(*e.publish_at, city.zone)) : json::value(nullptr);
  out["created_at"] = format_rfc3339(e.created_at, city.zone);
  out["updated_at"] = format_rfc3339(e.updated_at, city.zone);
  out["import"] =
      e.import_uid.empty()
          ? json::value(nullptr)
          : json::value(json::object{{"source", e.import_source}, {"uid", e.import_uid}});
  return out;
}

Result<std::int64_t> event_id(const http::RequestContext& ctx) {
  auto text = ctx.param("id");
  auto id = http::parse_positive_id(text);
  if (!id) return Error(Errc::not_found, fmt::format("There is no event '{}'", text), "id");
  return *id;
}

Error no_event(const tenants::City& city, std::int64_t id) {
  return Error(Errc::not_found, fmt::format("{} has no event {}", city.name, id), "id");
}

// ---------------------------------------------------------------------------------------------
// The public list's filters

struct ListFilter {
  std::int64_t from_ms = 0, to_ms = 0;
  std::string category, district;
  std::optional<bool> free;
  std::optional<std::pair<double, double>> near;
  double radius_m = 5000;
};

bool matches(const Event& e, const ListFilter& f) {
  if (!f.category.empty() && e.category != f.category) return false;
  if (!f.district.empty() &&
      std::find(e.districts.begin(), e.districts.end(), f.district) == e.districts.end())
    return false;
  if (f.free && e.free != *f.free) return false;
  if (f.near) {
    if (!e.venue || !e.venue->lat || !e.venue->lon) return false;
    if (distance_m({f.near->first, f.near->second}, {*e.venue->lat, *e.venue->lon}) > f.radius_m)
      return false;
  }
  return true;
}

// A bound of from/to: a date (its local midnight; `to` dates include the whole day) or an RFC
// 3339 date-time.
Result<std::int64_t> bound(const std::string& text, const char* field, bool is_to,
                           const CityRules& city) {
  auto p = parse_time_text(text);
  if (!p)
    return validation_error(field, fmt::format("{} must be a date (2026-12-05) or an RFC 3339 "
                                               "date-time",
                                               field));
  if (p->local.is_date) {
    auto day = is_to ? add_days(p->local, 1) : p->local;
    return to_utc_ms(day, city.zone);
  }
  if (p->offset_seconds) return instant_ms(*p);
  return to_utc_ms(p->local, city.zone);
}

Result<ListFilter> read_filter(const http::Request& req, const CityRules& city, std::int64_t now) {
  ListFilter f;
  auto from = req.query_param("from"), to = req.query_param("to");
  auto when = req.query_param("when").value_or("");
  if (!when.empty() && (from || to))
    return validation_error("when", "when and from/to exclude each other");
  auto today = to_local(now, city.zone);
  today.is_date = true;
  today.hour = today.minute = today.second = 0;
  f.from_ms = now;
  f.to_ms = now + kMaxSpanMs;
  if (when == "today") {
    f.from_ms = to_utc_ms(today, city.zone);
    f.to_ms = to_utc_ms(add_days(today, 1), city.zone);
  } else if (when == "weekend") {
    // Saturday and Sunday of this week (on a weekend day: the current one).
    auto utc = utc_zone();
    auto weekday = static_cast<int>((to_utc_ms(today, utc) / kDayMs + 4) % 7);  // 0 = Sunday
    int to_saturday = weekday == 0 ? -1 : 6 - weekday;
    auto saturday = add_days(today, to_saturday);
    f.from_ms = to_utc_ms(saturday, city.zone);
    f.to_ms = to_utc_ms(add_days(saturday, 2), city.zone);
  } else if (!when.empty() && when != "upcoming") {
    return validation_error("when", "when must be today, weekend or upcoming");
  }
  if (from) {
    auto b = bound(*from, "from", false, city);
    if (!b) return b.error();
    f.from_ms = *b;
    f.to_ms = *b + kMaxSpanMs;
  }
  if (to) {
    auto b = bound(*to, "to", true, city);
    if (!b) return b.error();
    f.to_ms = *b;
    if (f.to_ms < f.from_ms) return validation_error("to", "to must not be before from");
  }
  f.category = req.query_param("category").value_or("");
  if (!f.category.empty() && !city.category(f.category))
    return validation_error(
        "category", fmt::format("'{}' is not an event category of {}", f.category, city.name));
  f.district = req.query_param("district").value_or("");
  if (!f.district.empty() && !city.districts.contains(f.district))
    return validation_error("district",
                            fmt::format("'{}' is not a district of {}", f.district, city.name));
  if (auto free = req.query_param("free")) {
    if (*free != "true" && *free != "false")
      return validation_error("free", "free must be true or false");
    f.free = *free == "true";
  }
  if (auto near = req.query_param("near")) {
    auto comma = near->find(',');
    double lat = 0, lon = 0;
    bool ok = comma != std::string::npos;
    if (ok) {
      auto [p1, e1] = std::from_chars(near->data(), near->data() + comma, lat);
      auto [p2, e2] = std::from_chars(near->data() + comma + 1, near->data() + near->size(), lon);
      ok = e1 == std::errc() && e2 == std::errc() && p1 == near->data() + comma &&
           p2 == near->data() + near->size() && std::abs(lat) <= 90 && std::abs(lon) <= 180;
    }
    if (!ok) return validation_error("near", "near must be lat,lon, e.g. 51.5136,7.4653");
    f.near = std::pair{lat, lon};
  }
  if (auto radius = req.query_param("radius_m")) {
    if (!f.near) return validation_error("radius_m", "radius_m needs near");
    double r = 0;
    auto [p, ec] = std::from_chars(radius->data(), radius->data() + radius->size(), r);
    if (ec != std::errc() || p != radius->data() + radius->size() || r < 1 || r > 100'000)
      return validation_error("radius_m", "radius_m must be a number from 1 to 100000");
    f.radius_m = r;
  }
  return f;
}

// The cursor of the occurrence list: "<start ms>:<event id>" of the last item.
std::optional<std::pair<std::int64_t, std::int64_t>> occurrence_cursor(const std::string& key) {
  auto colon = key.find(':');
  if (colon == std::string::npos) return std::nullopt;
  std::int64_t a = 0, b = 0;
  auto [p1, e1] = std::from_chars(key.data(), key.data() + colon, a);
  auto [p2, e2] = std::from_chars(key.data() + colon + 1, key.data() + key.size(), b);
  if (e1 != std::errc() || e2 != std::errc() || p1 != key.data() + colon ||
      p2 != key.data() + key.size())
    return std::nullopt;
  return std::pair{a, b};
}

http::Response calendar_response(std::string body, std::string disposition = {}) {
  auto r = http::text_response(200, "text/calendar; charset=utf-8", std::move(body));
  if (!disposition.empty()) r.set_header("Content-Disposition", std::move(disposition));
  return r;
}

// ---------------------------------------------------------------------------------------------
// Imports

http::Response import_failed(const ImportSummary& summary) {
  const auto& first = summary.errors.front();
  auto r = http::problem_response(validation_error(
      "body", fmt::format("{} problem(s), nothing was imported; the first: line {}{}: {}",
                          summary.errors.size(), first.line,
                          first.field.empty() ? "" : " (" + first.field + ")", first.message)));
  auto body = parse_json_object(r.body);
  if (body) {
    auto extra = summary.to_json();
    for (auto& kv : extra) (*body)[kv.key()] = kv.value();
    r.body = json::serialize(*body);
  }
  return r;
}

std::string feed_problems(const std::vector<ImportProblem>& errors) {
  std::string out = fmt::format("{} event(s) skipped:", errors.size());
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i)
    out += fmt::format(" line {}{}: {};", errors[i].line,
                       errors[i].field.empty() ? "" : " " + errors[i].field, errors[i].message);
  out.pop_back();
  return out;
}

json::object feeds_json(const std::vector<FeedState>& states, const tenants::City& city) {
  json::array feeds;
  auto rules = CityRules::of(city);
  const json::object* settings = nullptr;
  if (auto it = city.modules.find("events"); it != city.modules.end())
    settings = &it->second.settings;
  for (const auto& feed : settings ? import_feeds_of(*settings) : std::vector<ImportFeed>{}) {
    json::object f{
        {"url", feed.url},
        {"category", feed.category.empty() ? json::value(nullptr) : json::value(feed.category)},
        {"last_attempt_at", nullptr},
        {"last_success_at", nullptr},
        {"last_error", nullptr},
        {"items_seen", 0}};
    for (const auto& s : states) {
      if (s.url != feed.url) continue;
      auto time = [&](const std::optional<std::int64_t>& t) {
        return t ? json::value(format_rfc3339(*t, rules.zone)) : json::value(nullptr);
      };
      f["last_attempt_at"] = time(s.last_attempt_at);
      f["last_success_at"] = time(s.last_success_at);
      f["last_error"] = s.last_error.empty() ? json::value(nullptr) : json::value(s.last_error);
      f["items_seen"] = s.items_seen;
    }
    feeds.push_back(std::move(f));
  }
  return {{"feeds", std::move(feeds)}};
}

// ---------------------------------------------------------------------------------------------
// Settings

const json::array& default_categories() {
  static const json::array categories = [] {
    json::array out;
    for (auto [slug, de, en] : {std::tuple{"kultur", "Kultur", "Culture"},
                                {"sport", "Sport", "Sport"},
                                {"familie", "Familie & Kinder", "Family & children"},
                                {"markt", "Märkte", "Markets"},
                                {"bildung", "Bildung", "Education"},
                                {"sonstiges", "Sonstiges", "Other"}})
      out.push_back(json::object{{"slug", slug}, {"title", json::object{{"de", de}, {"en", en}}}});
    return out;
  }();
  return categories;
}

}  // namespace

Result<json::object> EventsModule::validate_settings(const json::object& settings) const {
  return read_strictly<json::object>([&] {
    JsonReader r(settings);
    json::array categories;
    std::set<std::string> slugs;
    if (const json::array* list = r.array("categories", false, 50)) {
      if (list->empty()) r.fail("categories", "must name at least one category");
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto key = fmt::format("categories[{}]", i);
        if (!(*list)[i].is_object()) r.fail(key, "must be an object");
        JsonReader c((*list)[i].as_object(), r.path(key));
        auto slug = c.text("slug", 63);
        if (!tenants::valid_slug(slug))
          c.fail("slug", "must be 2-63 characters of a-z, 0-9 and '-'");
        if (!slugs.insert(slug).second) c.fail("slug", "is used by an earlier category");
        const json::object* title = c.object("title", true);
        JsonReader t(*title, c.path("title"));
        auto de = t.text("de", 80);
        if (de.empty()) t.fail("de", "must not be empty");
        auto en = t.text("en", 80, de);
        t.finish();
        c.finish();
        categories.push_back(
            json::object{{"slug", slug}, {"title", json::object{{"de", de}, {"en", en}}}});
      }
    } else {
      categories = default_categories();
      for (const auto& c : categories) slugs.emplace(c.as_object().at("slug").as_string());
    }
    json::array feeds;
    if (const json::array* list = r.array("import_feeds", false, 20)) {
      std::set<std::string> urls;
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto key = fmt::format("import_feeds[{}]", i);
        if (!(*list)[i].is_object()) r.fail(key, "must be an object");
        JsonReader f((*list)[i].as_object(), r.path(key));
        auto url = f.link("url", 1000, false);
        if (url.empty()) f.fail("url", "is required");
        if (!urls.insert(url).second) f.fail("url", "is listed twice");
        auto category = f.text("category", 63, "");
        if (!category.empty() && !slugs.contains(category))
          f.fail("category", fmt::format("'{}' is not one of the categories", category));
        f.finish();
        json::object feed{{"url", url}};
        if (!category.empty()) feed["category"] = category;
        feeds.push_back(std::move(feed));
      }
    }
    r.finish();
    return json::object{{"categories", std::move(categories)}, {"import_feeds", std::move(feeds)}};
  });
}

json::object EventsModule::public_settings(const json::object& settings) const {
  json::object out;
  if (auto it = settings.find("categories"); it != settings.end()) out["categories"] = it->value();
  return out;
}

std::vector<FeedState> poll_city_feeds(storage::Store& store, const tenants::City& city,
                                       const identity::Actor& actor,
                                       const shared::FetchOptions& fetch) {
  auto rules = CityRules::of(city);
  const auto& settings = city.modules.at("events").settings;
  auto known = store.read([&](storage::Transaction& tx) { return feed_states(tx, city.id); });
  std::vector<FeedState> states;
  for (const auto& feed : import_feeds_of(settings)) {
    FeedState state{feed.url, {}, {}, {}, 0, {}, {}};
    if (known)
      for (const auto& k : *known)
        if (k.url == feed.url) state = k;
    auto now = unix_millis();
    state.last_attempt_at = now;
    shared::FetchOptions options = fetch;
    options.if_none_match = state.etag;
    options.if_modified_since = state.last_modified;
    auto fetched = shared::fetch(feed.url, options);
    if (!fetched) {
      state.last_error = fetched.error().detail();
    } else if (fetched->status == 304) {
      state.last_error.clear();
      state.last_success_at = now;
    } else if (fetched->status < 200 || fetched->status > 299) {
      state.last_error = fmt::format("HTTP status {}", fetched->status);
    } else {
      auto parsed = parse_ics(fetched->body, rules, feed.category);
      std::vector<ImportProblem> errors = parsed.errors;
      auto items = check_items(parsed, rules, errors);
      ImportSummary summary;
      auto written = store.write([&](storage::Transaction& tx) {
        apply_items(tx, city.id, rules, feed.url, items, true, now, summary);
        if (summary.created + summary.updated > 0) {
          auto after = summary.to_json();
          after.erase("errors");
          identity::record_audit(
              tx, actor,
              {city.slug, "events.import", "events_feed", feed.url, nullptr, std::move(after)});
        }
      });
      if (!written) {
        state.last_error = written.error().detail();
      } else {
        state.last_success_at = now;
        state.items_seen = static_cast<std::int64_t>(items.size());
        state.etag = fetched->etag;
        state.last_modified = fetched->last_modified;
        state.last_error = errors.empty() ? std::string() : feed_problems(errors);
      }
      if (summary.created + summary.updated > 0)
        spdlog::info("events import {} ({}): {} created, {} updated, {} unchanged", feed.url,
                     city.slug, summary.created, summary.updated, summary.unchanged);
    }
    if (!state.last_error.empty())
      spdlog::warn("events import {} ({}): {}", feed.url, city.slug, state.last_error);
    auto saved =
        store.write([&](storage::Transaction& tx) { save_feed_state(tx, city.id, state); });
    if (!saved) spdlog::warn("events import state of {}: {}", feed.url, saved.error().detail());
    states.push_back(std::move(state));
  }
  return states;
}

std::vector<PublicFeed> EventsModule::public_feeds(std::string_view city_slug) const {
  return {{"events_ics", fmt::format("/api/v1/cities/{}/events/feed.ics", city_slug),
           "text/calendar", "Veranstaltungen (iCalendar)", "Events (iCalendar)"}};
}

std::vector<Job> EventsModule::jobs(ModuleContext& context) {
  storage::Store& store = context.store;
  tenants::CityDirectory& cities = context.cities;
  shared::FetchOptions fetch{.allow_private_networks =
                                 context.config.imports.allow_private_networks};
  return {
      {"poll import feeds", context.config.events.import_interval, [this, &store, &cities, fetch] {
         std::lock_guard lock(poll_mutex_);
         // Held for the whole loop: a city change publishes a new snapshot meanwhile.
         auto snapshot = cities.snapshot();
         for (const auto& city : snapshot->cities) {
           if (!city->module_enabled("events")) continue;
           poll_city_feeds(store, *city, {"job", "events.import", "Events import job", ""}, fetch);
           cache_.invalidate(city->id);
         }
       }}};
}

void EventsModule::register_routes(ModuleRouter& router, ModuleContext& context) {
  storage::Store& store = context.store;
  const tenants::PublicLinks& public_links = context.links;
  const shared::FetchOptions fetch{.allow_private_networks =
                                       context.config.imports.allow_private_networks};
  const std::string base = "/api/v1/cities/{city}/events";

  // The public occurrence list.
  router.add(
      http::Method::get, base,
      shared::cached_read(
          cache_, public_links,
          [&store, &public_links](http::RequestContext& ctx) -> http::Response {
            auto links = Links::of(public_links, ctx);
            auto page = http::parse_page(ctx.request, 20, 200);
            if (!page) return page.error();
            std::optional<std::pair<std::int64_t, std::int64_t>> after;
            if (page->after) {
              after = occurrence_cursor(*page->after);
              if (!after)
                return validation_error("cursor", "The cursor does not belong to this list");
            }
            auto city = CityRules::of(*ctx.city);
            auto now = unix_millis();
            auto filter = read_filter(ctx.request, city, now);
            if (!filter) return filter.error();
            auto events = store.read([&](storage::Transaction& tx) {
              return published_events(tx, ctx.city->id, filter->from_ms, filter->to_ms);
            });
            if (!events) return events.error();
            struct Item {
              Span span;
              const Event* event;
            };
            std::vector<Item> items;
            for (const auto& e : *events) {
              if (!visible(e, now) || !matches(e, *filter)) continue;
              for (const auto& s :
                   occurrences(e.schedule, city.zone, filter->from_ms, filter->to_ms))
                if (!after || std::pair{s.start_ms, e.id} > *after) items.push_back({s, &e});
            }
            std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
              return std::pair{a.span.start_ms, a.event->id} <
                     std::pair{b.span.start_ms, b.event->id};
            });
            json::array out;
            for (std::size_t i = 0; i < items.size() && i < page->limit; ++i) {
              auto o = span_json(items[i].span, *items[i].event, city);
              json::object item{{"event", summary_json(*items[i].event, city, links)},
                                {"start", o["start"]},
                                {"end", o["end"]}};
              out.push_back(std::move(item));
            }
            json::value next = nullptr;
            if (items.size() > page->limit) {
              const auto& last = items[page->limit - 1];
              next = http::encode_cursor(fmt::format("{}:{}", last.span.start_ms, last.event->id));
            }
            return http::json_response(200, json::serialize(json::object{{"items", std::move(out)},
                                                                         {"next_cursor", next}}));
          }),
      http::Access::public_, /*blocking=*/true);

  // The subscribable calendar.
  router.add(http::Method::get, base + "/feed.ics",
             shared::cached_read(
                 cache_, public_links,
                 [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto links = Links::of(public_links, ctx);
                   auto city = CityRules::of(*ctx.city);
                   auto now = unix_millis();
                   ListFilter filter;
                   auto category = ctx.request.query_param("category").value_or("");
                   if (!category.empty() && !city.category(category))
                     return validation_error(
                         "category",
                         fmt::format("'{}' is not an event category of {}", category, city.name));
                   filter.category = category;
                   filter.district = ctx.request.query_param("district").value_or("");
                   if (!filter.district.empty() && !city.districts.contains(filter.district))
                     return validation_error("district", fmt::format("'{}' is not a district of {}",
                                                                     filter.district, city.name));
                   if (auto free = ctx.request.query_param("free")) {
                     if (*free != "true" && *free != "false")
                       return validation_error("free", "free must be true or false");
                     filter.free = *free == "true";
                   }
                   auto events = store.read([&](storage::Transaction& tx) {
                     return published_events(tx, ctx.city->id, now - kFeedHistoryMs, INT64_MAX);
                   });
                   if (!events) return events.error();
                   std::vector<Event> shown;
                   for (auto& e : *events)
                     if (visible(e, now) && matches(e, filter)) shown.push_back(std::move(e));
                   auto name = fmt::format("Veranstaltungen {}", ctx.city->name);
                   if (const Category* c = city.category(category)) name += " – " + c->title_de;
                   return calendar_response(write_calendar(shown, city, {name, links.origin}));
                 }),
             http::Access::public_, /*blocking=*/true);

  auto load_visible = [&store](http::RequestContext& ctx) -> Result<Event> {
    auto id = event_id(ctx);
    if (!id) return id.error();
    auto found =
        store.read([&](storage::Transaction& tx) { return find_event(tx, ctx.city->id, *id); });
    if (!found) return found.error();
    if (!*found || !visible(**found, unix_millis())) return no_event(*ctx.city, *id);
    return std::move(**found);
  };

  router.add(http::Method::get, base + "/{id}",
             shared::cached_read(
                 cache_, public_links,
                 [load_visible, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto links = Links::of(public_links, ctx);
                   auto e = load_visible(ctx);
                   if (!e) return e.error();
                   auto city = CityRules::of(*ctx.city);
                   return http::json_response(
                       200, json::serialize(detail_json(*e, city, links, unix_millis())));
                 }),
             http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/{id}/event.ics",
      [load_visible, &public_links](http::RequestContext& ctx) -> http::Response {
        auto links = Links::of(public_links, ctx);
        auto e = load_visible(ctx);
        if (!e) return e.error();
        auto city = CityRules::of(*ctx.city);
        return calendar_response(
            write_calendar({*e}, city, {e->title, links.origin}),
            fmt::format("attachment; filename=\"veranstaltung-{}.ics\"", e->id));
      },
      http::Access::public_, /*blocking=*/true);

  // Editors.
  router.add(
      http::Method::get, base + "/editorial",
      [&store, &public_links](http::RequestContext& ctx) -> http::Response {
        auto links = Links::of(public_links, ctx);
        auto page = http::parse_page(ctx.request, 50, 200);
        if (!page) return page.error();
        auto before = http::integer_cursor(*page, INT64_MAX);
        if (!before) return before.error();
        auto status = ctx.request.query_param("status").value_or("");
        if (!status.empty() && status != "draft" && status != "scheduled" && status != "published")
          return validation_error("status", "status must be draft, scheduled or published");
        auto city = CityRules::of(*ctx.city);
        auto now = unix_millis();
        json::array items;
        json::value next = nullptr;
        auto cursor = *before;
        // Filtering by the computed status happens here; read in batches until a page is full.
        while (true) {
          auto batch = store.read(
              [&](storage::Transaction& tx) { return all_events(tx, ctx.city->id, cursor, 200); });
          if (!batch) return batch.error();
          for (const auto& e : *batch) {
            cursor = e.id;
            if (!status.empty() && status_name(e, now) != status) continue;
            if (items.size() == page->limit) {
              next =
                  http::encode_cursor(std::to_string(items.back().as_object().at("id").as_int64()));
              break;
            }
            items.push_back(editorial_json(e, city, links, now));
          }
          if (!next.is_null() || batch->size() < 200) break;
        }
        return http::json_response(
            200, json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", next}}));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::get, base + "/editorial/{id}",
      [&store, &public_links](http::RequestContext& ctx) -> http::Response {
        auto links = Links::of(public_links, ctx);
        auto id = event_id(ctx);
        if (!id) return id.error();
        auto found =
            store.read([&](storage::Transaction& tx) { return find_event(tx, ctx.city->id, *id); });
        if (!found) return found.error();
        if (!*found) return no_event(*ctx.city, *id);
        auto city = CityRules::of(*ctx.city);
        return http::json_response(
            200, json::serialize(editorial_json(**found, city, links, unix_millis())));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::post, base,
      shared::invalidating(cache_,
                           [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                             auto links = Links::of(public_links, ctx);
                             auto body = http::json_body(ctx.request);
                             if (!body) return body.error();
                             auto city = CityRules::of(*ctx.city);
                             auto e = parse_event(*body, city);
                             if (!e) return e.error();
                             auto now = unix_millis();
                             e->created_at = e->updated_at = now;
                             auto out = store.write([&](storage::Transaction& tx) {
                               insert_event(tx, ctx.city->id, *e, city.zone);
                               auto after = editorial_json(*e, city, links, now);
                               after.erase("json_ld");
                               after.erase("next_occurrences");
                               identity::record_audit(tx, identity::actor_of(ctx),
                                                      {ctx.city->slug, "events.create", "event",
                                                       std::to_string(e->id), nullptr, after});
                               return editorial_json(*e, city, links, now);
                             });
                             if (!out) return out.error();
                             auto r = http::json_response(201, json::serialize(*out));
                             r.set_header("Location", href_of(*e, city, links));
                             return r;
                           }),
      http::Access::city_content, true);

  router.add(http::Method::put, base + "/{id}",
             shared::invalidating(
                 cache_,
                 [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto links = Links::of(public_links, ctx);
                   auto id = event_id(ctx);
                   if (!id) return id.error();
                   auto body = http::json_body(ctx.request);
                   if (!body) return body.error();
                   auto city = CityRules::of(*ctx.city);
                   auto e = parse_event(*body, city);
                   if (!e) return e.error();
                   auto now = unix_millis();
                   auto out = store.write([&](storage::Transaction& tx) -> json::object {
                     auto old = find_event(tx, ctx.city->id, *id);
                     if (!old) throw no_event(*ctx.city, *id);
                     e->id = *id;
                     e->created_at = old->created_at;
                     e->updated_at = now;
                     e->import_source = old->import_source;
                     e->import_uid = old->import_uid;
                     update_event(tx, ctx.city->id, *e, city.zone);
                     auto brief = [&](const Event& x) {
                       auto j = editorial_json(x, city, links, now);
                       j.erase("json_ld");
                       j.erase("next_occurrences");
                       return j;
                     };
                     identity::record_audit(tx, identity::actor_of(ctx),
                                            {ctx.city->slug, "events.update", "event",
                                             std::to_string(*id), brief(*old), brief(*e)});
                     return editorial_json(*e, city, links, now);
                   });
                   if (!out) return out.error();
                   return http::json_response(200, json::serialize(*out));
                 }),
             http::Access::city_content, true);

  router.add(
      http::Method::delete_, base + "/{id}",
      shared::invalidating(cache_,
                           [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                             auto links = Links::of(public_links, ctx);
                             auto id = event_id(ctx);
                             if (!id) return id.error();
                             auto city = CityRules::of(*ctx.city);
                             auto now = unix_millis();
                             auto done = store.write([&](storage::Transaction& tx) {
                               auto old = find_event(tx, ctx.city->id, *id);
                               if (!old) throw no_event(*ctx.city, *id);
                               delete_event(tx, ctx.city->id, *id, now);
                               auto before = editorial_json(*old, city, links, now);
                               before.erase("json_ld");
                               before.erase("next_occurrences");
                               identity::record_audit(tx, identity::actor_of(ctx),
                                                      {ctx.city->slug, "events.delete", "event",
                                                       std::to_string(*id), before, nullptr});
                             });
                             if (!done) return done.error();
                             return http::no_content();
                           }),
      http::Access::city_content, true);

  router
      .add(http::Method::post, base + "/import",
           shared::invalidating(
               cache_,
               [&store](http::RequestContext& ctx) -> http::Response {
                 auto type = ctx.request.header("Content-Type");
                 type = type.substr(0, type.find(';'));
                 while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
                 bool ics = http::iequals(type, "text/calendar");
                 bool csv = http::iequals(type, "text/csv");
                 if (!ics && !csv)
                   return Error(Errc::unsupported_media_type,
                                "Send the events as text/calendar (iCalendar) or text/csv");
                 auto dry = ctx.request.query_param("dry_run").value_or("false");
                 if (dry != "true" && dry != "false")
                   return validation_error("dry_run", "dry_run must be true or false");
                 bool dry_run = dry == "true";
                 auto city = CityRules::of(*ctx.city);
                 auto category = ctx.request.query_param("category").value_or("");
                 if (!category.empty() && !city.category(category))
                   return validation_error(
                       "category",
                       fmt::format("'{}' is not an event category of {}", category, city.name));
                 auto text = ctx.request.body;
                 if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
                   return validation_error("body", "The body is empty");
                 if (!is_clean_utf8(text))
                   return validation_error(
                       "body", "The body must be UTF-8 text without control characters");
                 auto parsed =
                     ics ? parse_ics(text, city, category) : parse_csv(text, city, category);
                 ImportSummary summary;
                 summary.errors = parsed.errors;
                 auto items = check_items(parsed, city, summary.errors);
                 if (!summary.errors.empty()) return import_failed(summary);
                 auto now = unix_millis();
                 const std::string source = "upload";
                 Result<void> done =
                     dry_run
                         ? store.transact(storage::Access::read,
                                          [&](storage::Transaction& tx) {
                                            apply_items(tx, ctx.city->id, city, source, items,
                                                        false, now, summary);
                                          })
                         : store.transact(storage::Access::write, [&](storage::Transaction& tx) {
                             apply_items(tx, ctx.city->id, city, source, items, true, now, summary);
                             auto after = summary.to_json();
                             after.erase("errors");
                             after["format"] = ics ? "text/calendar" : "text/csv";
                             identity::record_audit(tx, identity::actor_of(ctx),
                                                    {ctx.city->slug, "events.import", "events",
                                                     ctx.city->slug, nullptr, after});
                           });
                 if (!done) return done.error();
                 return http::json_response(200, json::serialize(summary.to_json()));
               }),
           http::Access::city_content, true)
      .options.max_body_bytes = kMaxImportBytes;

  router.add(
      http::Method::get, base + "/imports",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto states =
            store.read([&](storage::Transaction& tx) { return feed_states(tx, ctx.city->id); });
        if (!states) return states.error();
        return http::json_response(200, json::serialize(feeds_json(*states, *ctx.city)));
      },
      http::Access::city_content, true);

  router.add(http::Method::post, base + "/imports/run",
             shared::invalidating(
                 cache_,
                 [this, &store, fetch](http::RequestContext& ctx) -> http::Response {
                   std::vector<FeedState> states;
                   {
                     std::lock_guard lock(poll_mutex_);
                     states = poll_city_feeds(store, *ctx.city, identity::actor_of(ctx), fetch);
                   }
                   return http::json_response(200, json::serialize(feeds_json(states, *ctx.city)));
                 }),
             http::Access::city_content, true);
}

}  // namespace mosaik::modules::events
