// The module's settings in a city document (docs/waste.md, "Settings"): waste types, the holiday
// rule, the reminder time and the drop-off points. Validated and normalised by the module;
// read back from a city's stored (normalised) settings.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/waste/waste_model.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::waste {

struct WasteSettings {
  std::vector<WasteType> types;
  HolidayRule holidays;
  int reminder_minute = 18 * 60;  // minute of the day
  json::array dropoffs;           // normalised, as in the settings

  // Of a city (enabled or not): its normalised settings, or the defaults.
  static WasteSettings of(const tenants::City& city);
  const WasteType* type(std::string_view slug) const;
};

// Checks and normalises (defaults filled). Errors: validation_failed naming the key.
Result<json::object> validate_waste_settings(const json::object& settings);

}  // namespace mosaik::modules::waste
