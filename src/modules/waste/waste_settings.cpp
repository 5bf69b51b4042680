#include "modules/waste/waste_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/json_reader.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::waste {

namespace {

json::object type_json(std::string_view slug, std::string_view de, std::string_view en,
                       std::string_view colour, std::string_view icon, std::string_view accepts_de,
                       std::string_view accepts_en) {
  return {{"slug", slug},
          {"title", json::object{{"de", de}, {"en", en}}},
          {"colour", colour},
          {"icon", icon},
          {"accepts", json::object{{"de", accepts_de}, {"en", accepts_en}}}};
}

json::array default_types() {
  return {
      type_json("restmuell", "Restmüll", "Residual waste", "#4a4a4a", "bin",
                "Windeln, Staubsaugerbeutel, Asche, Hygieneartikel",
                "Nappies, vacuum cleaner bags, ash, hygiene products"),
      type_json("bio", "Bioabfall", "Organic waste", "#7a4a1e", "bio",
                "Obst- und Gemüsereste, Kaffeesatz, Laub, Rasenschnitt",
                "Fruit and vegetable scraps, coffee grounds, leaves, grass cuttings"),
      type_json("papier", "Papier", "Paper", "#1f5fa8", "paper",
                "Zeitungen, Kartons, Papierverpackungen", "Newspapers, cardboard, paper packaging"),
      type_json("gelb", "Gelbe Tonne", "Recycling bin", "#c9a100", "recycling",
                "Verpackungen aus Kunststoff, Metall und Verbundstoffen",
                "Packaging made of plastic, metal and composites"),
      type_json("glas", "Altglas", "Glass", "#2e7d32", "glass",
                "Flaschen und Gläser, nach Farben getrennt", "Bottles and jars, sorted by colour"),
      type_json("sperrmuell", "Sperrmüll", "Bulky waste", "#8e5b3a", "bulky",
                "Möbel, Matratzen, Teppiche (nach Anmeldung)",
                "Furniture, mattresses, carpets (by appointment)"),
      type_json("schadstoff", "Schadstoffmobil", "Hazardous waste collection", "#c62828",
                "hazardous", "Farben, Lacke, Batterien, Chemikalien, Energiesparlampen",
                "Paints, varnishes, batteries, chemicals, energy-saving bulbs"),
      type_json("weihnachtsbaum", "Weihnachtsbäume", "Christmas trees", "#1b5e20", "tree",
                "Abgeschmückte Weihnachtsbäume ohne Lametta",
                "Christmas trees without decorations or tinsel"),
  };
}

bool valid_type_slug(std::string_view s) {
  return s.size() >= 2 && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
}

bool valid_colour(std::string_view s) {
  return s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

// "18:00" -> 1080; -1 when not HH:MM.
int minute_of(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return -1;
  for (std::size_t i : {0, 1, 3, 4})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return -1;
  return h * 60 + m;
}

json::object read_type(JsonReader& t) {
  auto slug = t.text("slug", 40);
  if (!valid_type_slug(slug)) t.fail("slug", "must be 2-40 characters of a-z, 0-9 and '-'");
  const json::object* title = t.object("title", true);
  JsonReader tt(*title, t.path("title"));
  auto de = tt.text("de", 80);
  if (de.empty()) tt.fail("de", "must not be empty");
  auto en = tt.text("en", 80, de);
  tt.finish();
  auto colour = t.text("colour", 7);
  if (!valid_colour(colour)) t.fail("colour", "must be a colour like #1f5fa8");
  auto icon = t.text("icon", 20);
  if (std::find(std::begin(kWasteIcons), std::end(kWasteIcons), icon) == std::end(kWasteIcons))
    t.fail("icon", "must be one of bin, bio, paper, recycling, glass, bulky, hazardous, tree");
  std::string accepts_de, accepts_en;
  if (const json::object* accepts = t.object("accepts", false)) {
    JsonReader a(*accepts, t.path("accepts"));
    accepts_de = a.text("de", 500, "");
    accepts_en = a.text("en", 500, accepts_de);
    a.finish();
  }
  t.finish();
  return type_json(slug, de, en, colour, icon, accepts_de, accepts_en);
}

json::object read_dropoff(JsonReader& d, const std::set<std::string>& types) {
  auto id = d.text("id", 63);
  if (!tenants::valid_slug(id)) d.fail("id", "must be 2-63 characters of a-z, 0-9 and '-'");
  auto name = d.text("name", 120);
  if (name.empty()) d.fail("name", "must not be empty");
  auto kind = d.text("kind", 20);
  if (kind != "recycling_centre" && kind != "container")
    d.fail("kind", "must be recycling_centre or container");
  auto address = d.text("address", 200, "");
  auto lat = d.number("lat", -90, 90);
  auto lon = d.number("lon", -180, 180);
  auto hours = d.text("opening_hours", 300, "");
  auto accepts = d.text_list("accepts", 20, 40, std::vector<std::string>{});
  for (std::size_t i = 0; i < accepts.size(); ++i)
    if (!types.contains(accepts[i]))
      d.fail(fmt::format("accepts[{}]", i),
             fmt::format("'{}' is not one of the waste types", accepts[i]));
  d.finish();
  json::array accepted;
  for (auto& a : accepts) accepted.emplace_back(a);
  return {{"id", id},   {"name", name}, {"kind", kind},           {"address", address},
          {"lat", lat}, {"lon", lon},   {"opening_hours", hours}, {"accepts", std::move(accepted)}};
}

}  // namespace

Result<json::object> validate_waste_settings(const json::object& settings) {
  return read_strictly<json::object>([&] {
    JsonReader r(settings);
    json::array types;
    std::set<std::string> slugs;
    if (const json::array* list = r.array("types", false, 20)) {
      if (list->empty()) r.fail("types", "must name at least one waste type");
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto key = fmt::format("types[{}]", i);
        if (!(*list)[i].is_object()) r.fail(key, "must be an object");
        JsonReader t((*list)[i].as_object(), r.path(key));
        auto type = read_type(t);
        if (!slugs.insert(std::string(type.at("slug").as_string())).second)
          t.fail("slug", "is used by an earlier type");
        types.push_back(std::move(type));
      }
    } else {
      types = default_types();
      for (const auto& t : types) slugs.emplace(t.as_object().at("slug").as_string());
    }
    bool shift = false;
    std::string state = "NW";
    if (const json::object* holidays = r.object("holidays", false)) {
      JsonReader h(*holidays, r.path("holidays"));
      shift = h.boolean("shift", false);
      state = h.text("state", 2, "NW");
      if (state.size() != 2 || !std::isupper(static_cast<unsigned char>(state[0])) ||
          !std::isupper(static_cast<unsigned char>(state[1])))
        h.fail("state", "must be a German state code like NW");
      h.finish();
    }
    auto reminder = r.text("reminder_time", 5, "18:00");
    if (minute_of(reminder) < 0) r.fail("reminder_time", "must be a time like 18:00");
    json::array dropoffs;
    if (const json::array* list = r.array("dropoffs", false, 200)) {
      std::set<std::string> ids;
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto key = fmt::format("dropoffs[{}]", i);
        if (!(*list)[i].is_object()) r.fail(key, "must be an object");
        JsonReader d((*list)[i].as_object(), r.path(key));
        auto dropoff = read_dropoff(d, slugs);
        if (!ids.insert(std::string(dropoff.at("id").as_string())).second)
          d.fail("id", "is used by an earlier drop-off point");
        dropoffs.push_back(std::move(dropoff));
      }
    }
    r.finish();
    return json::object{{"types", std::move(types)},
                        {"holidays", json::object{{"shift", shift}, {"state", state}}},
                        {"reminder_time", reminder},
                        {"dropoffs", std::move(dropoffs)}};
  });
}

