// Cities, modules and the services module through the real binaries (mosaik CLI + mosaikd).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <thread>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace mosaik::testing {
namespace {

using namespace std::chrono_literals;

class CitiesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static ServerProcess* server;
  std::uint16_t port() const { return server->port(); }
  CommandResult cli(std::vector<std::string> args) {
    args.insert(args.begin(), MOSAIK_CLI_BINARY);
    args.insert(args.end(), {"--database", server->database_url()});
    return run_command(args);
  }
  std::string write_file(const std::string& name, const std::string& content) {
    auto path = server->dir() + "/" + name;
    std::ofstream(path) << content;
    return path;
  }
  // Waits for the server's periodic city refresh to show `target` answering `status`.
  bool eventually_status(const std::string& target, int status) {
    for (int i = 0; i < 60; ++i) {
      if (get(port(), target).status == status) return true;
      std::this_thread::sleep_for(100ms);
    }
    return false;
  }
};
ServerProcess* CitiesTest::server = nullptr;

TEST_F(CitiesTest, ListsTheDemoCities) {
  auto r = get(port(), "/api/v1/cities");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  auto cities = r.json().as_object()["cities"].as_array();
  ASSERT_EQ(cities.size(), 2u);
  EXPECT_EQ(cities[0].as_object()["slug"], "dortmund");
  EXPECT_EQ(cities[1].as_object()["slug"], "schwerte");
  EXPECT_EQ(cities[0].as_object()["href"], "/api/v1/cities/dortmund");
  EXPECT_EQ(cities[0].as_object()["demo"], true);
}

TEST_F(CitiesTest, ManifestHasWhatTheAppNeeds) {
  auto r = get(port(), "/api/v1/cities/dortmund");
  ASSERT_EQ(r.status, 200);
  auto m = r.json().as_object();
  EXPECT_EQ(m["name"], "Dortmund");
  EXPECT_EQ(m["default_locale"], "de");
  EXPECT_EQ(m["time_zone"], "Europe/Berlin");
  EXPECT_EQ(m["branding"].as_object()["primary_color"], "#b1001c");
  EXPECT_NEAR(m["map"].as_object()["center"].as_object()["lat"].as_double(), 51.5136, 1e-9);
  auto districts = m["districts"].as_array();
  ASSERT_EQ(districts.size(), 12u);
  EXPECT_EQ(districts[7].as_object()["name"], "Hörde");
  // The enabled modules, in catalog order (the module list's): the ones tested here are there,
  // however many more a build has.
  std::map<std::string, json::object> modules;
  std::vector<std::string> order;
  for (const auto& v : m["modules"].as_array()) {
    order.emplace_back(v.as_object().at("name").as_string());
    modules[order.back()] = v.as_object();
  }
  for (const char* name : {"services", "news", "events", "waste", "reports"})
    ASSERT_TRUE(modules.contains(name)) << name;
  auto position = [&](const std::string& name) {
    return std::find(order.begin(), order.end(), name) - order.begin();
  };
  EXPECT_LT(position("services"), position("news"));
  EXPECT_LT(position("news"), position("events"));
  EXPECT_EQ(modules["waste"]["settings"].as_object()["types"].as_array().size(), 8u);
  // The reports module's public settings: the categories, without the departments' addresses.
  const auto& reports = modules["reports"]["settings"].as_object();
  EXPECT_EQ(reports.at("categories").as_array().size(), 9u);
  for (const auto& d : reports.at("departments").as_array())
    EXPECT_FALSE(d.as_object().contains("email"));
  EXPECT_EQ(modules["services"]["href"], "/api/v1/cities/dortmund/services");
  // The modules' map layers (Module::map_layers), each a GeoJSON FeatureCollection that answers.
  std::map<std::string, std::string> layers;
  for (const auto& v : m["map_layers"].as_array())
    layers[std::string(v.at("key").as_string())] = v.at("href").as_string();
  EXPECT_EQ(layers["reports"], "/api/v1/cities/dortmund/reports/map.geojson");
  EXPECT_EQ(layers["waste_dropoffs"], "/api/v1/cities/dortmund/waste/dropoffs");
  for (const auto& [key, href] : layers) {
    auto layer = get(port(), href);
    ASSERT_EQ(layer.status, 200) << key;
    EXPECT_EQ(layer.json().as_object().at("type"), "FeatureCollection") << key;
  }
  EXPECT_EQ(
      get(port(), "/api/v1/cities/schwerte").json().as_object()["districts"].as_array().size(), 9u);
}

