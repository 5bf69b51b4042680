// Dienstleistungen A–Z: the city's administrative services (what, which office, where to read
// more), searchable and listed alphabetically. Public to read; editors of the city (or an API
// token with services:write, e.g. from the city's CMS) replace the whole list at once.
#pragma once

#include <vector>

#include "platform/module.hpp"

namespace mosaik::modules::services {

struct Service {
  std::string slug;
  std::string title;
  std::string summary;
  std::string department;
  std::vector<std::string> keywords;
  std::string url;  // the city's page for this service; may be empty
  friend bool operator==(const Service&, const Service&) = default;
};

// What a replacement changed, by slug.
struct ServicesDiff {
  std::size_t count = 0;  // services after the replacement
  std::vector<std::string> added, removed, changed;
};

// Strictly parses {"services": [...]} (see src/modules/services/demo/*.json): limits, unique slugs,
// keywords without '|'. Errors: validation_failed naming the field (e.g. "services[3].slug").
Result<std::vector<Service>> parse_services(const json::object& doc);

// Replaces all services of a city in one transaction. Errors: conflict for duplicate slugs.
Result<void> replace_services(storage::Store& store, std::int64_t city_id,
                              const std::vector<Service>& services);
// The same inside a caller's write transaction (throws like its statements).
ServicesDiff replace_services(storage::Transaction& tx, std::int64_t city_id,
                              const std::vector<Service>& services);

class ServicesModule final : public Module {
 public:
  std::string_view name() const override { return "services"; }
  std::string_view title_de() const override { return "Dienstleistungen A–Z"; }
  std::string_view title_en() const override { return "City services A–Z"; }
  std::vector<storage::Migration> migrations() const override;
  std::unique_ptr<ModuleRuntime> start(ModuleContext& context) const override;
  Result<std::optional<std::string>> load_demo(storage::Store& store,
                                               const tenants::City& city) const override;
};

// The running services module: the A–Z routes (no state of its own).
class ServicesRuntime final : public ModuleRuntime {
 public:
  explicit ServicesRuntime(ModuleContext& context) : context_(context) {}
  void register_routes(ModuleRouter& router) override;

 private:
  ModuleContext& context_;
};

}  // namespace mosaik::modules::services
