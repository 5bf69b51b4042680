// The demo cities (Dortmund and Schwerte, partners of the Smart City model project) and their
// clearly marked demo content: the cities from demo/cities/, each module's content from its own
// demo data (Module::load_demo), all embedded into the binary.
#pragma once

#include <functional>
#include <string>

#include "platform/module.hpp"

namespace mosaik::app {

struct DemoReport {
  std::size_t cities_created = 0;
  std::size_t cities_skipped = 0;  // existed already; left untouched
};

// Loads the demo into a migrated store. Cities that exist already are left as they are, so
// running it twice changes nothing. `progress` receives one line per city.
Result<DemoReport> load_demo(storage::Store& store, const modules::ModuleCatalog& catalog,
                             const std::function<void(const std::string&)>& progress);

}  // namespace mosaik::app
