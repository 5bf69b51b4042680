// The waste tables: areas, street segments, rhythms, one-off dates (each tagged with its year, so
// an import replaces one year), staff changes and shifts, and a revision per city that every
// write bumps (nodes compare it to know when their in-memory plan is stale).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/waste/waste_import.hpp"
#include "modules/waste/waste_model.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace mosaik::modules::waste {

std::vector<storage::Migration> waste_migrations();

// The whole plan of a city.
Plan load_plan(storage::Transaction& tx, std::int64_t city_id);
// 0 before the first write.
std::int64_t plan_revision(storage::Transaction& tx, std::int64_t city_id);

struct Replaced {
  std::size_t areas = 0, streets = 0, rhythms = 0, dates = 0;
};

// Replaces every street of the city; areas are created or renamed; areas left without streets
// and without dates are removed. Returns what was removed.
Replaced replace_streets(storage::Transaction& tx, std::int64_t city_id,
                         const std::vector<Area>& areas, const std::vector<StreetSegment>& streets);

// Replaces the rhythms (by their first date) and one-off dates of `year`, of one area or (empty)
// of all. Returns what was removed.
Replaced replace_year(storage::Transaction& tx, std::int64_t city_id, int year,
                      std::string_view area, const std::vector<Rhythm>& rhythms,
                      const std::vector<OneOff>& one_offs);

// Adds a change (its id is set). A second change of the same planned pickup: Errc::conflict.
void insert_change(storage::Transaction& tx, std::int64_t city_id, Change& change,
                   std::int64_t now);
std::optional<Change> delete_change(storage::Transaction& tx, std::int64_t city_id,
                                    std::int64_t id);
void insert_shift(storage::Transaction& tx, std::int64_t city_id, Shift& shift, std::int64_t now);
std::optional<Shift> delete_shift(storage::Transaction& tx, std::int64_t city_id, std::int64_t id);

}  // namespace mosaik::modules::waste
