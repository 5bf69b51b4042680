#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "http/problem.hpp"
#include "modules/waste/waste_calendar.hpp"
#include "modules/waste/waste_ical.hpp"
#include "modules/waste/waste_import.hpp"
#include "modules/waste/waste_module.hpp"
#include "modules/waste/waste_store.hpp"
#include "platform/tenants/city.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::waste {

// ---------------------------------------------------------------------------------------------
// The plan in memory

std::shared_ptr<const CityPlan> CityPlan::build(Plan plan, std::int64_t revision) {
  auto out = std::make_shared<CityPlan>();
  out->revision = revision;
  out->plan = std::move(plan);
  std::vector<StreetIndex::Entry> entries;
  std::map<std::pair<std::string, std::string>, std::size_t> seen;  // (street, district)
  for (std::size_t i = 0; i < out->plan.streets.size(); ++i) {
    const auto& s = out->plan.streets[i];
    auto [it, added] = seen.try_emplace({s.street, s.district}, entries.size());
    if (added) {
      entries.push_back({s.street, s.district});
      out->segments.emplace_back();
    }
    out->segments[it->second].push_back(i);
  }
  out->index = StreetIndex(std::move(entries));
  for (std::size_t i = 0; i < out->plan.areas.size(); ++i)
    out->areas.emplace(out->plan.areas[i].code, i);
  const auto& p = out->plan;
  for (const auto& r : p.rhythms) out->by_area[r.area].rhythms.push_back(r);
  for (const auto& o : p.one_offs) out->by_area[o.area].one_offs.push_back(o);
  for (const auto& c : p.changes) out->by_area[c.area].changes.push_back(c);
  for (auto& [code, area] : out->by_area) area.shifts = p.shifts;
  return out;
}

const Plan& CityPlan::of_area(std::string_view code) const {
  static const Plan kEmpty;
  auto it = by_area.find(code);
  return it == by_area.end() ? kEmpty : it->second;
}

const Area* CityPlan::area(std::string_view code) const {
  auto it = areas.find(code);
  return it == areas.end() ? nullptr : &plan.areas[it->second];
}

Result<std::shared_ptr<const CityPlan>> PlanCache::get(storage::Store& store, std::int64_t city_id,
                                                       bool fresh) {
  auto now = unix_millis();
  std::shared_ptr<const CityPlan> cached;
  {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(city_id);
    if (it != slots_.end()) {
      if (!fresh && now - it->second.checked_ms < kPlanCheckMs) return it->second.plan;
      cached = it->second.plan;
    }
  }
  auto revision = store.read([&](storage::Transaction& tx) { return plan_revision(tx, city_id); });
  if (!revision) return revision.error();
  if (!cached || cached->revision != *revision) {
    auto loaded = store.read([&](storage::Transaction& tx) {
      auto r = plan_revision(tx, city_id);
      return std::pair{r, load_plan(tx, city_id)};
    });
    if (!loaded) return loaded.error();
    cached = CityPlan::build(std::move(loaded->second), loaded->first);
  }
  std::lock_guard lock(mutex_);
  auto& slot = slots_[city_id];
  // Two requests may have loaded at once: keep the newer plan.
  if (!slot.plan || slot.plan->revision <= cached->revision) slot.plan = cached;
  slot.checked_ms = now;
  return slot.plan;
}

void PlanCache::invalidate(std::int64_t city_id) {
  std::lock_guard lock(mutex_);
  if (auto it = slots_.find(city_id); it != slots_.end()) it->second.checked_ms = 0;
}

}  // namespace mosaik::modules::waste
