// Absolute links come from configuration only (tenants::PublicLinks), through the real mosaikd:
// a request with a forged Host header changes no link, neither in its own answer nor in the
// cached answer the next citizen gets; a request on a city's own domain gets links on that
// domain, and those do not leak into the answers on the configured origin either.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_images.hpp"

namespace mosaik::testing {
namespace {

constexpr std::string_view kOrigin = "https://app.stadt.example";
constexpr std::string_view kDomain = "app.dortmund.example";
constexpr std::string_view kForeign = "poison.example";

// The public answers that carry absolute links (all but the Open311 ones are read-cached).
const std::vector<std::string>& linked_targets() {
  static const std::vector<std::string> targets{
      "/api/v1/cities/dortmund/waste/areas/HO1",
      "/api/v1/cities/dortmund/waste/address?street=M%C3%BCnsterstra%C3%9Fe&house_number=12",
      "/api/v1/cities/dortmund/events/feed.ics?category=sport",
      "/api/v1/cities/dortmund/events/feed.ics",
      "/api/v1/cities/dortmund/news/feed.rss",
      "/api/v1/cities/dortmund/news/feed.atom",
      "/api/v1/cities/dortmund/news",
      "/api/v1/cities/dortmund/events",
      "/api/v1/cities/dortmund/services",
      "/open311/v2/requests.json?jurisdiction_id=dortmund",
      "/open311/v2/requests.xml?jurisdiction_id=dortmund",
  };
  return targets;
}

class PublicLinksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess(
        ServerProcess::Options{.args = {"--set", "server.public_url=" + std::string(kOrigin)}});
    // Dortmund gets a domain of its own (the CLI writes the database; mosaikd refreshes).
    auto cli = [](std::vector<std::string> args) {
      args.insert(args.begin(), MOSAIK_CLI_BINARY);
      args.insert(args.end(), {"--database", server->database_url()});
      return run_command(args);
    };
    auto shown = cli({"city", "show", "dortmund"});
    ASSERT_EQ(shown.exit_code, 0) << shown.output;
    auto doc = json::parse(shown.output).as_object();
    doc["domains"] = json::array{json::value(kDomain)};
    auto path = server->dir() + "/dortmund.json";
    std::ofstream(path) << json::serialize(doc);
    auto updated = cli({"city", "update", "--file", path});
    ASSERT_EQ(updated.exit_code, 0) << updated.output;
    // A public report with a photo, so that Open311 answers carry a media_url.
    json::object report{{"submission_id", "public-links-test-000001"},
                        {"category", "schlagloch"},
                        {"lat", 51.5136},
                        {"lon", 7.4653},
                        {"description", "Schlagloch mit Foto"},
                        {"attributes", json::object{{"lage", "fahrbahn"}}},
                        {"photos", json::array{json::value(base64(test_jpeg(64, 48, false)))}}};
    auto made = request(server->port(), "POST", "/api/v1/cities/dortmund/reports",
                        {{"Content-Type", "application/json"}}, json::serialize(report));
    ASSERT_EQ(made.status, 201) << made.body;
    for (int i = 0; i < 100; ++i) {
      if (get(server->port(), "/api/v1/city", {{"Host", std::string(kDomain)}}).status == 200)
        break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static std::uint16_t port() { return server->port(); }
  static ServerProcess* server;

  // The first id in a list answer's "items" (news and events have them under different keys).
  static std::string first_id(const std::string& target, std::string_view inner = {}) {
    auto r = get(port(), target);
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.json().as_object().at("items").as_array();
    EXPECT_FALSE(items.empty()) << target;
    if (items.empty()) return "0";
    const auto& item =
        inner.empty() ? items.front().as_object() : items.front().as_object().at(inner).as_object();
    return std::to_string(item.at("id").as_int64());
  }
};
ServerProcess* PublicLinksTest::server = nullptr;

TEST_F(PublicLinksTest, AForgedHostChangesNoLinkAndPoisonsNoCache) {
  auto targets = linked_targets();
  targets.push_back("/api/v1/cities/dortmund/events/" +
                    first_id("/api/v1/cities/dortmund/events", "event"));
  targets.push_back("/api/v1/cities/dortmund/news/" + first_id("/api/v1/cities/dortmund/news"));
  for (const auto& target : targets) {
    auto forged = get(port(), target, {{"Host", std::string(kForeign)}});
    auto normal = get(port(), target);
    ASSERT_EQ(forged.status, 200) << target << ": " << forged.body;
    ASSERT_EQ(normal.status, 200) << target << ": " << normal.body;
    for (const auto* r : {&forged, &normal}) {
      EXPECT_EQ(r->body.find(kForeign), std::string::npos) << target << ": " << r->body;
      EXPECT_NE(r->body.find(kOrigin), std::string::npos) << target << ": " << r->body;
    }
    // Where the answer is cached, both requests got the same kept answer.
    if (!target.starts_with("/open311")) {
      EXPECT_EQ(forged.header("ETag"), normal.header("ETag")) << target;
    }
  }
  // The issue's case: the waste area's subscription links.
  auto area = get(port(), "/api/v1/cities/dortmund/waste/areas/HO1", {{"Host", "evil.example"}})
                  .json()
                  .as_object();
  auto base = fmt::format("{}/api/v1/cities/dortmund/waste/areas/HO1", kOrigin);
  EXPECT_EQ(area["ics_url"].as_string(), base + "/calendar.ics");
  EXPECT_EQ(area["webcal_url"].as_string(),
            "webcal://app.stadt.example/api/v1/cities/dortmund/waste/areas/HO1/calendar.ics");
  EXPECT_EQ(area["pickups_url"].as_string(), base + "/pickups");
  // X-Forwarded-Host and Forwarded are ignored as well.
  auto forwarded = get(port(), "/api/v1/cities/dortmund/news/feed.rss",
                       {{"X-Forwarded-Host", std::string(kForeign)},
                        {"Forwarded", "host=poison.example;proto=http"}});
  EXPECT_EQ(forwarded.body.find(kForeign), std::string::npos) << forwarded.body;
}

TEST_F(PublicLinksTest, ACityDomainGetsLinksOnThatDomainAndKeepsThemToItself) {
  auto on_domain = fmt::format("https://{}", kDomain);
  auto targets = linked_targets();
  targets.push_back("/api/v1/cities/dortmund/events/" +
                    first_id("/api/v1/cities/dortmund/events", "event"));
  for (const auto& target : targets) {
    // With a port and in capitals the Host still names the domain; the port is not taken over.
    auto domain = get(port(), target, {{"Host", "App.Dortmund.Example:8443"}});
    auto normal = get(port(), target);
    ASSERT_EQ(domain.status, 200) << target << ": " << domain.body;
    EXPECT_NE(domain.body.find(on_domain), std::string::npos) << target << ": " << domain.body;
    EXPECT_EQ(domain.body.find(kOrigin), std::string::npos) << target << ": " << domain.body;
    EXPECT_EQ(domain.body.find(":8443"), std::string::npos) << target;
    EXPECT_EQ(normal.body.find(kDomain), std::string::npos) << target << ": " << normal.body;
    EXPECT_NE(normal.body.find(kOrigin), std::string::npos) << target;
  }
  // Another city's domain does not apply to Dortmund's paths.
  auto schwerte =
      get(port(), "/api/v1/cities/schwerte/news/feed.rss", {{"Host", std::string(kDomain)}});
  EXPECT_EQ(schwerte.body.find(kDomain), std::string::npos) << schwerte.body;
  EXPECT_NE(schwerte.body.find(kOrigin), std::string::npos);
}

TEST(PublicLinksFallbackTest, WithoutPublicUrlLinksUseTheListenAddressAndSaySo) {
  ServerProcess server;
  auto origin = fmt::format("http://127.0.0.1:{}", server.port());
  EXPECT_NE(server.error_log().find("server.public_url is not set: absolute links"),
            std::string::npos)
      << server.error_log();
  EXPECT_NE(server.error_log().find(origin), std::string::npos) << server.error_log();
  for (std::string target : {"/api/v1/cities/dortmund/waste/areas/HO1",
                             "/api/v1/cities/dortmund/events/feed.ics?category=sport"}) {
    auto forged = get(server.port(), target, {{"Host", std::string(kForeign)}});
    auto normal = get(server.port(), target);
    for (const auto* r : {&forged, &normal}) {
      EXPECT_EQ(r->body.find(kForeign), std::string::npos) << target << ": " << r->body;
      EXPECT_NE(r->body.find(origin), std::string::npos) << target << ": " << r->body;
    }
  }
  // Links inside JSON stay root-relative while nothing is configured.
  auto cities = get(server.port(), "/api/v1/cities", {{"Host", std::string(kForeign)}});
  EXPECT_EQ(cities.body.find(kForeign), std::string::npos);
  EXPECT_NE(cities.body.find(R"("href":"/api/v1/cities/dortmund")"), std::string::npos)
      << cities.body;
}

}  // namespace
}  // namespace mosaik::testing
