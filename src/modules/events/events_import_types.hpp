// What the ICS and CSV readers hand to the importer: one input object per event (the API's
// EventInput form) with the line it starts on and the source's name for each input field, so
// that a validation error points at the line and column/property the person wrote.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace mosaik::modules::events {

struct ImportItem {
  std::size_t line = 0;  // 1-based line of the event (ICS: BEGIN:VEVENT; CSV: its row)
  std::string uid;
  json::object input;
  // Input field (first path segment, e.g. "start", "venue") -> source name ("DTSTART", "start").
  std::map<std::string, std::string> source_names;
  // Input field -> its own line, where known (ICS properties).
  std::map<std::string, std::size_t> lines;
};

struct ImportProblem {
  std::size_t line = 0;
  std::string field;
  std::string message;
};

struct ParsedImport {
  std::vector<ImportItem> items;
  std::vector<ImportProblem> errors;
};

}  // namespace mosaik::modules::events
