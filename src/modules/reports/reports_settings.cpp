#include "modules/reports/reports_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/json_reader.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::reports {

namespace {

json::object text_json(std::string_view de, std::string_view en) {
  return {{"de", de}, {"en", en}};
}

json::object option_json(std::string_view key, std::string_view de, std::string_view en) {
  return {{"key", key}, {"label", text_json(de, en)}};
}

json::object category_json(std::string_view code, std::string_view group,
                           std::string_view department, std::string_view de, std::string_view en,
                           std::string_view description_de, std::string_view description_en,
                           bool location_required, json::array attributes = {}) {
  return {{"code", code},
          {"group", group},
          {"department", department},
          {"title", text_json(de, en)},
          {"description", text_json(description_de, description_en)},
          {"location_required", location_required},
          {"attributes", std::move(attributes)}};
}

// The demo cities' categories (and every city's until it names its own).
json::object default_settings() {
  json::array groups{
      json::object{{"id", "strasse"}, {"title", text_json("Straße & Verkehr", "Roads & traffic")}},
      json::object{{"id", "sauberkeit"}, {"title", text_json("Sauberkeit", "Cleanliness")}},
      json::object{{"id", "gruen"}, {"title", text_json("Grün & Spielplätze", "Parks & play")}},
      json::object{{"id", "beleuchtung"}, {"title", text_json("Beleuchtung", "Street lighting")}},
      json::object{{"id", "sonstiges"}, {"title", text_json("Sonstiges", "Other")}},
  };
  json::array departments{
      json::object{{"id", "tiefbau"}, {"name", "Tiefbauamt"}, {"email", ""}},
      json::object{{"id", "stadtreinigung"}, {"name", "Stadtreinigung"}, {"email", ""}},
      json::object{{"id", "gruenflaechen"}, {"name", "Grünflächenamt"}, {"email", ""}},
      json::object{{"id", "beleuchtung"}, {"name", "Straßenbeleuchtung"}, {"email", ""}},
      json::object{{"id", "buergerdienste"}, {"name", "Bürgerdienste"}, {"email", ""}},
  };
  json::array categories{
      category_json(
          "schlagloch", "strasse", "tiefbau", "Schlagloch / Straßenschaden",
          "Pothole / road damage", "Löcher, Risse oder Absenkungen in Fahrbahn, Rad- oder Gehweg",
          "Holes, cracks or subsidence in roads, cycle paths or pavements", true,
          {json::object{{"code", "lage"},
                        {"type", "single"},
                        {"required", true},
                        {"label", text_json("Wo genau?", "Where exactly?")},
                        {"options", json::array{option_json("fahrbahn", "Fahrbahn", "Road"),
                                                option_json("radweg", "Radweg", "Cycle path"),
                                                option_json("gehweg", "Gehweg", "Pavement")}}}}),
      category_json("verkehrszeichen", "strasse", "tiefbau", "Verkehrszeichen beschädigt",
                    "Damaged traffic sign", "Umgefahrene, verdrehte oder verdeckte Schilder",
                    "Knocked down, twisted or hidden signs", true),
      category_json(
          "muell", "sauberkeit", "stadtreinigung", "Illegale Müllablagerung", "Illegal dumping",
          "Wilder Müll, Sperrmüll oder Bauschutt im öffentlichen Raum",
          "Rubbish, bulky waste or rubble left in public places", true,
          {json::object{
              {"code", "art"},
              {"type", "multi"},
              {"required", false},
              {"label", text_json("Was liegt dort?", "What is there?")},
              {"options", json::array{option_json("hausmuell", "Hausmüll", "Household rubbish"),
                                      option_json("sperrmuell", "Sperrmüll", "Bulky waste"),
                                      option_json("elektro", "Elektrogeräte", "Electrical goods"),
                                      option_json("bauschutt", "Bauschutt", "Rubble"),
                                      option_json("gefahrstoffe", "Farben / Chemikalien",
                                                  "Paint / chemicals")}}}}),
      category_json("papierkorb", "sauberkeit", "stadtreinigung", "Papierkorb voll",
                    "Overflowing litter bin", "Überfüllte oder beschädigte Papierkörbe",
                    "Full or damaged litter bins", true),
      category_json("graffiti", "sauberkeit", "stadtreinigung", "Graffiti", "Graffiti",
                    "Schmierereien an öffentlichen Gebäuden und Anlagen",
                    "Graffiti on public buildings and facilities", true),
      category_json("baum", "gruen", "gruenflaechen", "Baum / Grünfläche", "Tree / green space",
                    "Abgebrochene Äste, umgestürzte Bäume, ungepflegte Grünflächen",
                    "Broken branches, fallen trees, neglected green spaces", true),
      category_json(
          "spielplatz", "gruen", "gruenflaechen", "Spielplatz", "Playground",
          "Beschädigte Spielgeräte, Scherben, Verunreinigungen",
          "Damaged play equipment, broken glass, dirt", true,
          {json::object{{"code", "geraet"},
                        {"type", "text"},
                        {"required", false},
                        {"label", text_json("Welches Spielgerät?", "Which equipment?")}}}),
      category_json(
          "strassenlaterne", "beleuchtung", "beleuchtung", "Straßenlaterne defekt",
          "Street light out", "Dunkle, flackernde oder tagsüber brennende Leuchten",
          "Dark, flickering or daytime-burning lights", true,
          {json::object{{"code", "zustand"},
                        {"type", "single"},
                        {"required", true},
                        {"label", text_json("Flackert die Lampe oder ist sie dunkel?",
                                            "Is the lamp flickering or dark?")},
                        {"options", json::array{option_json("dunkel", "Dunkel", "Dark"),
                                                option_json("flackert", "Flackert", "Flickering"),
                                                option_json("tagsueber", "Brennt tagsüber",
                                                            "On during the day")}}},
           json::object{
               {"code", "mastnummer"},
               {"type", "text"},
               {"required", false},
               {"label", text_json("Mastnummer (falls sichtbar)", "Pole number (if visible)")}}}),
      category_json("sonstiges", "sonstiges", "buergerdienste", "Sonstiges", "Something else",
                    "Alles, was in keine andere Kategorie passt",
                    "Anything that fits no other category", false),
  };
  return {{"groups", std::move(groups)},
          {"departments", std::move(departments)},
          {"categories", std::move(categories)}};
}

bool valid_code(std::string_view s) {
  return s.size() >= 2 && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

std::string read_code(JsonReader& r, std::string_view key) {
  auto code = r.text(key, 40);
  if (!valid_code(code)) r.fail(key, "must be 2-40 characters of a-z, 0-9 and '-'");
  return code;
}

// {"de", "en"} with de required (at most `max` bytes each), en defaulting to de.
json::object read_text(JsonReader& r, std::string_view key, std::size_t max, bool required) {
  const json::object* object = r.object(key, required);
  if (!object) return text_json("", "");
  JsonReader t(*object, r.path(key));
  auto de = t.text("de", max, required ? std::nullopt : std::optional<std::string>(""));
  if (required && de.empty()) t.fail("de", "must not be empty");
  auto en = t.text("en", max, de);
  t.finish();
  return text_json(de, en);
}

// Reads a list of objects at `key`, each through `read_item`, checking that `id_key` is unique.
template <class F>
json::array read_list(JsonReader& r, std::string_view key, std::size_t max, std::string_view id_key,
                      std::set<std::string>& ids, F&& read_item, bool may_be_empty = false) {
  json::array out;
  const json::array* list = r.array(key, true, max);
  if (list->empty() && !may_be_empty) r.fail(key, "must not be empty");
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto item_key = fmt::format("{}[{}]", key, i);
    if (!(*list)[i].is_object()) r.fail(item_key, "must be an object");
    JsonReader item((*list)[i].as_object(), r.path(item_key));
    auto value = read_item(item);
    if (!ids.insert(std::string(value.at(id_key).as_string())).second)
      item.fail(id_key, "is used by an earlier entry");
    item.finish();
    out.push_back(std::move(value));
  }
  return out;
}

json::object read_attribute(JsonReader& a) {
  auto code = read_code(a, "code");
  auto type = a.text("type", 10);
  static constexpr std::string_view kTypes[] = {"text", "number", "date", "single", "multi"};
  if (std::find(std::begin(kTypes), std::end(kTypes), type) == std::end(kTypes))
    a.fail("type", "must be one of text, number, date, single, multi");
  auto required = a.boolean("required", false);
  auto label = read_text(a, "label", 200, true);
  json::array options;
  if (type == "single" || type == "multi") {
    std::set<std::string> keys;
    options = read_list(a, "options", 30, "key", keys, [](JsonReader& o) {
      auto key = read_code(o, "key");
      return json::object{{"key", key}, {"label", read_text(o, "label", 100, true)}};
    });
  } else if (const json::array* given = a.array("options", false, 30); given && !given->empty()) {
    a.fail("options", "only single and multi questions have options");
  }
  return {{"code", code},
          {"type", type},
          {"required", required},
          {"label", label},
          {"options", options}};
}

Text text_of(const json::value& v) {
  const auto& o = v.as_object();
  return {std::string(o.at("de").as_string()), std::string(o.at("en").as_string())};
}

std::string str(const json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

}  // namespace

std::string_view to_string(AttributeType type) noexcept {
  switch (type) {
    case AttributeType::number:
      return "number";
    case AttributeType::date:
      return "date";
    case AttributeType::single:
      return "single";
    case AttributeType::multi:
      return "multi";
    case AttributeType::text:
      break;
  }
  return "text";
}

const AttributeOption* Attribute::option(std::string_view key) const {
  for (const auto& o : options)
    if (o.key == key) return &o;
  return nullptr;
}

Result<json::object> validate_reports_settings(const json::object& settings) {
  return read_strictly<json::object>([&] {
    JsonReader r(settings);
    auto moderation = r.text("moderation", 10, "review");
    if (moderation != "review" && moderation != "immediate")
      r.fail("moderation", "must be review or immediate");
    auto anonymous = r.boolean("open311_anonymous", false);
    auto retention = r.integer("retention_days", 1, 3650, 90);
    auto radius = r.integer("duplicate_radius_m", 10, 1000, 50);
    auto per_hour = r.integer("max_reports_per_hour", 1, 1000, 10);
    json::object out{{"moderation", moderation},
                     {"open311_anonymous", anonymous},
                     {"retention_days", retention},
                     {"duplicate_radius_m", radius},
                     {"max_reports_per_hour", per_hour}};
    if (!settings.contains("categories")) {
      // The demo set, checked and normalised like a city's own.
      if (settings.contains("groups") || settings.contains("departments"))
        r.fail("categories", "groups and departments come with categories");
      auto with_defaults = settings;
      for (auto& [key, value] : default_settings()) with_defaults[key] = value;
      auto normalised = validate_reports_settings(with_defaults);
      if (!normalised) throw normalised.error();
      return *normalised;
    }
    std::set<std::string> group_ids, department_ids, codes;
    out["groups"] = read_list(r, "groups", 20, "id", group_ids, [](JsonReader& g) {
      auto id = read_code(g, "id");
      return json::object{{"id", id}, {"title", read_text(g, "title", 80, true)}};
    });
    out["departments"] = read_list(r, "departments", 50, "id", department_ids, [](JsonReader& d) {
      auto id = read_code(d, "id");
      auto name = d.text("name", 120);
      if (name.empty()) d.fail("name", "must not be empty");
      auto email = d.text("email", 254, "");
      if (!email.empty() && (email.find('@') == std::string::npos ||
                             email.find_first_of(" \r\n<>,;") != std::string::npos))
        d.fail("email", "must be an e-mail address");
      return json::object{{"id", id}, {"name", name}, {"email", email}};
    });
    out["categories"] = read_list(r, "categories", 100, "code", codes, [&](JsonReader& c) {
      auto code = read_code(c, "code");
      auto group = c.text("group", 40);
      if (!group_ids.contains(group)) c.fail("group", fmt::format("no group '{}'", group));
      auto department = c.text("department", 40);
      if (!department_ids.contains(department))
        c.fail("department", fmt::format("no department '{}'", department));
      auto title = read_text(c, "title", 80, true);
      auto description = read_text(c, "description", 300, false);
      auto location = c.boolean("location_required", true);
      json::array attributes;
      if (c.array("attributes", false, 10)) {
        std::set<std::string> attribute_codes;
        attributes = read_list(c, "attributes", 10, "code", attribute_codes, read_attribute,
                               /*may_be_empty=*/true);
      }
      return category_json(code, group, department, title.at("de").as_string(),
                           title.at("en").as_string(), description.at("de").as_string(),
                           description.at("en").as_string(), location, std::move(attributes));
    });
    r.finish();
    return out;
  });
}

json::object public_reports_settings(const json::object& settings) {
  auto out = settings;
  if (auto* departments = out.if_contains("departments"))
    for (auto& d : departments->as_array()) d.as_object().erase("email");
  return out;
}

ReportsSettings ReportsSettings::of(const tenants::City& city) {
  json::object settings;
  if (auto it = city.modules.find("reports"); it != city.modules.end())
    settings = it->second.settings;
  // Stored settings are normalised; a city that never enabled the module gets the defaults.
  if (!settings.contains("categories")) settings = validate_reports_settings({}).value();
  ReportsSettings out;
  out.moderation = settings.at("moderation").as_string() == "immediate" ? Moderation::immediate
                                                                        : Moderation::review;
  out.open311_anonymous = settings.at("open311_anonymous").as_bool();
  out.retention_days = static_cast<int>(settings.at("retention_days").to_number<std::int64_t>());
  out.duplicate_radius_m =
      static_cast<int>(settings.at("duplicate_radius_m").to_number<std::int64_t>());
  out.max_reports_per_hour =
      static_cast<int>(settings.at("max_reports_per_hour").to_number<std::int64_t>());
  for (const auto& v : settings.at("groups").as_array())
    out.groups.push_back({str(v.as_object(), "id"), text_of(v.as_object().at("title"))});
  for (const auto& v : settings.at("departments").as_array()) {
    const auto& d = v.as_object();
    out.departments.push_back({str(d, "id"), str(d, "name"), str(d, "email")});
  }
  for (const auto& v : settings.at("categories").as_array()) {
    const auto& c = v.as_object();
    Category category{str(c, "code"),
                      str(c, "group"),
                      str(c, "department"),
                      text_of(c.at("title")),
                      text_of(c.at("description")),
                      c.at("location_required").as_bool(),
                      {}};
    for (const auto& av : c.at("attributes").as_array()) {
      const auto& a = av.as_object();
      Attribute attribute{str(a, "code"),
                          AttributeType::text,
                          a.at("required").as_bool(),
                          text_of(a.at("label")),
                          {}};
      auto type = a.at("type").as_string();
      if (type == "number") attribute.type = AttributeType::number;
      if (type == "date") attribute.type = AttributeType::date;
      if (type == "single") attribute.type = AttributeType::single;
      if (type == "multi") attribute.type = AttributeType::multi;
      for (const auto& ov : a.at("options").as_array())
        attribute.options.push_back(
            {str(ov.as_object(), "key"), text_of(ov.as_object().at("label"))});
      category.attributes.push_back(std::move(attribute));
    }
    out.categories.push_back(std::move(category));
  }
  return out;
}

const Category* ReportsSettings::category(std::string_view code) const {
  for (const auto& c : categories)
    if (c.code == code) return &c;
  return nullptr;
}

const Department* ReportsSettings::department(std::string_view id) const {
  for (const auto& d : departments)
    if (d.id == id) return &d;
  return nullptr;
}

const Group* ReportsSettings::group(std::string_view id) const {
  for (const auto& g : groups)
    if (g.id == id) return &g;
  return nullptr;
}

}  // namespace mosaik::modules::reports
