// iCalendar (RFC 5545) files as the importers (events, waste plans) read them, and the pieces
// both iCalendar writers share. libical parses the values, but it silently repairs what is
// broken (an unbalanced BEGIN/END, a line that is no property) and knows no line numbers; so the
// text is scanned first, for the structural problems with their lines and for the line each
// VEVENT and each of its properties starts on, so that a problem points at the line a person
// sees in an editor.
//
// Thread safety: libical is not thread-safe; every function taking or returning libical
// structures REQUIRES that the caller holds events::LibicalLock.
#pragma once

#include <libical/ical.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mosaik::shared {

struct IcalComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
// Owns a component and everything added to it.
using IcalComponentPtr = std::unique_ptr<icalcomponent, IcalComponentDeleter>;

struct IcalProblem {
  std::size_t line = 0;  // 1-based physical line
  std::string property;  // upper case ("DTSTART", "VEVENT"); empty for a problem of the file
  std::string message;
};

// Where a VEVENT of the calendar starts (its BEGIN line) and where each of its properties does.
struct VeventLines {
  std::size_t begin = 0;
  std::map<std::string, std::size_t, std::less<>> properties;  // upper-case name -> first line
  // The line of `property`, or `begin` when the VEVENT has none.
  std::size_t line_of(std::string_view property) const;
};

struct IcalLayout {
  std::vector<VeventLines> vevents;  // the VCALENDAR's own VEVENTs, in file order
  // Structural problems: the file does not start with BEGIN:VCALENDAR, is empty, has a line
  // that is no property (NAME:value), an END that closes the wrong BEGIN (the scan stops
  // there), a BEGIN never closed, content after END:VCALENDAR.
  std::vector<IcalProblem> problems;
};

// The scan alone (no libical): CRLF or LF line ends, folded lines, an optional byte-order mark.
IcalLayout scan_ical(std::string_view text);

struct IcalVevent {
  icalcomponent* component = nullptr;  // owned by IcalDocument::calendar
  VeventLines lines;
};

struct IcalDocument {
  IcalComponentPtr calendar;        // null when there are problems
  std::vector<IcalVevent> vevents;  // the calendar's VEVENTs, in file order
  std::vector<IcalProblem> problems;
};

// scan_ical, then libical's parse. Problems are the scan's, or one when libical finds no
// VCALENDAR. Problems within a VEVENT's values are not among them: see property_problems.
IcalDocument read_ical(std::string_view text);

// libical's complaints about the values of a VEVENT (its X-LIC-ERROR properties), each at the
// line of the property it names ("... in RRULE property ..."), else at the VEVENT's BEGIN with
// property "VEVENT". Empty when the VEVENT is well-formed.
std::vector<IcalProblem> property_problems(icalcomponent* vevent, const VeventLines& lines);

// The component as iCalendar text (CRLF line ends, folded at 75 octets).
std::string ical_string(icalcomponent* component);

// A DATE value (all-day) for a day.
icaltimetype ical_date(std::chrono::sys_days day);

}  // namespace mosaik::shared
