// The module's settings in a city document (docs/reports.md, "Settings"): moderation, Open311
// access, retention, the duplicate radius, the submission limit, and the category tree (groups,
// departments, categories with their extra questions). Validated and normalised by the module;
// read back from a city's stored (normalised) settings.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::reports {

struct Text {
  std::string de, en;
};

enum class AttributeType { text, number, date, single, multi };
std::string_view to_string(AttributeType type) noexcept;

struct AttributeOption {
  std::string key;
  Text label;
};

// An extra question of a category ("Is the lamp flickering or dark?").
struct Attribute {
  std::string code;
  AttributeType type = AttributeType::text;
  bool required = false;
  Text label;
  std::vector<AttributeOption> options;  // single, multi
  const AttributeOption* option(std::string_view key) const;
};

struct Group {
  std::string id;
  Text title;
};

struct Department {
  std::string id;
  std::string name;
  std::string email;  // may be empty; never public
};

struct Category {
  std::string code;
  std::string group;
  std::string department;
  Text title;
  Text description;
  bool location_required = true;
  std::vector<Attribute> attributes;
};

enum class Moderation { review, immediate };

struct ReportsSettings {
  Moderation moderation = Moderation::review;
  bool open311_anonymous = false;
  int retention_days = 90;
  int duplicate_radius_m = 50;
  int max_reports_per_hour = 10;
  std::vector<Group> groups;
  std::vector<Department> departments;
  std::vector<Category> categories;

  // Of a city (enabled or not): its normalised settings, or the defaults.
  static ReportsSettings of(const tenants::City& city);
  const Category* category(std::string_view code) const;
  const Department* department(std::string_view id) const;
  const Group* group(std::string_view id) const;
};

// Checks and normalises (defaults filled). Errors: validation_failed naming the key.
Result<json::object> validate_reports_settings(const json::object& settings);
// What the public app sees: all but the departments' e-mail addresses.
json::object public_reports_settings(const json::object& settings);

}  // namespace mosaik::modules::reports
