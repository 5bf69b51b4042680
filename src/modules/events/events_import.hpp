// Importing events from an uploaded file (ICS or CSV) or a polled ICS feed: each item is checked
// like an event sent to POST /events, and stored by (source, UID): a UID seen before updates its
// event when something changed and leaves it alone otherwise, so a re-import changes nothing.
#pragma once

#include <string>
#include <vector>

#include "modules/events/event.hpp"
#include "modules/events/events_import_types.hpp"
#include "storage/store.hpp"

namespace mosaik::modules::events {

struct ImportSummary {
  std::size_t created = 0, updated = 0, unchanged = 0;
  std::vector<ImportProblem> errors;
  json::object to_json() const;
};

struct CheckedItem {
  std::string uid;
  std::size_t line = 0;
  Event event;
};

// Validates every item (errors point at the item's line and the source's field name; a UID twice
// is an error). Items with errors are left out of the result.
std::vector<CheckedItem> check_items(const ParsedImport& parsed, const CityRules& city,
                                     std::vector<ImportProblem>& errors);

// Creates, updates or leaves alone each item by (source, uid) in `tx`; with `write` false only
// counts what would happen (dry run). `now` stamps created/updated events.
void apply_items(storage::Transaction& tx, std::int64_t city_id, const CityRules& city,
                 std::string_view source, std::vector<CheckedItem>& items, bool write,
                 std::int64_t now, ImportSummary& summary);

}  // namespace mosaik::modules::events
