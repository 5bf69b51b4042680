// Abfallkalender: street search, the pickups of an address, an iCalendar subscription per area,
// drop-off points; staff import the plan (streets, dates, iCalendar), correct single pickups and
// announce shifts. Design and API: docs/waste.md.
//
// Each node keeps a city's whole plan in memory (PlanCache), built from the store and checked
// against the city's plan revision at most every kPlanCheckMs, so the public lookups never wait
// for the database (p99 < 5 ms with 10,000 streets: bench/waste).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "modules/waste/street_search.hpp"
#include "modules/waste/waste_model.hpp"
#include "modules/waste/waste_settings.hpp"
#include "platform/identity/audit.hpp"
#include "platform/module.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::waste {

inline constexpr std::int64_t kPlanCheckMs = 2'000;

// A city's plan, ready for lookups. Immutable once built.
struct CityPlan {
  std::int64_t revision = 0;
  Plan plan;
  StreetIndex index{{}};                           // one entry per distinct (street, district)
  std::vector<std::vector<std::size_t>> segments;  // per index entry: indices into plan.streets
  std::map<std::string, std::size_t, std::less<>> areas;  // code -> index into plan.areas

  // Per area code: its rhythms, one-off dates and changes, and every shift (what pickups() of
  // that area reads; the city's whole plan would be scanned per request otherwise).
  std::map<std::string, Plan, std::less<>> by_area;

  static std::shared_ptr<const CityPlan> build(Plan plan, std::int64_t revision);
  const Area* area(std::string_view code) const;
  // The plan of one area (empty when it has no dates).
  const Plan& of_area(std::string_view code) const;
};

class PlanCache {
 public:
  // The city's plan, at most kPlanCheckMs stale (`fresh`: read the revision now).
  Result<std::shared_ptr<const CityPlan>> get(storage::Store& store, std::int64_t city_id,
                                              bool fresh = false);
  // After a write through this node: the next get() reads the revision.
  void invalidate(std::int64_t city_id);

 private:
  struct Slot {
    std::shared_ptr<const CityPlan> plan;
    std::int64_t checked_ms = 0;
  };
  std::mutex mutex_;
  std::map<std::int64_t, Slot> slots_;
};

enum class ImportKind { streets, dates, calendar };
std::optional<ImportKind> parse_import_kind(std::string_view text);

struct ImportRequest {
  ImportKind kind = ImportKind::streets;
  std::string_view text;
  int year = 0;      // dates, calendar
  std::string area;  // calendar
  bool dry_run = true;
};

// Checks and (unless a dry run) applies an import in one transaction, audited as `actor`.
// Answers the summary (docs/waste.md, "Import"); a file with problems: validation_failed, and
// `problems` holds all of them.
Result<json::object> run_import(storage::Store& store, PlanCache& plans, const tenants::City& city,
                                const ImportRequest& request, const identity::Actor& actor,
                                std::vector<json::object>& problems);

class WasteModule final : public Module {
 public:
  std::string_view name() const override { return "waste"; }
  std::string_view title_de() const override { return "Abfallkalender"; }
  std::string_view title_en() const override { return "Waste collection"; }
  std::vector<storage::Migration> migrations() const override;
  std::unique_ptr<ModuleRuntime> start(ModuleContext& context) const override;
  std::vector<MapLayer> map_layers(std::string_view city_slug) const override;
  Result<std::optional<std::string>> load_demo(storage::Store& store,
                                               const tenants::City& city) const override;
  // `mosaik waste import` (waste_cli.cpp).
  std::vector<CliCommand> cli_commands() const override;
  Result<json::object> validate_settings(const json::object& settings) const override {
    return validate_waste_settings(settings);
  }
};

// The running Abfallkalender: each city's plan in memory and the read cache.
class WasteRuntime final : public ModuleRuntime {
 public:
  explicit WasteRuntime(ModuleContext& context) : context_(context) {}
  void register_routes(ModuleRouter& router) override;

 private:
  ModuleContext& context_;
  PlanCache plans_;
  shared::ReadCache cache_;  // an area's next pickups and pickup lists
};

}  // namespace mosaik::modules::waste