TEST_F(CitiesTest, ServicesListSearchPaginationAndDetail) {
  auto all = get(port(), "/api/v1/cities/dortmund/services?limit=500");
  ASSERT_EQ(all.status, 200) << all.body;
  auto items = all.json().as_object()["items"].as_array();
  ASSERT_EQ(items.size(), 13u);
  EXPECT_EQ(items[0].as_object()["title"], "Ausnahmegenehmigung für Großraumtransporte");
  EXPECT_TRUE(all.json().as_object()["next_cursor"].is_null());

  // Walk the list in pages of 5: every item exactly once, in order.
  std::vector<std::string> walked;
  std::string target = "/api/v1/cities/dortmund/services?limit=5";
  for (int page = 0; page < 10; ++page) {
    auto r = get(port(), target);
    ASSERT_EQ(r.status, 200);
    auto body = r.json().as_object();
    for (const auto& item : body["items"].as_array())
      walked.emplace_back(item.as_object().at("slug").as_string());
    if (body["next_cursor"].is_null()) break;
    target = "/api/v1/cities/dortmund/services?limit=5&cursor=" +
             std::string(body["next_cursor"].as_string());
  }
  ASSERT_EQ(walked.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    EXPECT_EQ(walked[i], items[i].as_object()["slug"].as_string());

  // Search folds umlauts and case, and looks at titles, summaries and keywords.
  auto slugs_for = [&](const std::string& q) {
    std::vector<std::string> out;
    auto body = get(port(), "/api/v1/cities/dortmund/services?q=" + q).json();
    for (const auto& item : body.as_object()["items"].as_array())
      out.emplace_back(item.as_object().at("slug").as_string());
    return out;
  };
  EXPECT_EQ(slugs_for("F%C3%9CHRUNGSZEUGNIS"), std::vector<std::string>{"fuehrungszeugnis"});
  EXPECT_EQ(slugs_for("id-karte"), std::vector<std::string>{"personalausweis-beantragen"});
  EXPECT_EQ(slugs_for("BURGERBURO"),
            (std::vector<std::string>{"fuehrungszeugnis", "personalausweis-beantragen",
                                      "reisepass-beantragen"}));
  EXPECT_TRUE(slugs_for("Elefant").empty());
  auto found = get(port(), "/api/v1/cities/dortmund/services?q=id-karte")
                   .json()
                   .as_object()["items"]
                   .as_array();
  EXPECT_EQ(found[0].as_object()["letter"], "P");

  auto detail = get(port(), "/api/v1/cities/schwerte/services/fundsachen");
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.json().as_object()["department"], "Fundbüro");
  // Each city sees only its own services.
  EXPECT_EQ(get(port(), "/api/v1/cities/schwerte/services/kita-platz").status, 404);
  auto bad_limit = get(port(), "/api/v1/cities/dortmund/services?limit=0");
  EXPECT_EQ(bad_limit.status, 422);
  EXPECT_EQ(bad_limit.json().as_object()["field"], "limit");
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/services?cursor=%25%25").status, 422);
}

TEST_F(CitiesTest, DisablingAModuleHidesItsRoutesForThatCityOnly) {
  ASSERT_EQ(get(port(), "/api/v1/cities/schwerte/services").status, 200);
  auto off = cli({"module", "disable", "--city", "schwerte", "services"});
  ASSERT_EQ(off.exit_code, 0) << off.output;
  ASSERT_TRUE(eventually_status("/api/v1/cities/schwerte/services", 404));
  auto problem = get(port(), "/api/v1/cities/schwerte/services/fundsachen");
  EXPECT_EQ(problem.status, 404);
  EXPECT_NE(problem.body.find("not enabled"), std::string::npos);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/services").status, 200);
  auto left = get(port(), "/api/v1/cities/schwerte").json().as_object()["modules"].as_array();
  EXPECT_TRUE(std::none_of(left.begin(), left.end(), [](const json::value& m) {
    return m.as_object().at("name") == "services";
  }));
  auto on = cli({"module", "enable", "--city", "schwerte", "services"});
  ASSERT_EQ(on.exit_code, 0) << on.output;
  EXPECT_TRUE(eventually_status("/api/v1/cities/schwerte/services", 200));
}

TEST_F(CitiesTest, CliCreatesAndUpdatesCitiesAndRejectsBadDocuments) {
  auto doc =
      R"({"slug":"musterhausen","name":"Musterhausen","districts":[{"id":"mitte","name":"Mitte"}],
    "domains":["app.musterhausen.example"],
    "map":{"center":{"lat":51.0,"lon":7.0},"bounds":{"south_west":{"lat":50.9,"lon":6.9},"north_east":{"lat":51.1,"lon":7.1}}}})";
  auto created = cli({"city", "create", "--file", write_file("muster.json", doc)});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  ASSERT_TRUE(eventually_status("/api/v1/cities/musterhausen", 200));
  EXPECT_EQ(get(port(), "/api/v1/cities/musterhausen/services").status, 404);  // not enabled
  // On its own domain the city is found by host name.
  auto by_host = get(port(), "/api/v1/city", {{"Host", "app.musterhausen.example:8080"}});
  ASSERT_EQ(by_host.status, 200);
  EXPECT_EQ(by_host.json().as_object()["slug"], "musterhausen");
  EXPECT_EQ(get(port(), "/api/v1/city").status, 404);
  // Host names are case-insensitive, and a trailing dot names the same host.
  EXPECT_EQ(get(port(), "/api/v1/city", {{"Host", "APP.Musterhausen.example."}}).status, 200);

  auto again = cli({"city", "create", "--file", write_file("muster.json", doc)});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;

  auto broken_json = cli({"city", "create", "--file", write_file("broken.json", "{\"slug\": ")});
  EXPECT_NE(broken_json.exit_code, 0);
  EXPECT_NE(broken_json.output.find("not valid JSON"), std::string::npos) << broken_json.output;

  auto invalid =
      cli({"city", "update", "--file",
           write_file("invalid.json",
                      std::string(doc).replace(std::string(doc).find("Musterhausen"), 12, ""))});
  EXPECT_NE(invalid.exit_code, 0);
  EXPECT_NE(invalid.output.find("field name"), std::string::npos) << invalid.output;
  // Nothing was changed by the failed update.
  EXPECT_EQ(get(port(), "/api/v1/cities/musterhausen").json().as_object()["name"], "Musterhausen");

  auto list = cli({"city", "list"});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.output.find("musterhausen"), std::string::npos);
  EXPECT_NE(list.output.find("dortmund"), std::string::npos);
}

TEST_F(CitiesTest, DemoLoadTwiceChangesNothing) {
  auto r = cli({"demo", "load"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("0 cities created, 2 left unchanged"), std::string::npos) << r.output;
}

TEST_F(CitiesTest, MigrateReportsUpToDate) {
  auto r = cli({"migrate"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("database is up to date"), std::string::npos);
  EXPECT_EQ(r.output.find("migrating"), std::string::npos);
}

}  // namespace
}  // namespace mosaik::testing
