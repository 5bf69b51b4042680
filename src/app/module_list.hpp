// The server's module list: every module compiled into this Mosaik, in registration order. It is
// the one file outside src/modules/ that names modules (docs/modules.md).
#pragma once

#include <vector>

#include "platform/module.hpp"

namespace mosaik::app {

// Every module compiled into this Mosaik, in registration order.
modules::ModuleCatalog make_module_catalog();

// The configuration keys of every module, for load_config (ConfigSources::module_keys).
std::vector<ModuleConfigKey> module_config_keys(const modules::ModuleCatalog& catalog);

// Every migration in the order they apply: platform, shared layer, then each module's.
std::vector<storage::Migration> all_migrations(const modules::ModuleCatalog& catalog);

}  // namespace mosaik::app
