// The subscribable iCalendar feed of an area (or an address): one all-day VEVENT per pickup,
// written with libical. UIDs are stable across refreshes and moves (they name the planned date,
// not the actual one), so a calendar app updates a moved pickup instead of adding a second.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/waste/waste_model.hpp"

namespace mosaik::modules::waste {

struct AreaCalendar {
  std::string city_slug;
  std::string area;       // Area::code
  std::string name;       // X-WR-CALNAME, e.g. "Abfuhrtermine Hauptstraße 12"
  std::string time_zone;  // X-WR-TIMEZONE, e.g. "Europe/Berlin"
  // An alarm at this many minutes before the pickup day starts (e.g. 360: 18:00 the evening
  // before); none when absent.
  std::optional<int> alarm_minutes_before;
};

// "20270105-restmuell-A12@dortmund.waste.mosaik": planned date, type, area, city.
std::string pickup_uid(const Pickup& p, std::string_view area, std::string_view city_slug);

// REQUIRES: every pickup's type is in `types`; cancelled pickups are left out. SUMMARY is the
// type's German title (plus the note of a moved pickup in DESCRIPTION), CATEGORIES its slug.
// Lines end in CRLF and are folded at 75 octets.
std::string write_area_calendar(const std::vector<Pickup>& pickups,
                                const std::vector<WasteType>& types, const AreaCalendar& info);

}  // namespace mosaik::modules::waste
