#include "platform/tenants/city.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "core/json_reader.hpp"
#include "platform/module.hpp"

namespace mosaik::tenants {

bool valid_slug(std::string_view slug) noexcept {
  if (slug.size() < 2 || slug.size() > 63 || slug.front() < 'a' || slug.front() > 'z' ||
      slug.back() == '-')
    return false;
  return std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

const District* City::district(std::string_view district_id) const {
  for (const auto& d : districts)
    if (d.id == district_id) return &d;
  return nullptr;
}

namespace {

constexpr std::array kSupportedLocales = {"de", "en"};

bool valid_color(std::string_view c) {
  return c.size() == 7 && c[0] == '#' && std::all_of(c.begin() + 1, c.end(), [](char ch) {
           return std::isxdigit(static_cast<unsigned char>(ch));
         });
}

bool valid_time_zone(std::string_view tz) {
  if (tz.empty() || tz.size() > 64 || tz.find("..") != std::string_view::npos || tz.front() == '/')
    return false;
  for (char c : tz)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' ||
          c == '+'))
      return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / tz, ec);
}

bool valid_host(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  return std::all_of(h.begin(), h.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

GeoPoint read_point(JsonReader& parent, std::string_view key) {
  JsonReader r(*parent.object(key, true), parent.path(key));
  GeoPoint p{r.number("lat", -90, 90), r.number("lon", -180, 180)};
  r.finish();
  return p;
}

City read_city(const json::object& doc, const modules::ModuleCatalog& catalog) {
  JsonReader r(doc);
  City c;
  c.slug = r.text("slug", 63);
  if (!valid_slug(c.slug))
    r.fail("slug", "must be 2-63 characters of a-z, 0-9 and '-', starting with a letter");
  c.name = r.text("name", 120);
  if (c.name.empty()) r.fail("name", "must not be empty");
  c.demo = r.boolean("demo", false);
  c.locales = r.text_list("locales", 8, 8, std::vector<std::string>{"de", "en"});
  if (c.locales.empty()) r.fail("locales", "must name at least one locale");
  for (std::size_t i = 0; i < c.locales.size(); ++i) {
    if (std::find(kSupportedLocales.begin(), kSupportedLocales.end(), c.locales[i]) ==
        kSupportedLocales.end())
      r.fail(fmt::format("locales[{}]", i), "must be one of: de, en");
    if (std::count(c.locales.begin(), c.locales.end(), c.locales[i]) > 1)
      r.fail(fmt::format("locales[{}]", i), "is listed twice");
  }
  c.time_zone = r.text("time_zone", 64, "Europe/Berlin");
  if (!valid_time_zone(c.time_zone))
    r.fail("time_zone", "must be an IANA time zone such as Europe/Berlin");

  if (const auto* b = r.object("branding", false)) {
    JsonReader br(*b, r.path("branding"));
    c.branding.primary_color = br.text("primary_color", 7, c.branding.primary_color);
    c.branding.secondary_color = br.text("secondary_color", 7, c.branding.secondary_color);
    c.branding.logo_url = br.link("logo_url", 500, /*allow_root_relative=*/true);
    if (!valid_color(c.branding.primary_color))
      br.fail("primary_color", "must be a colour like #005ca9");
    if (!valid_color(c.branding.secondary_color))
      br.fail("secondary_color", "must be a colour like #ffffff");
    br.finish();
  }

  {
    JsonReader map(*r.object("map", true), "map");
    c.center = read_point(map, "center");
    c.zoom = static_cast<int>(map.integer("zoom", 1, 19, 12));
    JsonReader bounds(*map.object("bounds", true), map.path("bounds"));
    c.bounds.south_west = read_point(bounds, "south_west");
    c.bounds.north_east = read_point(bounds, "north_east");
    bounds.finish();
    if (c.bounds.south_west.lat >= c.bounds.north_east.lat ||
        c.bounds.south_west.lon >= c.bounds.north_east.lon)
      map.fail("bounds", "south_west must lie south-west of north_east");
    if (!c.bounds.contains(c.center)) map.fail("center", "must lie within the bounds");
    map.finish();
  }

  if (const auto* districts = r.array("districts", false, 500)) {
    for (std::size_t i = 0; i < districts->size(); ++i) {
      auto key = fmt::format("districts[{}]", i);
      if (!(*districts)[i].is_object()) r.fail(key, "must be an object");
      JsonReader d((*districts)[i].as_object(), r.path(key));
      District district{d.text("id", 63), d.text("name", 120)};
      if (!valid_slug(district.id)) d.fail("id", "must be 2-63 characters of a-z, 0-9 and '-'");
      if (district.name.empty()) d.fail("name", "must not be empty");
      if (c.district(district.id)) d.fail("id", "is used twice");
      d.finish();
      c.districts.push_back(std::move(district));
    }
  }

  if (const auto* contact = r.object("contact", false)) {
    JsonReader cr(*contact, "contact");
    c.contact.phone = cr.text("phone", 40, "");
    c.contact.email = cr.text("email", 254, "");
    c.contact.website = cr.link("website", 500, /*allow_root_relative=*/false);
    c.contact.address = cr.text("address", 300, "");
    if (!c.contact.email.empty() && c.contact.email.find('@') == std::string::npos)
      cr.fail("email", "must be an e-mail address");
    cr.finish();
  }

  c.domains = r.text_list("domains", 20, 253, std::vector<std::string>{});
  for (std::size_t i = 0; i < c.domains.size(); ++i)
    if (!valid_host(c.domains[i]))
      r.fail(fmt::format("domains[{}]", i), "must be a lower-case host name");

  if (const auto* mods = r.object("modules", false)) {
    JsonReader mr(*mods, "modules");
    for (const auto& kv : *mods) {
      std::string name(kv.key());
      const modules::Module* module = catalog.find(name);
      if (!module) mr.fail(name, "is not a module of this Mosaik installation");
      const json::object* entry = mr.object(name, true);
      JsonReader er(*entry, mr.path(name));
      ModuleSettings ms;
      ms.enabled = er.boolean("enabled", true);
      json::object raw;
      if (const auto* s = er.object("settings", false)) raw = *s;
      er.finish();
      auto validated = module->validate_settings(raw);
      if (!validated) {
        const auto& e = validated.error();
        auto field = er.path("settings") + (e.field().empty() ? "" : "." + e.field());
        throw Error(Errc::validation_failed, fmt::format("{}: {}", field, e.detail()), field);
      }
      ms.settings = std::move(*validated);
      c.modules.emplace(std::move(name), std::move(ms));
    }
    mr.finish();
  }
  r.finish();
  return c;
}

json::object point_json(const GeoPoint& p) {
  return {{"lat", p.lat}, {"lon", p.lon}};
}

json::array districts_json(const City& city) {
  json::array out;
  for (const auto& d : city.districts) out.push_back(json::object{{"id", d.id}, {"name", d.name}});
  return out;
}

json::object map_json(const City& city) {
  return {{"center", point_json(city.center)},
          {"zoom", city.zoom},
          {"bounds",
           {{"south_west", point_json(city.bounds.south_west)},
            {"north_east", point_json(city.bounds.north_east)}}}};
}

json::object branding_json(const City& city) {
  return {{"primary_color", city.branding.primary_color},
          {"secondary_color", city.branding.secondary_color},
          {"logo_url", city.branding.logo_url}};
}

json::object contact_json(const City& city) {
  return {{"phone", city.contact.phone},
          {"email", city.contact.email},
          {"website", city.contact.website},
          {"address", city.contact.address}};
}

json::array string_array(const std::vector<std::string>& v) {
  json::array out;
  for (const auto& s : v) out.emplace_back(s);
  return out;
}

}  // namespace

Result<City> city_from_json(const json::object& doc, const modules::ModuleCatalog& catalog) {
  return read_strictly<City>([&] { return read_city(doc, catalog); });
}

json::object city_to_json(const City& city) {
  json::object modules;
  for (const auto& [name, ms] : city.modules)
    modules[name] = {{"enabled", ms.enabled}, {"settings", ms.settings}};
  return {{"slug", city.slug},
          {"name", city.name},
          {"demo", city.demo},
          {"locales", string_array(city.locales)},
          {"time_zone", city.time_zone},
          {"branding", branding_json(city)},
          {"map", map_json(city)},
          {"districts", districts_json(city)},
          {"contact", contact_json(city)},
          {"domains", string_array(city.domains)},
          {"modules", std::move(modules)}};
}

json::object city_summary(const City& city, std::string_view link_prefix) {
  return {{"slug", city.slug},
          {"name", city.name},
          {"demo", city.demo},
          {"primary_color", city.branding.primary_color},
          {"logo_url", city.branding.logo_url},
          {"href", fmt::format("{}/api/v1/cities/{}", link_prefix, city.slug)}};
}

json::object city_manifest(const City& city, const modules::ModuleCatalog& catalog,
                           std::string_view link_prefix) {
  json::array modules;
  json::object feeds;
  json::array layers;
  // Catalog order, so every city lists its modules in the same, stable order.
  for (const auto& m : catalog.all()) {
    auto it = city.modules.find(std::string(m->name()));
    if (it == city.modules.end() || !it->second.enabled) continue;
    for (const auto& feed : m->public_feeds(city.slug))
      feeds[feed.key] = fmt::format("{}{}", link_prefix, feed.path);
    for (const auto& layer : m->map_layers(city.slug))
      layers.push_back(json::object{{"key", layer.key},
                                    {"module", m->name()},
                                    {"title", {{"de", layer.title_de}, {"en", layer.title_en}}},
                                    {"href", fmt::format("{}{}", link_prefix, layer.path)}});
    modules.push_back(json::object{
        {"name", m->name()},
        {"title", {{"de", m->title_de()}, {"en", m->title_en()}}},
        {"href", fmt::format("{}/api/v1/cities/{}/{}", link_prefix, city.slug, m->name())},
        {"settings", m->public_settings(it->second.settings)}});
  }
  return {{"slug", city.slug},
          {"name", city.name},
          {"demo", city.demo},
          {"locales", string_array(city.locales)},
          {"default_locale", city.locales.front()},
          {"time_zone", city.time_zone},
          {"branding", branding_json(city)},
          {"map", map_json(city)},
          {"districts", districts_json(city)},
          {"contact", contact_json(city)},
          {"modules", std::move(modules)},
          {"feeds", std::move(feeds)},
          {"map_layers", std::move(layers)},
          {"web_manifest",
           fmt::format("{}/api/v1/cities/{}/manifest.webmanifest", link_prefix, city.slug)}};
}

}  // namespace mosaik::tenants
