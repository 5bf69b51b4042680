// The JSON of the events API: lists, an event with its next dates and JSON-LD, the editors'
// view, and the state of a city's feed imports.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/router.hpp"
#include "modules/events/event.hpp"
#include "modules/events/events_import.hpp"
#include "modules/events/events_store.hpp"
#include "platform/tenants/public_links.hpp"

namespace mosaik::modules::events {

// The links of one answer (tenants::PublicLinks decides both).
struct Links {
  std::string api;     // prefix of API links (`href`, `ics_url`); may be empty: root-relative
  std::string origin;  // absolute origin for iCalendar and JSON-LD
  static Links of(const tenants::PublicLinks& links, const http::RequestContext& ctx) {
    return {links.api_prefix(ctx), links.origin(ctx)};
  }
};

// An occurrence's start and end as the API shows them (all-day: dates, end inclusive).
json::object span_json(const Span& s, const Event& e, const CityRules& city);
// The API link of an event.
std::string href_of(const Event& e, const CityRules& city, const Links& links);
// What a list shows of an event.
json::object summary_json(const Event& e, const CityRules& city, const Links& links);
// One event: its fields, its next occurrences and its schema.org JSON-LD (of the next occurrence,
// or the last one of an event that is over).
json::object detail_json(const Event& e, const CityRules& city, const Links& links,
                         std::int64_t now);
// The editors' view: detail_json plus source text, status, schedule and import origin.
json::object editorial_json(const Event& e, const CityRules& city, const Links& links,
                            std::int64_t now);
// The city's configured import feeds with their last attempt, success, error and item count.
json::object feeds_json(const std::vector<FeedState>& states, const tenants::City& city);

}  // namespace mosaik::modules::events
