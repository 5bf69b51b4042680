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

// The first problems of a feed that was read with some events skipped.
std::string feed_problems(const std::vector<ImportProblem>& errors) {
  std::string out = fmt::format("{} event(s) skipped:", errors.size());
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i)
    out += fmt::format(" line {}{}: {};", errors[i].line,
                       errors[i].field.empty() ? "" : " " + errors[i].field, errors[i].message);
  out.pop_back();
  return out;
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

std::vector<ModuleConfigKey> EventsModule::config_keys() const {
  return {{"events.import_interval_ms", ModuleConfigKey::Kind::whole_number, 100, 7 * 86'400'000LL,
           "900000"}};
}

std::vector<Job> EventsRuntime::jobs() {
  ModuleContext& context = context_;
  storage::Store& store = context.store;
  tenants::CityDirectory& cities = context.cities;
  shared::FetchOptions fetch{.allow_private_networks =
                                 context.config.imports.allow_private_networks};
  return {
      {"poll import feeds", context.config.duration("events.import_interval_ms"),
       [this, &store, &cities, fetch] {
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

}  // namespace mosaik::modules::events
