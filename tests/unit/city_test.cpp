#include "platform/tenants/city.hpp"

#include <gtest/gtest.h>

#include "app/assembly.hpp"
#include "modules/services/services_module.hpp"
#include "shared/german_text.hpp"

namespace mosaik::tenants {
namespace {

json::object minimal() {
  return json::parse(R"({
    "slug": "musterstadt", "name": "Musterstadt",
    "map": {"center": {"lat": 51.5, "lon": 7.5},
            "bounds": {"south_west": {"lat": 51.4, "lon": 7.4}, "north_east": {"lat": 51.6, "lon": 7.6}}}
  })")
      .as_object();
}

class CityTest : public ::testing::Test {
 protected:
  modules::ModuleCatalog catalog = app::make_module_catalog();
  Error parse_error(const json::object& doc) {
    auto r = city_from_json(doc, catalog);
    EXPECT_FALSE(r.ok());
    return r.ok() ? Error(Errc::internal, "parsed") : r.error();
  }
};

TEST_F(CityTest, MinimalDocumentGetsDefaults) {
  auto c = city_from_json(minimal(), catalog);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->locales, (std::vector<std::string>{"de", "en"}));
  EXPECT_EQ(c->time_zone, "Europe/Berlin");
  EXPECT_EQ(c->zoom, 12);
  EXPECT_TRUE(c->modules.empty());
}

TEST_F(CityTest, DocumentRoundTrips) {
  auto doc = minimal();
  doc["districts"] = json::array{json::object{{"id", "mitte"}, {"name", "Mitte"}}};
  doc["modules"] = json::object{{"services", {{"enabled", true}}}};
  doc["domains"] = json::array{"app.musterstadt.example"};
  auto c = city_from_json(doc, catalog);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  auto again = city_from_json(city_to_json(*c), catalog);
  ASSERT_TRUE(again.ok()) << again.error().detail();
  EXPECT_EQ(json::serialize(city_to_json(*again)), json::serialize(city_to_json(*c)));
  EXPECT_TRUE(again->module_enabled("services"));
  EXPECT_EQ(again->district("mitte")->name, "Mitte");
}

TEST_F(CityTest, InvalidFieldsAreNamed) {
  struct Case {
    std::function<void(json::object&)> change;
    std::string field;
  };
  std::vector<Case> cases = {
      {[](json::object& d) { d["slug"] = "Muster Stadt"; }, "slug"},
      {[](json::object& d) { d.erase("name"); }, "name"},
      {[](json::object& d) { d["colour"] = "red"; }, "colour"},
      {[](json::object& d) {
         d["locales"] = json::array{"de", "fr"};
       },
       "locales[1]"},
      {[](json::object& d) { d["time_zone"] = "Europe/Atlantis"; }, "time_zone"},
      {[](json::object& d) { d["time_zone"] = "../../etc/passwd"; }, "time_zone"},
      {[](json::object& d) {
         d["branding"] = json::object{{"primary_color", "red"}};
       },
       "branding.primary_color"},
      {[](json::object& d) { d["map"].as_object()["center"].as_object()["lat"] = 95; },
       "map.center.lat"},
      {[](json::object& d) { d["map"].as_object()["center"].as_object()["lat"] = 50.0; },
       "map.center"},
      {[](json::object& d) {
         d["districts"] = json::array{json::object{{"id", "a b"}, {"name", "x"}}};
       },
       "districts[0].id"},
      {[](json::object& d) {
         d["modules"] = json::object{{"teleport", {{"enabled", true}}}};
       },
       "modules.teleport"},
      {[](json::object& d) {
         d["modules"] = json::object{{"services", {{"enabled", true}, {"settings", {{"x", 1}}}}}};
       },
       "modules.services.settings.x"},
      {[](json::object& d) { d["domains"] = json::array{"Bad Host"}; }, "domains[0]"},
      {[](json::object& d) { d["name"] = "tab\x01"; }, "name"},
  };
  for (const auto& c : cases) {
    auto doc = minimal();
    c.change(doc);
    auto e = parse_error(doc);
    EXPECT_EQ(e.code(), Errc::validation_failed);
    EXPECT_EQ(e.field(), c.field) << e.detail();
  }
}

TEST_F(CityTest, ManifestListsEnabledModulesOnly) {
  auto doc = minimal();
  doc["modules"] = json::object{{"services", {{"enabled", false}}}};
  auto c = city_from_json(doc, catalog);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(city_manifest(*c, catalog, "")["modules"].as_array().empty());
  c->modules["services"].enabled = true;
  auto m = city_manifest(*c, catalog, "https://app.example");
  ASSERT_EQ(m["modules"].as_array().size(), 1u);
  auto module = m["modules"].as_array()[0].as_object();
  EXPECT_EQ(module["name"], "services");
  EXPECT_EQ(module["href"], "https://app.example/api/v1/cities/musterstadt/services");
  EXPECT_EQ(module["title"].as_object()["de"], "Dienstleistungen A–Z");
}

TEST(ServicesTest, GermanFolding) {
  using shared::fold_german;
  EXPECT_EQ(fold_german("Straße"), "strasse");
  EXPECT_EQ(fold_german("Ärger Öl Über"), "arger ol uber");
  EXPECT_EQ(fold_german("Bürgerbüro"), "burgerburo");
  // Umlauts written out fold the same, so "mueller" finds "Müller".
  EXPECT_EQ(fold_german("Müller"), fold_german("Mueller"));
  EXPECT_EQ(fold_german("MUELLER"), "muller");
  EXPECT_EQ(fold_german("Personalausweis – beantragen"), "personalausweis beantragen");
}

TEST(ServicesTest, ParsingIsStrict) {
  auto ok = modules::services::parse_services(
      json::parse(R"({"services":[{"slug":"ab","title":"A","keywords":["x"]}]})").as_object());
  ASSERT_TRUE(ok.ok()) << ok.error().detail();
  EXPECT_EQ(ok->front().keywords, std::vector<std::string>{"x"});
  auto bad = modules::services::parse_services(
      json::parse(
          R"j({"services":[{"slug":"ab","title":"A"},{"slug":"cd","title":"B","url":"javascript:alert(1)"}]})j")
          .as_object());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field(), "services[1].url");
}

}  // namespace
}  // namespace mosaik::tenants
