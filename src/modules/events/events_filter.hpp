// The public list's filters (from, to, when=today|weekend|upcoming, category, district, free,
// near+radius_m) and its cursor: plain logic over the query, unit-testable without a server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "http/message.hpp"
#include "modules/events/event.hpp"

namespace mosaik::modules::events {

struct ListFilter {
  std::int64_t from_ms = 0, to_ms = 0;
  std::string category, district;
  std::optional<bool> free;
  std::optional<std::pair<double, double>> near;
  double radius_m = 5000;
};

// Whether event `e` passes the filter's category, district, price and distance (the dates are
// the store's and the expansion's job).
bool matches(const Event& e, const ListFilter& f);
// The filter of a list request; `now` decides today and the weekend in the city's zone.
// Errors: validation_failed naming the parameter.
Result<ListFilter> read_filter(const http::Request& req, const CityRules& city, std::int64_t now);
// The cursor of the occurrence list: "<start ms>:<event id>" of the last item; nullopt otherwise.
std::optional<std::pair<std::int64_t, std::int64_t>> occurrence_cursor(const std::string& key);

}  // namespace mosaik::modules::events
