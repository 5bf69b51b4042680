#include "modules/events/events_json.hpp"

#include <fmt/format.h>

#include "modules/events/events_jsonld.hpp"
#include "platform/tenants/city.hpp"
#include "shared/media.hpp"

namespace mosaik::modules::events {

namespace {

constexpr std::size_t kNextOccurrences = 10;

std::string time_json(const LocalTime& t, const Event& e, const CityRules& city) {
  if (e.all_day) return format_local(t);
  return format_rfc3339(to_utc_ms(t, city.zone), city.zone);
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

}  // namespace

// An occurrence's start and end as the API shows them (all-day: dates, end inclusive).
json::object span_json(const Span& s, const Event& e, const CityRules& city) {
  if (e.all_day)
    return {{"start", format_local(to_local(s.start_ms, city.zone)).substr(0, 10)},
            {"end", format_local(to_local(s.end_ms - 1, city.zone)).substr(0, 10)}};
  return {{"start", format_rfc3339(s.start_ms, city.zone)},
          {"end", format_rfc3339(s.end_ms, city.zone)}};
}

std::string href_of(const Event& e, const CityRules& city, const Links& links) {
  return fmt::format("{}/api/v1/cities/{}/events/{}", links.api, city.slug, e.id);
}

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

}  // namespace mosaik::modules::events
