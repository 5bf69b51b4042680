// The pickup dates of an area: regular rhythms and one-off dates of the plan, then staff changes
// of single pickups, announced shifts and automatic holiday shifts, in that order of precedence
// (a change of one pickup wins over a shift, a shift over the holiday rule).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/waste/waste_model.hpp"

namespace mosaik::modules::waste {

struct Holiday {
  Day date;
  std::string name;  // German, e.g. "Ostermontag"
};

// The public holidays of a year in a German state: the nationwide ones plus the state's own
// (Heilige Drei Könige, Fronleichnam, Reformationstag, Allerheiligen, ...). Easter by the
// Gregorian computus. Unknown state: the nationwide ones. Sorted by date.
std::vector<Holiday> public_holidays(int year, std::string_view state);

// The pickups of `area` happening in [from, to] (inclusive), sorted by date then type. `types`
// empty: all types. Pickups planned up to 14 days outside the range are considered, so one moved
// into it is found. With `include_cancelled`, cancelled pickups are listed (cancelled = true,
// date = planned) for the console.
std::vector<Pickup> pickups(const Plan& plan, std::string_view area,
                            const std::set<std::string>& types, Day from, Day to,
                            const HolidayRule& holidays, bool include_cancelled = false);

}  // namespace mosaik::modules::waste
