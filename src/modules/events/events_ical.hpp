// iCalendar (RFC 5545) in and out, with libical: never written by hand.
//
// Out: a VCALENDAR with the city's VTIMEZONE and one VEVENT per event, keeping RRULE and EXDATE
// (a calendar app expands them itself), with stable UIDs so that a subscribed calendar updates
// events instead of duplicating them. In: VEVENTs of an uploaded file or a polled feed, turned
// into the API's input form for the same validation as any other event.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "modules/events/event.hpp"
#include "modules/events/events_import_types.hpp"

namespace mosaik::modules::events {

// The UID of an event in our feeds: stable for the life of the event.
std::string event_uid(const Event& e, std::string_view city_slug);

struct CalendarInfo {
  std::string name;      // X-WR-CALNAME
  std::string base_url;  // absolute origin for URLs, e.g. "https://app.stadt.example"
};

// REQUIRES: every event belongs to `city`. Lines end in CRLF and are folded at 75 octets.
std::string write_calendar(const std::vector<Event>& events, const CityRules& city,
                           const CalendarInfo& info);

// Reads the VEVENTs of an iCalendar text. Structural problems (no VCALENDAR, unbalanced
// BEGIN/END, a line that is no property, libical's parse errors) are errors with line numbers;
// events overriding one occurrence (RECURRENCE-ID) are skipped. `default_category` is used when
// CATEGORIES names none of the city's categories (empty: the city's first category).
ParsedImport parse_ics(std::string_view text, const CityRules& city,
                       std::string_view default_category);

}  // namespace mosaik::modules::events
