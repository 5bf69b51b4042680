// Times as the API and the feeds write them, and as feeds from elsewhere write them: RFC 3339 (the
// API, Atom) and RFC 822 (RSS 2.0). Stored as Unix milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mosaik::shared {

// "2026-11-24T10:30:00+01:00", "…Z", with optional fractions of a second. The offset is
// required (a time without one is ambiguous). nullopt for anything else, including impossible
// dates such as February 30.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);

// RFC 3339 with the offset that `time_zone` (an IANA name such as "Europe/Berlin") has at that
// instant, to the second: "2026-11-24T10:30:00+01:00". An unknown zone gives UTC ("Z").
// Thread-safe.
std::string rfc3339_in_zone(std::int64_t unix_ms, std::string_view time_zone);

// RFC 822 as RSS 2.0 wants it, in UTC: "Tue, 24 Nov 2026 09:30:00 +0000".
std::string rfc822(std::int64_t unix_ms);

// A date of a feed we import: RFC 822 / RFC 2822 (four- or two-digit years, optional weekday
// and seconds, numeric offsets or the zone names of RFC 822) or RFC 3339. nullopt when neither.
std::optional<std::int64_t> parse_feed_date(std::string_view text);

}  // namespace mosaik::shared
