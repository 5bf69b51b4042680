// If-Match on the PUTs that replace a whole document (a city's settings, its services list):
// two editors who read the same version cannot both write it; the second gets 412 and nothing
// changes.
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"

namespace mosaik::testing {
namespace {

constexpr std::string_view kServices = R"({"services":[
  {"slug":"personalausweis","title":"Personalausweis beantragen","summary":"Neuer Ausweis im Bürgerbüro.","department":"Bürgerdienste","keywords":["Ausweis"],"url":""},
  {"slug":"wohnsitz","title":"Wohnsitz anmelden","summary":"Innerhalb von zwei Wochen nach dem Umzug.","department":"Bürgerdienste","keywords":["Umzug"],"url":""}]})";

class PreconditionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server =
        new ServerProcess(ServerProcess::Options{.args = {"--set", "auth.cookie_secure=false"}});
    password = fresh_password();
    create_staff(server->database_url(), "admin@dortmund.example", password,
                 {"city-admin:dortmund"});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static std::uint16_t port() { return server->port(); }
  static StaffSession admin() { return sign_in(port(), "admin@dortmund.example", password); }

  static void expect_412(const HttpResponse& r) {
    EXPECT_EQ(r.status, 412) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    auto problem = r.json().as_object();
    EXPECT_EQ(problem["type"], "urn:mosaik:problem:precondition-failed");
    EXPECT_EQ(problem["status"], 412);
  }

  static ServerProcess* server;
  static std::string password;
};
ServerProcess* PreconditionsTest::server = nullptr;
std::string PreconditionsTest::password;

TEST_F(PreconditionsTest, CitySettingsPutWithAStaleIfMatchIs412AndChangesNothing) {
  auto first = admin();
  auto second = admin();  // a second admin, in another browser
  const std::string path = "/api/v1/cities/dortmund/settings";
  auto read = get(port(), path, first.cookie());
  ASSERT_EQ(read.status, 200);
  const auto etag = read.header("ETag");
  ASSERT_FALSE(etag.empty());
  auto doc = read.json().as_object();
  auto put = [&](const StaffSession& who, std::string name, std::string if_match) {
    auto d = doc;
    d["name"] = name;
    auto headers = with_json(who.writer());
    if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
    return request(port(), "PUT", path, headers, json::serialize(d));
  };

  // Both read `etag`; the first writes, the second's write is refused.
  auto won = put(first, "Dortmund (erste)", etag);
  ASSERT_EQ(won.status, 200) << won.body;
  auto reread = get(port(), path, first.cookie());
  const auto current = reread.header("ETag");
  EXPECT_NE(current, etag);
  expect_412(put(second, "Dortmund (zweite)", etag));
  auto after = get(port(), path, second.cookie());
  EXPECT_EQ(after.json().as_object()["name"], "Dortmund (erste)");
  EXPECT_EQ(after.header("ETag"), current);

  // Weak tags never match (RFC 9110 13.1.1), a list matches when one member does, and the tag
  // of the gzip-encoded GET names the same version.
  expect_412(put(second, "Dortmund (zweite)", "W/" + current));
  expect_412(put(second, "Dortmund (zweite)", R"("0000000000000000")"));
  auto zipped = get(port(), path, [&] {
    auto h = second.cookie();
    h.emplace_back("Accept-Encoding", "gzip");
    return h;
  }());
  ASSERT_EQ(zipped.header("Content-Encoding"), "gzip");
  const auto zipped_etag = zipped.header("ETag");
  ASSERT_TRUE(zipped_etag.ends_with("-gz\"")) << zipped_etag;
  auto listed = put(second, "Dortmund (zweite)", R"("0000000000000000", )" + zipped_etag);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(get(port(), path, second.cookie()).json().as_object()["name"], "Dortmund (zweite)");

  // `*` and no If-Match write as before.
  EXPECT_EQ(put(first, "Dortmund (Stern)", "*").status, 200);
  EXPECT_EQ(put(first, "Dortmund", "").status, 200);
  EXPECT_EQ(get(port(), path, first.cookie()).json().as_object()["name"], "Dortmund");
}

TEST_F(PreconditionsTest, ServicesPutComparesIfMatchWithTheWholeList) {
  auto a = admin();
  const std::string path = "/api/v1/cities/dortmund/services";
  auto put = [&](std::string_view body, std::string if_match) {
    auto headers = with_json(a.writer());
    if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
    return request(port(), "PUT", path, headers, body);
  };
  auto whole = get(port(), path + "?limit=500");
  ASSERT_EQ(whole.status, 200);
  ASSERT_TRUE(whole.json().as_object()["next_cursor"].is_null());
  const auto etag = whole.header("ETag");
  const auto count = whole.json().as_object()["items"].as_array().size();
  ASSERT_GT(count, 2u);

  // A page that shows only part of the list does not name it.
  auto part = get(port(), path + "?limit=1");
  ASSERT_FALSE(part.json().as_object()["next_cursor"].is_null());
  expect_412(put(kServices, part.header("ETag")));
  expect_412(put(kServices, R"("0000000000000000")"));
  auto unchanged = get(port(), path + "?limit=500");
  EXPECT_EQ(unchanged.header("ETag"), etag);
  EXPECT_EQ(unchanged.json().as_object()["items"].as_array().size(), count);

  auto replaced = put(kServices, etag);
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(replaced.json().as_object()["count"], 2);
  // The same version again: someone else has replaced it since.
  expect_412(put(R"({"services":[]})", etag));
  EXPECT_EQ(get(port(), path).json().as_object()["items"].as_array().size(), 2u);

  // With every service on the first page, the plain GET names the whole list too.
  auto plain = get(port(), path);
  EXPECT_NE(plain.header("ETag"), etag);
  EXPECT_EQ(plain.header("ETag"), get(port(), path + "?limit=500").header("ETag"));
  EXPECT_EQ(put(kServices, plain.header("ETag")).status, 200);
  EXPECT_EQ(put(kServices, "*").status, 200);
  EXPECT_EQ(put(kServices, "").status, 200);
}

}  // namespace
}  // namespace mosaik::testing
