// The demo cities' defect reports (src/modules/reports/demo/<city>.json): a handful of plausible,
// published reports in different states with the city's answers, dated relative to `now`, so the
// public map and the console's inbox are not empty. They carry no personal data.
#pragma once

#include "core/json.hpp"
#include "storage/store.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::reports {

// Stores the reports; returns how many. Errors: validation_failed naming the key.
Result<std::size_t> load_demo_reports(storage::Store& store, const tenants::City& city,
                                      const json::object& doc, std::int64_t now);

}  // namespace mosaik::modules::reports
