// An event of a city's calendar: the validated form of the API's input (read_event), its stored
// document (event_to_doc / event_from_doc) and the rules of the city it belongs to.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/json_reader.hpp"
#include "shared/calendar.hpp"
#include "shared/media.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::events {

// Time and recurrence live in shared/calendar.hpp; events use them by these names.
using shared::add_days;
using shared::days_between;
using shared::extent;
using shared::format_local;
using shared::format_rfc3339;
using shared::in_zone;
using shared::instant_ms;
using shared::kMaxOccurrences;
using shared::kMaxSpanMs;
using shared::LibicalLock;
using shared::LocalTime;
using shared::mutable_zone;
using shared::normalise_rrule;
using shared::occurrences;
using shared::parse_time_text;
using shared::ParsedTime;
using shared::Schedule;
using shared::Span;
using shared::to_ical;
using shared::to_local;
using shared::to_utc_ms;
using shared::utc_offset_seconds;
using shared::utc_zone;
using shared::Zone;
using shared::zone_named;

struct Venue {
  std::string name;
  std::string address;
  std::optional<double> lat, lon;  // both or neither
};

struct Category {
  std::string slug;
  std::string title_de, title_en;
};

// What an event is checked against: the city's time zone, categories and districts.
struct CityRules {
  std::string slug;
  std::string name;
  std::string time_zone;
  Zone zone = nullptr;
  std::vector<Category> categories;
  std::set<std::string> districts;
  // REQUIRES: city.time_zone is a zone libical knows (tenants validate IANA names).
  static CityRules of(const tenants::City& city);
  const Category* category(std::string_view wanted) const;
};

enum class Status { draft, published };

struct Event {
  std::int64_t id = 0;
  std::string title;
  std::string description;                      // source
  std::string description_format = "markdown";  // "markdown" or "html"
  std::string description_html;                 // shared::to_safe_html of the source
  bool all_day = false;
  std::string time_zone;
  Schedule schedule;  // start, end, rrule, exdates
  std::optional<Venue> venue;
  std::string organizer;
  std::string category;
  std::vector<std::string> districts;
  bool free = false;
  std::string price_text;
  std::string accessibility;
  std::optional<shared::ImageRef> image;
  std::string link;
  bool cancelled = false;
  Status status = Status::draft;
  std::optional<std::int64_t> publish_at;  // Unix ms
  std::int64_t created_at = 0, updated_at = 0;
  std::string import_source, import_uid;  // both empty for events made in Mosaik
};

// Limits of the input (docs/openapi.yaml, Event schemas).
constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kDescriptionMax = 50'000;

// Reads an event from the API's JSON (see docs/openapi.yaml EventInput). Throws
// Error(validation_failed) naming the field, e.g. "end" for an end before the start, "category"
// for a category the city does not have, "start" for an invalid date. Use inside read_strictly.
Event read_event(const json::object& input, const CityRules& city);
Result<Event> parse_event(const json::object& input, const CityRules& city);

// The stored document (times as local wall-clock strings) and back. event_from_doc trusts its
// input (it was validated when written).
json::object event_to_doc(const Event& e);
Event event_from_doc(const json::object& doc);

// Visible to the public at `now`: published and its publish time passed.
bool visible(const Event& e, std::int64_t now_ms);
std::string_view status_name(const Event& e, std::int64_t now_ms);  // draft|scheduled|published

// The module's settings: {"categories": [...], "import_feeds": [...]}.
struct ImportFeed {
  std::string url;
  std::string category;  // default category for its events; may be empty
};
std::vector<Category> categories_of(const json::object& settings);
std::vector<ImportFeed> import_feeds_of(const json::object& settings);

}  // namespace mosaik::modules::events
