#include "app/module_list.hpp"

#include "modules/events/events_module.hpp"
#include "modules/news/news_module.hpp"
#include "modules/reports/reports_module.hpp"
#include "modules/services/services_module.hpp"
#include "modules/waste/waste_module.hpp"
#include "shared/media.hpp"

namespace mosaik::app {

modules::ModuleCatalog make_module_catalog() {
  modules::ModuleCatalog catalog;
  catalog.add(std::make_unique<modules::services::ServicesModule>());
  catalog.add(std::make_unique<modules::news::NewsModule>());
  catalog.add(std::make_unique<modules::events::EventsModule>());
  catalog.add(std::make_unique<modules::waste::WasteModule>());
  catalog.add(std::make_unique<modules::reports::ReportsModule>());
  return catalog;
}

std::vector<ModuleConfigKey> module_config_keys(const modules::ModuleCatalog& catalog) {
  std::vector<ModuleConfigKey> keys;
  for (const auto& m : catalog.all()) {
    auto own = m->config_keys();
    keys.insert(keys.end(), own.begin(), own.end());
  }
  return keys;
}

std::vector<storage::Migration> all_migrations(const modules::ModuleCatalog& catalog) {
  return catalog.all_migrations(shared::media_migrations());
}

}  // namespace mosaik::app
