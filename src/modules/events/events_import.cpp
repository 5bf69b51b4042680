#include "modules/events/events_import.hpp"

#include <fmt/format.h>

#include <map>

#include "modules/events/events_store.hpp"

namespace mosaik::modules::events {

json::object ImportSummary::to_json() const {
  json::array list;
  for (const auto& e : errors)
    list.push_back(json::object{{"line", e.line}, {"field", e.field}, {"message", e.message}});
  return {{"created", created},
          {"updated", updated},
          {"unchanged", unchanged},
          {"errors", std::move(list)}};
}

namespace {

// "venue.lat" -> the source's name for it: the most specific mapping known.
std::string source_name(const ImportItem& item, const std::string& path) {
  std::string key = path;
  while (!key.empty()) {
    if (auto it = item.source_names.find(key); it != item.source_names.end()) return it->second;
    auto bracket = key.rfind('[');
    auto dot = key.rfind('.');
    auto cut = bracket == std::string::npos ? dot
               : dot == std::string::npos   ? bracket
                                            : std::max(bracket, dot);
    if (cut == std::string::npos) break;
    key.resize(cut);
  }
  return path;
}

std::size_t line_of(const ImportItem& item, const std::string& path) {
  auto top = path.substr(0, path.find_first_of(".["));
  if (auto it = item.lines.find(top); it != item.lines.end()) return it->second;
  return item.line;
}

}  // namespace

std::vector<CheckedItem> check_items(const ParsedImport& parsed, const CityRules& city,
                                     std::vector<ImportProblem>& errors) {
  std::vector<CheckedItem> out;
  std::map<std::string, std::size_t> seen;
  for (const auto& item : parsed.items) {
    if (auto [it, fresh] = seen.emplace(item.uid, item.line); !fresh) {
      errors.push_back(
          {item.line, source_name(item, "uid") == "uid" ? "uid" : "UID",
           fmt::format("UID '{}' is used by the event of line {} already", item.uid, it->second)});
      continue;
    }
    auto event = parse_event(item.input, city);
    if (!event) {
      const auto& e = event.error();
      // The reader's message starts with the input path ("start: must be ..."): name the
      // source's field instead.
      std::string message = e.detail();
      if (message.starts_with(e.field() + ": ")) message.erase(0, e.field().size() + 2);
      errors.push_back({line_of(item, e.field()), source_name(item, e.field()), message});
      continue;
    }
    out.push_back({item.uid, item.line, std::move(*event)});
  }
  return out;
}

void apply_items(storage::Transaction& tx, std::int64_t city_id, const CityRules& city,
                 std::string_view source, std::vector<CheckedItem>& items, bool write,
                 std::int64_t now, ImportSummary& summary) {
  for (auto& item : items) {
    Event& e = item.event;
    e.import_source = std::string(source);
    e.import_uid = item.uid;
    auto existing = find_imported(tx, city_id, source, item.uid);
    if (!existing && import_deleted(tx, city_id, source, item.uid)) {
      ++summary.unchanged;  // an editor deleted it: it stays deleted
      continue;
    }
    if (!existing) {
      ++summary.created;
      if (write) {
        e.created_at = e.updated_at = now;
        insert_event(tx, city_id, e, city.zone);
      }
      continue;
    }
    if (event_to_doc(*existing) == event_to_doc(e)) {
      ++summary.unchanged;
      e.id = existing->id;
      continue;
    }
    ++summary.updated;
    if (write) {
      e.id = existing->id;
      e.created_at = existing->created_at;
      e.updated_at = now;
      update_event(tx, city_id, e, city.zone);
    }
  }
}

}  // namespace mosaik::modules::events
