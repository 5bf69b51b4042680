// Imports of a city's waste plan, in the formats cities have (docs/waste.md, "Import"):
//   * streets CSV: street, house-number range, parity -> collection area;
//   * dates CSV: area x waste type x date (one-off), or a rhythm (every N weeks from a date);
//   * iCalendar per area, as waste companies publish it (one VEVENT per pickup, or an RRULE).
// Parsing checks everything it can without the database and reports per-row problems; the
// module applies a parse without problems in one transaction (all or nothing).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "modules/waste/waste_model.hpp"

namespace mosaik::modules::waste {

struct ImportProblem {
  std::size_t line = 0;  // 1-based line in the file (CSV: the row's first line)
  std::string field;     // column or property name, may be empty
  std::string message;
};

struct StreetsImport {
  std::vector<Area> areas;  // each code once, in order of first use
  std::vector<StreetSegment> streets;
  std::size_t rows = 0;
  std::vector<ImportProblem> errors;
};

// Columns (header row, any order, case-insensitive; comma or semicolon separated, RFC 4180
// quoting, UTF-8, optional BOM): street (required), area (required), house_from, house_to,
// parity (all/odd/even or alle/ungerade/gerade; default all), area_name, district.
// Problems: missing required column, unknown column, empty street or area, a bad house number,
// house_to below house_from, a district not in `districts`, a range overlapping another row of
// the same street (same parity or "all"), the same street both whole and split.
StreetsImport parse_streets_csv(std::string_view text, const std::set<std::string>& districts);

struct DatesImport {
  std::vector<Rhythm> rhythms;
  std::vector<OneOff> one_offs;
  std::size_t rows = 0;
  std::vector<ImportProblem> errors;
};

// Columns: area, type, date (required), every_weeks, until. Without every_weeks a row is one
// pickup on `date`; with it (1-4) a rhythm from `date` until `until` (default: 31 December).
// Every date must lie in `year` (an import replaces one year). Problems: missing column, area
// not in `areas`, type not in `types`, invalid date, date outside the year, until before date,
// the same area/type/date twice.
DatesImport parse_dates_csv(std::string_view text, int year, const std::set<std::string>& areas,
                            const std::vector<WasteType>& types);

// An iCalendar file of one area: each VEVENT with an all-day DTSTART is a pickup (DATE-TIME
// starts use their date), its SUMMARY names the waste type by slug or title (German or English,
// case and umlaut tolerant, "Restmülltonne" matches "Restmüll"). A weekly RRULE
// (FREQ=WEEKLY;INTERVAL=1..4, with UNTIL or COUNT) becomes a rhythm. Events outside `year` are
// skipped (a waste company's file often runs into the next January); an unknown type or a
// structural error is a problem with its line.
DatesImport parse_area_ics(std::string_view text, int year, std::string_view area,
                           const std::vector<WasteType>& types);

}  // namespace mosaik::modules::waste
