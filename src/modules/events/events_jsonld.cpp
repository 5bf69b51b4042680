#include "modules/events/events_jsonld.hpp"

#include <fmt/format.h>

#include "shared/rich_text.hpp"

namespace mosaik::modules::events {

json::object event_json_ld(const Event& e, const CityRules& city, std::int64_t start_ms,
                           std::int64_t end_ms, std::string_view base_url) {
  json::object ld{{"@context", "https://schema.org"}, {"@type", "Event"}, {"name", e.title}};
  auto text = shared::plain_text(e.description_html, 5000);
  if (!text.empty()) ld["description"] = text;
  if (e.all_day) {
    ld["startDate"] = format_local(to_local(start_ms, city.zone)).substr(0, 10);
    ld["endDate"] = format_local(to_local(end_ms - 1, city.zone)).substr(0, 10);
  } else {
    ld["startDate"] = format_rfc3339(start_ms, city.zone);
    ld["endDate"] = format_rfc3339(end_ms, city.zone);
  }
  ld["eventStatus"] =
      e.cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled";
  ld["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode";
  if (e.venue) {
    json::object place{{"@type", "Place"}, {"name", e.venue->name}};
    json::object address{{"@type", "PostalAddress"}, {"addressLocality", city.name}};
    if (!e.venue->address.empty()) address["streetAddress"] = e.venue->address;
    place["address"] = std::move(address);
    if (e.venue->lat && e.venue->lon)
      place["geo"] = json::object{
          {"@type", "GeoCoordinates"}, {"latitude", *e.venue->lat}, {"longitude", *e.venue->lon}};
    ld["location"] = std::move(place);
  }
  if (!e.organizer.empty())
    ld["organizer"] = json::object{{"@type", "Organization"}, {"name", e.organizer}};
  ld["isAccessibleForFree"] = e.free;
  json::object offer{{"@type", "Offer"}};
  if (e.free) {
    offer["price"] = "0";
    offer["priceCurrency"] = "EUR";
  }
  if (!e.price_text.empty()) offer["description"] = e.price_text;
  if (e.free || !e.price_text.empty()) ld["offers"] = std::move(offer);
  if (e.image) {
    auto url = e.image->url.starts_with("/") ? std::string(base_url) + e.image->url : e.image->url;
    ld["image"] = json::array{json::value(url)};
  }
  ld["url"] = fmt::format("{}/{}/events/{}", base_url, city.slug, e.id);
  return ld;
}

}  // namespace mosaik::modules::events
