// Abfallkalender: the data of a city's waste collection plan, as the store loads it and the
// calendar, the street search, the importers and the iCalendar writer use it.
//
// Dates are civil dates (std::chrono::sys_days): a pickup is "on Tuesday, 2027-01-05" whatever
// the time zone or a daylight-saving change; only reminders (waste_reminders.hpp) are instants.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mosaik::modules::waste {

using Day = std::chrono::sys_days;

// "2027-01-05" (exactly this form) -> the day; nullopt for anything else, including impossible
// dates (2027-02-30).
std::optional<Day> parse_day(std::string_view text);
std::string format_day(Day day);
// 1 = Monday ... 7 = Sunday (ISO 8601).
int iso_weekday(Day day);
int year_of(Day day);

// A kind of waste a city collects (Restmüll, Bioabfall, ...): the module's settings hold them.
struct WasteType {
  std::string slug;  // [a-z0-9-], e.g. "restmuell"
  std::string title_de, title_en;
  std::string colour;                  // "#rrggbb"
  std::string icon;                    // one of kWasteIcons
  std::string accepts_de, accepts_en;  // "what goes in", short
};
inline constexpr std::string_view kWasteIcons[] = {"bin",   "bio",   "paper",     "recycling",
                                                   "glass", "bulky", "hazardous", "tree"};

// A house number: 12, 12a ("12 a", "12A" read the same). Ordered by number, then suffix.
struct HouseNumber {
  int number = 0;
  std::string suffix;  // lower case letters, may be empty
  friend auto operator<=>(const HouseNumber&, const HouseNumber&) = default;
  friend bool operator==(const HouseNumber&, const HouseNumber&) = default;
};
// "12", "12a", "12 A", "12-14" (the first) -> the number; nullopt for anything else.
std::optional<HouseNumber> parse_house_number(std::string_view text);
std::string format_house_number(const HouseNumber& n);

enum class Parity { all, odd, even };
std::string_view to_string(Parity p);
std::optional<Parity> parse_parity(std::string_view text);  // "all"/"odd"/"even" (and German)

// A collection area (Abfuhrbezirk): streets map to it, pickups are planned per area.
struct Area {
  std::string code;      // unique per city, [A-Za-z0-9-_.]{1,40}, as the waste company names it
  std::string name;      // display name, may be empty
  std::string district;  // the city's district id, may be empty
};

// A street, or the part of it (a house-number range, optionally odd/even only) in one area.
struct StreetSegment {
  std::string street;                   // display name, e.g. "Hauptstraße"
  std::string district;                 // the city's district id, may be empty
  std::optional<HouseNumber> from, to;  // both absent: the whole street; `to` absent: open end
  Parity parity = Parity::all;
  std::string area;  // Area::code
  bool contains(const HouseNumber& n) const;
  bool whole_street() const { return !from && !to && parity == Parity::all; }
};

// A regular pickup: every `every_weeks` weeks on the weekday of `first`, from `first` to `last`.
struct Rhythm {
  std::string area, type;
  Day first, last;
  int every_weeks = 1;  // 1, 2, 3 or 4
};

// A pickup on one date (what waste companies mostly publish: a list of dates).
struct OneOff {
  std::string area, type;
  Day date;
};

// Staff moved or cancelled one pickup of an area (new_date absent: cancelled).
struct Change {
  std::int64_t id = 0;
  std::string area, type;
  Day date;                     // the planned date
  std::optional<Day> new_date;  // nullopt: cancelled
  std::string note;
};

// Staff announced a shift: every pickup planned in [from, to] moves by `days` (e.g. "because of
// Easter, all pickups move one day later this week"). Empty `types`: every waste type.
struct Shift {
  std::int64_t id = 0;
  Day from, to;
  int days = 1;  // -7..7, not 0
  std::vector<std::string> types;
  std::string reason;
};

// Automatic holiday shifts (settings "holidays"): pickups planned on a public holiday of the
// city's state, and later in that week, move one day later per holiday before or on them
// (Monday to Friday of that week); a date that then falls on a holiday or a Sunday moves on to
// the next working day. The usual rule of German waste companies.
struct HolidayRule {
  bool enabled = false;
  std::string state;  // "NW", "BY", ... (ISO 3166-2:DE without "DE-")
};

// Everything a city plans; the store loads it whole (a large city: ~10,000 streets).
struct Plan {
  std::vector<Area> areas;
  std::vector<StreetSegment> streets;
  std::vector<Rhythm> rhythms;
  std::vector<OneOff> one_offs;
  std::vector<Change> changes;
  std::vector<Shift> shifts;
};

// A pickup as the calendar computes it.
struct Pickup {
  Day date;     // when it happens
  Day planned;  // the date of the plan (before changes and shifts); stable identity
  std::string type;
  std::string note;        // why it moved (shift reason, holiday name, change note); may be empty
  bool cancelled = false;  // only returned when asked for
  friend bool operator==(const Pickup&, const Pickup&) = default;
};

}  // namespace mosaik::modules::waste
