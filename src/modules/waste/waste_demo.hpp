// The demo cities' waste plans (src/modules/waste/demo/<city>.json): areas with their weekly rounds
// and streets, laid out as a plan for `year` and the year after, so the demo always has dates.
#pragma once

#include "core/json.hpp"
#include "storage/store.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::waste {

// Stores the plan; returns the number of streets. Errors: validation_failed naming the key.
Result<std::size_t> load_demo_waste(storage::Store& store, const tenants::City& city,
                                    const json::object& doc, int year);

}  // namespace mosaik::modules::waste
