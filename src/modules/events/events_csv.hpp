// CSV import of events (libcsv): one event per row, columns named by a header row, in any order;
// the layout is documented in docs/events-import.md. Comma- or semicolon-separated (what German
// spreadsheet programs write), RFC 4180 quoting, UTF-8.
#pragma once

#include <string_view>

#include "modules/events/event.hpp"
#include "modules/events/events_import_types.hpp"

namespace mosaik::modules::events {

// The columns, in the documented order.
const std::vector<std::string_view>& csv_columns();

// Reads the rows into the API's input form. Errors with line numbers for a missing header, an
// unknown or repeated column, a row with more cells than the header, malformed quoting, and
// cells that are not what their column takes (e.g. "free" must be true/false/ja/nein).
ParsedImport parse_csv(std::string_view text, const CityRules& city,
                       std::string_view default_category);

}  // namespace mosaik::modules::events
