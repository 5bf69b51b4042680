#include "modules/events/events_filter.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/geo.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::events {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

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

}  // namespace

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

}  // namespace mosaik::modules::events
