// Local times in a city's time zone (shared: events, waste, news, reports) and the expansion of
// recurring events (RFC 5545 RRULE and EXDATE) with libical. Everything an event stores is a
// wall-clock time in its time zone; a weekly 18:00 event stays at 18:00 across daylight-saving
// changes. libical's built-in time zones (icaltimezone_get_builtin_timezone, from the system's
// tzdata) do the conversions.
//
// Thread safety: every function may be called from any thread (libical's lazily built zone
// tables are guarded by one mutex here).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

struct _icaltimezone;
struct icaltimetype;

namespace mosaik::shared {

using Zone = const _icaltimezone*;

// A calendar date, or a date with a wall-clock time (no zone: the event's zone gives it one).
struct LocalTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  bool is_date = false;
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
  friend auto operator<=>(const LocalTime&, const LocalTime&) = default;
};

// A time as written in input: "2026-12-05", "2026-12-05T18:00[:00]" (floating), or with "Z" or
// an offset ("2026-12-05T18:00:00+01:00"). nullopt for anything else, including impossible
// dates (2026-02-30) and times (24:00).
struct ParsedTime {
  LocalTime local;
  std::optional<int> offset_seconds;  // nullopt: floating (or a date)
};
std::optional<ParsedTime> parse_time_text(std::string_view text);

// The UTC zone, and the instant (Unix ms) a parsed time with an offset names.
Zone utc_zone();
std::int64_t instant_ms(const ParsedTime& parsed);

// Holds libical's one lock (recursive) for code that walks libical structures.
class LibicalLock {
 public:
  LibicalLock();
  ~LibicalLock();
  LibicalLock(const LibicalLock&) = delete;
  LibicalLock& operator=(const LibicalLock&) = delete;
};

// libical's view of a zone and a local time, for the iCalendar writer and reader.
// REQUIRES: a LibicalLock is held. (libical's API takes non-const zones; it only mutates its
// lazily filled caches.)
_icaltimezone* mutable_zone(Zone zone);
icaltimetype to_ical(const LocalTime& t);

// The built-in zone for an IANA name ("Europe/Berlin"), or nullptr when libical does not know it.
Zone zone_named(std::string_view iana_name);

// Midnight for a date. A wall-clock time that does not exist (skipped by a DST change) maps to
// the instant libical picks (the later offset).
std::int64_t to_utc_ms(const LocalTime& local, Zone zone);
LocalTime to_local(std::int64_t utc_ms, Zone zone);
// The wall-clock time in `zone` of a time written with an offset (or floating: as is).
LocalTime in_zone(const ParsedTime& parsed, Zone zone);
int utc_offset_seconds(std::int64_t utc_ms, Zone zone);

// "2026-12-05T18:00:00+01:00" (the zone's offset at that instant).
std::string format_rfc3339(std::int64_t utc_ms, Zone zone);
// "2026-12-05" or "2026-12-05T18:00:00".
std::string format_local(const LocalTime& t);
// Days added to a date (for all-day ends).
LocalTime add_days(const LocalTime& date, int days);
int days_between(const LocalTime& from, const LocalTime& to);

// Checks an RRULE value ("FREQ=WEEKLY;BYDAY=SA;COUNT=8"). Errors: validation_failed (field
// "rrule") for a syntax error or a frequency finer than daily; returns the rule normalised.
Result<std::string> normalise_rrule(std::string_view rrule);

struct Span {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;  // exclusive; for all-day events midnight after the last day
  LocalTime start_local;
  friend bool operator==(const Span&, const Span&) = default;
};

struct Schedule {
  LocalTime start;  // DTSTART in `zone`
  LocalTime end;    // timed: DTEND; all-day: the last day (inclusive)
  bool all_day = false;
  std::string rrule;               // empty: a single occurrence
  std::vector<LocalTime> exdates;  // occurrence starts to leave out
};

// The limits of an expansion: no occurrence starts more than two years after the first, and at
// most 1000 are generated (see docs/events-import.md).
constexpr int kMaxOccurrences = 1000;
constexpr std::int64_t kMaxSpanMs = 2LL * 366 * 24 * 3600 * 1000;

// Occurrences overlapping [from_ms, to_ms) in start order, at most `limit`.
std::vector<Span> occurrences(const Schedule& schedule, Zone zone, std::int64_t from_ms,
                              std::int64_t to_ms, std::size_t limit = kMaxOccurrences);
// First start and last end of all occurrences (bounded as above); for the stored index columns.
std::pair<std::int64_t, std::int64_t> extent(const Schedule& schedule, Zone zone);

}  // namespace mosaik::shared
