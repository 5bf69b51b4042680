// The demo cities (Dortmund and Schwerte, partners of the Smart City model project) and their
// clearly marked demo content, embedded into the binary from demo/.
#pragma once

#include <functional>
#include <string>

#include "modules/module.hpp"

namespace mosaik::app {

struct DemoReport {
  std::size_t cities_created = 0;
  std::size_t cities_skipped = 0;  // existed already; left untouched
  std::size_t services = 0;
  std::size_t news = 0;
  std::size_t events = 0;
  std::size_t waste_streets = 0;
  std::size_t reports = 0;
};

// Loads the demo into a migrated store. Cities that exist already are left as they are, so
// running it twice changes nothing. `progress` receives one line per step.
Result<DemoReport> load_demo(storage::Store& store, const modules::ModuleCatalog& catalog,
                             const std::function<void(const std::string&)>& progress);

}  // namespace mosaik::app
