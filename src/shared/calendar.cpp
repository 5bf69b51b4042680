#include "shared/calendar.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <charconv>
#include <chrono>
#include <mutex>
#include <unordered_map>

namespace mosaik::shared {

namespace {

std::recursive_mutex& libical_mutex() {
  static std::recursive_mutex mu;
  return mu;
}

void init_libical() {
  static std::once_flag once;
  std::call_once(once, [] { icalerror_set_errors_are_fatal(0); });
}

LocalTime from_ical(const icaltimetype& t) {
  LocalTime out{t.year, t.month, t.day, 0, 0, 0, t.is_date != 0};
  if (!t.is_date) {
    out.hour = t.hour;
    out.minute = t.minute;
    out.second = t.second;
  }
  return out;
}

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  std::from_chars(s.data() + pos, s.data() + pos + len, out);
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

icaltimezone* mutable_zone(Zone zone) {
  return const_cast<icaltimezone*>(reinterpret_cast<const icaltimezone*>(zone));
}

icaltimetype to_ical(const LocalTime& t) {
  icaltimetype out = icaltime_null_time();
  out.year = t.year;
  out.month = t.month;
  out.day = t.day;
  out.is_date = t.is_date ? 1 : 0;
  if (!t.is_date) {
    out.hour = t.hour;
    out.minute = t.minute;
    out.second = t.second;
  }
  return out;
}

LibicalLock::LibicalLock() {
  init_libical();
  libical_mutex().lock();
}
LibicalLock::~LibicalLock() {
  libical_mutex().unlock();
}

Zone utc_zone() {
  return reinterpret_cast<Zone>(icaltimezone_get_utc_timezone());
}

std::int64_t instant_ms(const ParsedTime& parsed) {
  return to_utc_ms(parsed.local, utc_zone()) - parsed.offset_seconds.value_or(0) * 1000LL;
}

std::optional<ParsedTime> parse_time_text(std::string_view s) {
  ParsedTime p;
  LocalTime& t = p.local;
  if (!read_int(s, 0, 4, t.year) || s.size() < 10 || s[4] != '-' || s[7] != '-' ||
      !read_int(s, 5, 2, t.month) || !read_int(s, 8, 2, t.day))
    return std::nullopt;
  if (t.year < 1900 || t.year > 2200 || t.month < 1 || t.month > 12 || t.day < 1 ||
      t.day > days_in_month(t.year, t.month))
    return std::nullopt;
  if (s.size() == 10) {
    t.is_date = true;
    return p;
  }
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !read_int(s, 11, 2, t.hour) ||
      s.size() < 16 || s[13] != ':' || !read_int(s, 14, 2, t.minute))
    return std::nullopt;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!read_int(s, 17, 2, t.second)) return std::nullopt;
    i = 19;
    if (i < s.size() && s[i] == '.') {  // fractions of a second are dropped
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
  }
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  if (i == s.size()) return p;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) {
    p.offset_seconds = 0;
    return p;
  }
  int oh = 0, om = 0;
  if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && s[i + 3] == ':' &&
      read_int(s, i + 1, 2, oh) && read_int(s, i + 4, 2, om) && oh < 24 && om < 60) {
    p.offset_seconds = (s[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    return p;
  }
  return std::nullopt;
}

Zone zone_named(std::string_view iana_name) {
  init_libical();
  std::lock_guard lock(libical_mutex());
  std::string name(iana_name);
  return reinterpret_cast<Zone>(icaltimezone_get_builtin_timezone(name.c_str()));
}

std::int64_t to_utc_ms(const LocalTime& local, Zone zone) {
  std::lock_guard lock(libical_mutex());
  icaltimetype t = to_ical(local);
  t.is_date = 0;  // midnight of a date
  return static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, mutable_zone(zone))) * 1000;
}

LocalTime to_local(std::int64_t utc_ms, Zone zone) {
  std::lock_guard lock(libical_mutex());
  auto secs = static_cast<time_t>(utc_ms >= 0 ? utc_ms / 1000 : (utc_ms - 999) / 1000);
  icaltimetype t = icaltime_from_timet_with_zone(secs, 0, mutable_zone(zone));
  return from_ical(t);
}

LocalTime in_zone(const ParsedTime& parsed, Zone zone) {
  if (!parsed.offset_seconds || parsed.local.is_date) return parsed.local;
  // As if written in UTC, then shifted by the offset: the instant it names.
  return to_local(instant_ms(parsed), zone);
}

int utc_offset_seconds(std::int64_t utc_ms, Zone zone) {
  if (!zone) return 0;
  // Offsets change only on whole hours (UTC) in every zone in use, and libical's lookup costs
  // microseconds: a list of 2,000 reports would spend 10 ms on it. Remembered per thread, so
  // only a miss takes libical's lock.
  thread_local std::unordered_map<Zone, std::unordered_map<std::int64_t, int>> known;
  auto seconds = utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000);
  auto hour = seconds >= 0 ? seconds / 3600 : -((-seconds + 3599) / 3600);
  auto& hours = known[zone];
  if (auto it = hours.find(hour); it != hours.end()) return it->second;
  int offset = 0;
  {
    std::lock_guard lock(libical_mutex());
    icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(hour * 3600), 0,
                                                   icaltimezone_get_utc_timezone());
    int is_daylight = 0;
    offset = icaltimezone_get_utc_offset_of_utc_time(mutable_zone(zone), &t, &is_daylight);
  }
  if (hours.size() > 100'000) hours.clear();
  hours.emplace(hour, offset);
  return offset;
}

