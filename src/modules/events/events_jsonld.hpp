// schema.org Event as JSON-LD for an event's page, so that search engines show it as an event.
#pragma once

#include <string_view>

#include "core/json.hpp"
#include "modules/events/event.hpp"

namespace mosaik::modules::events {

// `start_ms`/`end_ms`: the occurrence to describe (the next one for recurring events).
// `base_url`: absolute origin for `url` and root-relative image URLs.
json::object event_json_ld(const Event& e, const CityRules& city, std::int64_t start_ms,
                           std::int64_t end_ms, std::string_view base_url);

}  // namespace mosaik::modules::events
