// A city (tenant): identity, locales, time zone, branding, map, districts, contact, domains and
// the modules it has switched on with their settings.
//
// The JSON document form (`city_from_json` / `city_to_json`) is what operators write
// (demo/cities/*.json, `mosaik city create --file`) and what the store keeps. Parsing is strict:
// unknown keys and invalid values are validation errors naming the field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.hpp"
#include "core/json.hpp"

namespace mosaik::modules {
class ModuleCatalog;
}

namespace mosaik::tenants {

struct Bounds {
  GeoPoint south_west;
  GeoPoint north_east;
  bool contains(const GeoPoint& p) const noexcept {
    return p.lat >= south_west.lat && p.lat <= north_east.lat && p.lon >= south_west.lon &&
           p.lon <= north_east.lon;
  }
};

struct Branding {
  std::string primary_color = "#005ca9";    // #rrggbb
  std::string secondary_color = "#ffffff";  // #rrggbb, used for text on primary
  std::string logo_url;                     // root-relative or https URL; may be empty
};

struct District {
  std::string id;    // slug, unique within the city
  std::string name;  // display name, e.g. "Innenstadt-West"
};

struct Contact {
  std::string phone;
  std::string email;
  std::string website;
  std::string address;
};

struct ModuleSettings {
  bool enabled = false;
  json::object settings;  // validated by the module itself
};

struct City {
  std::int64_t id = 0;  // database id; 0 before it is stored
  std::string slug;     // [a-z][a-z0-9-]{1,62}
  std::string name;
  std::vector<std::string> locales{"de", "en"};  // first is the default
  std::string time_zone = "Europe/Berlin";
  Branding branding;
  GeoPoint center;
  int zoom = 12;
  Bounds bounds;
  std::vector<District> districts;
  Contact contact;
  std::vector<std::string> domains;  // host names that resolve to this city (without port)
  std::map<std::string, ModuleSettings> modules;
  bool demo = false;  // clearly marked demo content
  std::int64_t updated_at = 0;

  bool module_enabled(std::string_view module) const {
    auto it = modules.find(std::string(module));
    return it != modules.end() && it->second.enabled;
  }
  const District* district(std::string_view district_id) const;
};

// Parses and validates a city document. Module names and settings are checked against
// `catalog` (unknown module -> error). Errors: validation_failed with the JSON path in `field`.
Result<City> city_from_json(const json::object& doc, const modules::ModuleCatalog& catalog);

// The full document (what city_from_json reads), without id and updated_at.
json::object city_to_json(const City& city);

// The public app manifest for GET /api/v1/cities/{slug}: everything the app needs to start,
// with each enabled module's *public* settings only. `link_prefix` (PublicLinks::api_prefix)
// prefixes links.
json::object city_manifest(const City& city, const modules::ModuleCatalog& catalog,
                           std::string_view link_prefix);

// The short form used in the list of cities; `link_prefix` prefixes the link.
json::object city_summary(const City& city, std::string_view link_prefix);

bool valid_slug(std::string_view slug) noexcept;

}  // namespace mosaik::tenants