std::string format_local(const LocalTime& t) {
  if (t.is_date) return fmt::format("{:04}-{:02}-{:02}", t.year, t.month, t.day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t.year, t.month, t.day, t.hour,
                     t.minute, t.second);
}

std::string format_rfc3339(std::int64_t utc_ms, Zone zone) {
  using namespace std::chrono;
  std::int64_t seconds = utc_ms >= 0 ? utc_ms / 1000 : -((-utc_ms + 999) / 1000);
  int offset = utc_offset_seconds(utc_ms, zone);
  auto local = sys_seconds(std::chrono::seconds(seconds + offset));
  auto days = floor<std::chrono::days>(local);
  year_month_day date(days);
  hh_mm_ss clock(local - days);
  std::string zone_text = "Z";
  if (zone) {
    int magnitude = std::abs(offset);
    zone_text = fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 3600,
                            magnitude % 3600 / 60);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                     clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                     zone_text);
}

LocalTime add_days(const LocalTime& date, int days) {
  icaltimetype t = to_ical(date);
  icaltime_adjust(&t, days, 0, 0, 0);
  return from_ical(t);
}

int days_between(const LocalTime& from, const LocalTime& to) {
  LocalTime a = from, b = to;
  a.is_date = b.is_date = true;
  return static_cast<int>((to_utc_ms(b, utc_zone()) - to_utc_ms(a, utc_zone())) / 86'400'000);
}

Result<std::string> normalise_rrule(std::string_view rrule) {
  init_libical();
  if (rrule.starts_with("RRULE:")) rrule.remove_prefix(6);
  if (rrule.empty() || rrule.size() > 500 || rrule.find_first_of("\r\n:") != std::string_view::npos)
    return validation_error("rrule", "must be an RRULE value such as FREQ=WEEKLY;BYDAY=SA");
  std::string text(rrule);
  std::lock_guard lock(libical_mutex());
  icalerror_clear_errno();
  icalrecurrencetype r = icalrecurrencetype_from_string(text.c_str());
  if (r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
    icalerror_clear_errno();
    return validation_error("rrule", fmt::format("'{}' is not a valid RRULE", text));
  }
  if (r.freq == ICAL_SECONDLY_RECURRENCE || r.freq == ICAL_MINUTELY_RECURRENCE ||
      r.freq == ICAL_HOURLY_RECURRENCE)
    return validation_error("rrule", "events repeat at most daily (FREQ=DAILY or coarser)");
  char* normal = icalrecurrencetype_as_string_r(&r);
  std::string out = normal ? normal : text;
  icalmemory_free_buffer(normal);
  return out;
}

std::vector<Span> occurrences(const Schedule& s, Zone zone, std::int64_t from_ms,
                              std::int64_t to_ms, std::size_t limit) {
  std::vector<Span> out;
  auto first_start = to_utc_ms(s.start, zone);
  // Timed: the same absolute length for every occurrence. All-day: the same number of days.
  std::int64_t length_ms = s.all_day ? 0 : to_utc_ms(s.end, zone) - first_start;
  int days = s.all_day ? days_between(s.start, s.end) + 1 : 0;
  auto span_of = [&](const LocalTime& start) {
    Span sp;
    sp.start_local = start;
    sp.start_ms = to_utc_ms(start, zone);
    sp.end_ms = s.all_day ? to_utc_ms(add_days(start, days), zone) : sp.start_ms + length_ms;
    return sp;
  };
  auto wanted = [&](const Span& sp) { return sp.end_ms > from_ms && sp.start_ms < to_ms; };
  if (s.rrule.empty()) {
    auto sp = span_of(s.start);
    if (wanted(sp) && limit > 0) out.push_back(sp);
    return out;
  }
  std::vector<LocalTime> starts;
  {
    std::lock_guard lock(libical_mutex());
    icalrecurrencetype rule = icalrecurrencetype_from_string(s.rrule.c_str());
    if (rule.freq == ICAL_NO_RECURRENCE) return out;
    icaltimetype dtstart = to_ical(s.start);
    icalrecur_iterator* it = icalrecur_iterator_new(rule, dtstart);
    if (!it) return out;
    for (int n = 0; n < kMaxOccurrences; ++n) {
      icaltimetype next = icalrecur_iterator_next(it);
      if (icaltime_is_null_time(next)) break;
      starts.push_back(from_ical(next));
    }
    icalrecur_iterator_free(it);
  }
  auto horizon = first_start + kMaxSpanMs;
  for (const auto& start : starts) {
    bool excluded = false;
    for (const auto& ex : s.exdates)
      if (ex == start ||
          (ex.is_date && ex.year == start.year && ex.month == start.month && ex.day == start.day))
        excluded = true;
    if (excluded) continue;
    auto sp = span_of(start);
    if (sp.start_ms > horizon || sp.start_ms >= to_ms) break;
    if (!wanted(sp)) continue;
    out.push_back(sp);
    if (out.size() >= limit) break;
  }
  return out;
}

std::pair<std::int64_t, std::int64_t> extent(const Schedule& schedule, Zone zone) {
  auto all = occurrences(schedule, zone, INT64_MIN, INT64_MAX);
  if (all.empty()) {
    auto start = to_utc_ms(schedule.start, zone);
    return {start, start};
  }
  return {all.front().start_ms, all.back().end_ms};
}

}  // namespace mosaik::shared
