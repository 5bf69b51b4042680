#include "shared/internet_time.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <chrono>
#include <vector>

#include "shared/calendar.hpp"

namespace mosaik::shared {
namespace {

using namespace std::chrono;

// Unix seconds of a civil date and time in UTC; nullopt for an impossible date.
std::optional<std::int64_t> civil_seconds(int y, int mo, int d, int h, int mi, int s) {
  if (mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
    return std::nullopt;
  year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  // A leap second is read as the second before the next minute begins.
  if (s == 60) s = 59;
  return sys_days(date).time_since_epoch().count() * 86400LL + h * 3600LL + mi * 60LL + s;
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view t, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > t.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = t[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool expect(std::string_view t, std::size_t& pos, char c) {
  if (pos >= t.size() || t[pos] != c) return false;
  ++pos;
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The offset in seconds of the RFC 822 zone `zone` ("+0100", "GMT", "EST", "Z").
std::optional<int> rfc822_zone(std::string_view zone) {
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    std::size_t pos = 1;
    int hh = 0, mm = 0;
    if (!digits(zone, pos, 2, hh) || !digits(zone, pos, 2, mm) || mm > 59) return std::nullopt;
    int offset = hh * 3600 + mm * 60;
    return zone[0] == '-' ? -offset : offset;
  }
  // Also "+01:00", which some feeds write.
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    std::string compact = std::string(zone.substr(0, 3)) + std::string(zone.substr(4));
    return rfc822_zone(compact);
  }
  static constexpr std::array<std::pair<std::string_view, int>, 12> kNames{{{"ut", 0},
                                                                            {"utc", 0},
                                                                            {"gmt", 0},
                                                                            {"z", 0},
                                                                            {"est", -5},
                                                                            {"edt", -4},
                                                                            {"cst", -6},
                                                                            {"cdt", -5},
                                                                            {"mst", -7},
                                                                            {"mdt", -6},
                                                                            {"pst", -8},
                                                                            {"pdt", -7}}};
  auto name = lower(zone);
  for (const auto& [n, hours] : kNames)
    if (n == name) return hours * 3600;
  return std::nullopt;
}

std::optional<std::int64_t> parse_rfc822(std::string_view text) {
  // [Day, ] DD Mon YYYY HH:MM[:SS] ZONE
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != ',') ++i;
    if (i > start) parts.push_back(text.substr(start, i - start));
  }
  if (!parts.empty() && !parts[0].empty() && std::isalpha(static_cast<unsigned char>(parts[0][0])))
    parts.erase(parts.begin());  // the weekday; not checked
  if (parts.size() != 5) return std::nullopt;
  int d = 0, y = 0;
  std::size_t pos = 0;
  if (!digits(parts[0], pos, parts[0].size(), d) || parts[0].size() > 2) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  auto mon = lower(parts[1].substr(0, 3));
  int mo = 0;
  for (std::size_t m = 0; m < kMonths.size(); ++m)
    if (kMonths[m] == mon) mo = static_cast<int>(m) + 1;
  if (mo == 0) return std::nullopt;
  pos = 0;
  if (parts[2].size() == 4) {
    if (!digits(parts[2], pos, 4, y)) return std::nullopt;
  } else if (parts[2].size() == 2) {
    if (!digits(parts[2], pos, 2, y)) return std::nullopt;
    y += y < 50 ? 2000 : 1900;  // RFC 2822 section 4.3
  } else {
    return std::nullopt;
  }
  int h = 0, mi = 0, s = 0;
  auto clock = parts[3];
  pos = 0;
  if (!digits(clock, pos, 2, h) || !expect(clock, pos, ':') || !digits(clock, pos, 2, mi))
    return std::nullopt;
  if (pos < clock.size() && (!expect(clock, pos, ':') || !digits(clock, pos, 2, s)))
    return std::nullopt;
  if (pos != clock.size()) return std::nullopt;
  auto zone = rfc822_zone(parts[4]);
  auto base = civil_seconds(y, mo, d, h, mi, s);
  if (!zone || !base) return std::nullopt;
  return (*base - *zone) * 1000;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(std::string_view t) {
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!digits(t, pos, 4, y) || !expect(t, pos, '-') || !digits(t, pos, 2, mo) ||
      !expect(t, pos, '-') || !digits(t, pos, 2, d))
    return std::nullopt;
  if (pos >= t.size() || (t[pos] != 'T' && t[pos] != 't' && t[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!digits(t, pos, 2, h) || !expect(t, pos, ':') || !digits(t, pos, 2, mi) ||
      !expect(t, pos, ':') || !digits(t, pos, 2, s))
    return std::nullopt;
  std::int64_t millis = 0;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    int scale = 100;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
      millis += (t[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (pos >= t.size()) return std::nullopt;
  int offset = 0;
  if (t[pos] == 'Z' || t[pos] == 'z') {
    ++pos;
  } else if (t[pos] == '+' || t[pos] == '-') {
    bool negative = t[pos] == '-';
    ++pos;
    int oh = 0, om = 0;
    if (!digits(t, pos, 2, oh) || !expect(t, pos, ':') || !digits(t, pos, 2, om) || oh > 23 ||
        om > 59)
      return std::nullopt;
    offset = (oh * 3600 + om * 60) * (negative ? -1 : 1);
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;
  auto base = civil_seconds(y, mo, d, h, mi, s);
  if (!base) return std::nullopt;
  return (*base - offset) * 1000 + millis;
}

std::string rfc3339_in_zone(std::int64_t unix_ms, std::string_view time_zone) {
  return format_rfc3339(unix_ms, zone_named(time_zone));
}

std::string rfc822(std::int64_t unix_ms) {
  static constexpr std::array<std::string_view, 7> kDays{"Thu", "Fri", "Sat", "Sun",
                                                         "Mon", "Tue", "Wed"};
  static constexpr std::array<std::string_view, 12> kMonths{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto t =
      sys_seconds(std::chrono::seconds(unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000)));
  auto days = floor<std::chrono::days>(t);
  year_month_day date(days);
  hh_mm_ss clock(t - days);
  auto weekday_index = ((days.time_since_epoch().count() % 7) + 7) % 7;  // 1970-01-01: Thursday
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000", kDays[weekday_index],
                     static_cast<unsigned>(date.day()),
                     kMonths[static_cast<unsigned>(date.month()) - 1],
                     static_cast<int>(date.year()), clock.hours().count(), clock.minutes().count(),
                     clock.seconds().count());
}

std::optional<std::int64_t> parse_feed_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (auto t = parse_rfc3339(text)) return t;
  return parse_rfc822(text);
}

}  // namespace mosaik::shared