WasteSettings WasteSettings::of(const tenants::City& city) {
  json::object settings;
  if (auto it = city.modules.find("waste"); it != city.modules.end())
    settings = it->second.settings;
  // Stored settings are normalised; a city that never enabled the module gets the defaults.
  if (!settings.contains("types")) settings = validate_waste_settings({}).value();
  WasteSettings out;
  const auto& types = settings.at("types").as_array();
  for (const auto& value : types) {
    const auto& t = value.as_object();
    const auto& title = t.at("title").as_object();
    const auto& accepts = t.at("accepts").as_object();
    out.types.push_back(
        {std::string(t.at("slug").as_string()), std::string(title.at("de").as_string()),
         std::string(title.at("en").as_string()), std::string(t.at("colour").as_string()),
         std::string(t.at("icon").as_string()), std::string(accepts.at("de").as_string()),
         std::string(accepts.at("en").as_string())});
  }
  const auto& holidays = settings.at("holidays").as_object();
  out.holidays = {holidays.at("shift").as_bool(), std::string(holidays.at("state").as_string())};
  out.reminder_minute = minute_of(settings.at("reminder_time").as_string());
  out.dropoffs = settings.at("dropoffs").as_array();
  return out;
}

const WasteType* WasteSettings::type(std::string_view slug) const {
  for (const auto& t : types)
    if (t.slug == slug) return &t;
  return nullptr;
}

}  // namespace mosaik::modules::waste
