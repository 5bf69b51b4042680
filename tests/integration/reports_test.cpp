// The Mängelmelder through the real mosaikd (SQLite, or PostgreSQL with TEST_BACKEND=postgres):
// a citizen reports a defect with photo and pin and follows it to "done" with the city's answer
// (and an e-mail through a loopback SMTP sink); moderation; exactly-once submissions; photos
// without metadata; bad input that stores nothing; the duplicate radius and support counting;
// rate limits; the reporter's personal data never in a public answer, and deleted on request;
// who may work cases; bulk rejection.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/smtp_sink.hpp"
#include "support/staff.hpp"
#include "support/test_images.hpp"

namespace mosaik::testing {
namespace {

constexpr std::string_view kDortmund = "/api/v1/cities/dortmund/reports";
constexpr std::string_view kSchwerte = "/api/v1/cities/schwerte/reports";

std::string text_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : "";
}

class ReportsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sink = new SmtpSink();
    server = new ServerProcess(ServerProcess::Options{
        .args = {"--set", "auth.cookie_secure=false", "--set", "http.trusted_proxies=127.0.0.1",
                 "--set", fmt::format("mail.smtp_url=smtp://127.0.0.1:{}", sink->port()), "--set",
                 "mail.interval_ms=200"}});
    auto pw = fresh_password();
    create_staff(server->database_url(), "maengel@dortmund.example", pw,
                 {"case-worker:dortmund:reports"});
    worker = new StaffSession(sign_in(server->port(), "maengel@dortmund.example", pw));
    create_staff(server->database_url(), "maengel@schwerte.example", pw,
                 {"case-worker:schwerte:reports"});
    schwerte_worker = new StaffSession(sign_in(server->port(), "maengel@schwerte.example", pw));
    create_staff(server->database_url(), "redaktion@dortmund.example", pw, {"editor:dortmund"});
    editor = new StaffSession(sign_in(server->port(), "redaktion@dortmund.example", pw));
  }
  static void TearDownTestSuite() {
    delete worker;
    delete schwerte_worker;
    delete editor;
    delete server;
    delete sink;
  }
  static ServerProcess* server;
  static SmtpSink* sink;
  static StaffSession *worker, *schwerte_worker, *editor;
  static std::atomic<int> next_client;
  std::uint16_t port() const { return server->port(); }

  // A client address of its own for each test (through the trusted proxy), so the per-client
  // limit of one test does not meet another's.
  std::string client = fmt::format("198.51.100.{}", ++next_client);
  static inline std::atomic<int> submissions{0};

  Headers from_client(Headers h = {}) const {
    h.emplace_back("X-Forwarded-For", client);
    h.emplace_back("Content-Type", "application/json");
    return h;
  }
  static std::string submission_id() {
    return fmt::format("test-submission-{:08d}-abcdef", ++submissions);
  }
  // A report body: a pothole on the Hansastraße unless the fields say otherwise.
  static json::object report_body(json::object fields = {}) {
    json::object body{{"submission_id", submission_id()},
                      {"category", "schlagloch"},
                      {"lat", 51.5136},
                      {"lon", 7.4653},
                      {"address", "Hansastraße 12"},
                      {"description", "Tiefes Schlagloch vor der Hausnummer 12"},
                      {"attributes", json::object{{"lage", "fahrbahn"}}}};
    for (auto& [k, v] : fields) body[k] = v;
    return body;
  }
  HttpResponse submit(std::string_view base, const json::object& body) const {
    return request(port(), "POST", base, from_client(), json::serialize(body));
  }
  json::object ok_json(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.status == status ? r.json().as_object() : json::object{};
  }
  json::object created(std::string_view base, const json::object& body) {
    return ok_json(submit(base, body), 201);
  }
  HttpResponse patch_case(std::string_view base, std::int64_t id, const json::object& body,
                          const StaffSession* who = worker) {
    return request(port(), "PATCH", fmt::format("{}/cases/{}", base, id), with_json(who->writer()),
                   json::serialize(body));
  }
  std::int64_t case_count(std::string_view base, const StaffSession* who = worker) {
    std::int64_t n = 0;
    std::string cursor;
    for (;;) {
      auto page =
          ok_json(get(port(), fmt::format("{}/cases?limit=200{}", base, cursor), who->cookie()));
      n += static_cast<std::int64_t>(page["items"].as_array().size());
      if (page["next_cursor"].is_null()) return n;
      cursor = fmt::format("&cursor={}", page["next_cursor"].as_string().c_str());
    }
  }
};
ServerProcess* ReportsTest::server = nullptr;
SmtpSink* ReportsTest::sink = nullptr;
StaffSession* ReportsTest::worker = nullptr;
StaffSession* ReportsTest::schwerte_worker = nullptr;
StaffSession* ReportsTest::editor = nullptr;
std::atomic<int> ReportsTest::next_client{0};

TEST_F(ReportsTest, ACitizenReportsWithPhotoAndPinAndFollowsItToDone) {
  auto body =
      report_body({{"photos", json::array{json::value(base64(test_jpeg(1600, 1200, true)))}},
                   {"email", "anna.beispiel@example.org"}});
  auto report = created(kDortmund, body);
  auto id = report["id"].as_int64();
  auto token = text_at(report, "access_token");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(text_at(report, "status"), "received");
  EXPECT_EQ(report["has_email"], json::value(true));
  EXPECT_EQ(report["published"], json::value(true));  // Dortmund publishes at once
  ASSERT_EQ(report["photos"].as_array().size(), 1u);
  const auto& photo = report["photos"].as_array()[0].as_object();
  EXPECT_EQ(photo.at("width").as_int64(), 1600);

  // The photo comes back without any EXIF (and so without the GPS position); the thumbnail is
  // small.
  auto image = get(port(), text_at(photo, "url"));
  ASSERT_EQ(image.status, 200) << image.body;
  EXPECT_EQ(image.header("Content-Type"), "image/jpeg");
  EXPECT_EQ(image.body.find("Exif"), std::string::npos);
  EXPECT_EQ(image.body.find("GPS"), std::string::npos);
  auto thumbnail = get(port(), text_at(photo, "thumbnail_url"));
  ASSERT_EQ(thumbnail.status, 200);
  EXPECT_LT(thumbnail.body.size(), image.body.size());

  // The case worker takes it on and answers; the citizen sees both and gets an e-mail.
  auto worked = ok_json(patch_case(kDortmund, id,
                                   {{"status", "in_progress"},
                                    {"public_answer", "Wird nächste Woche ausgebessert."},
                                    {"comment", "Kolonne Nord informiert"}}));
  EXPECT_EQ(text_at(worked, "status"), "in_progress");
  EXPECT_EQ(text_at(worked, "email"), "anna.beispiel@example.org");
  ASSERT_TRUE(sink->wait_for(1, std::chrono::seconds(10)));
  auto mail = sink->messages().back();
  EXPECT_EQ(mail.recipients, std::vector<std::string>{"anna.beispiel@example.org"});
  EXPECT_NE(mail.data.find("Subject: =?UTF-8?"), std::string::npos) << mail.data;

  ok_json(patch_case(kDortmund, id, {{"status", "done"}, {"public_answer", "Ausgebessert."}}));
  auto seen =
      ok_json(get(port(), fmt::format("{}/{}", kDortmund, id), {{"X-Report-Token", token}}));
  EXPECT_EQ(text_at(seen, "status"), "done");
  EXPECT_EQ(text_at(seen, "public_answer"), "Ausgebessert.");
  EXPECT_FALSE(seen["closed_at"].is_null());
  std::vector<std::string> statuses;
  for (const auto& h : seen["history"].as_array())
    if (text_at(h.as_object(), "kind") == "status")
      statuses.push_back(text_at(h.as_object(), "status"));
  EXPECT_EQ(statuses, (std::vector<std::string>{"in_progress", "done"}));
  // The internal comment is for staff only.
  EXPECT_EQ(json::serialize(seen).find("Kolonne Nord"), std::string::npos);
  auto staff_view =
      ok_json(get(port(), fmt::format("{}/cases/{}", kDortmund, id), worker->cookie()));
  EXPECT_NE(json::serialize(staff_view).find("Kolonne Nord"), std::string::npos);
  ASSERT_TRUE(sink->wait_for(2, std::chrono::seconds(10)));
}

TEST_F(ReportsTest, ASubmissionSentTwiceMakesOneReport) {
  auto body = report_body();
  auto first = created(kDortmund, body);
  auto again = ok_json(submit(kDortmund, body), 200);
  EXPECT_EQ(again["id"], first["id"]);
  EXPECT_NE(text_at(again, "access_token"), text_at(first, "access_token"));
  // The newest token is the one that counts.
  auto target = fmt::format("{}/{}", kDortmund, first["id"].as_int64());
  EXPECT_EQ(ok_json(get(port(), target, {{"X-Report-Token", text_at(again, "access_token")}}))
                .contains("has_email"),
            true);
  EXPECT_FALSE(ok_json(get(port(), target, {{"X-Report-Token", text_at(first, "access_token")}}))
                   .contains("has_email"));
}

TEST_F(ReportsTest, SchwertePublishesOnlyAfterAFirstLookAndNeverARejectedReport) {
  auto body = report_body({{"lat", 51.4457}, {"lon", 7.5654}, {"address", "Hüsingstraße 3"}});
  auto report = created(kSchwerte, body);
  auto id = report["id"].as_int64();
  EXPECT_EQ(report["published"], json::value(false));
  auto target = fmt::format("{}/{}", kSchwerte, id);
  EXPECT_EQ(get(port(), target).status, 404);
  EXPECT_EQ(get(port(), target, {{"X-Report-Token", text_at(report, "access_token")}}).status, 200);
  auto listed = [&] {
    auto page = ok_json(get(port(), std::string(kSchwerte) + "?limit=100"));
    for (const auto& item : page["items"].as_array())
      if (item.as_object().at("id").as_int64() == id) return true;
    return false;
  };
  EXPECT_FALSE(listed());
  ok_json(patch_case(kSchwerte, id, {{"status", "in_progress"}}, schwerte_worker));
  EXPECT_EQ(get(port(), target).status, 200);
  EXPECT_TRUE(listed());

  auto spam = created(kSchwerte, report_body({{"lat", 51.4457}, {"lon", 7.5654}}));
  ok_json(patch_case(kSchwerte, spam["id"].as_int64(), {{"status", "rejected"}}, schwerte_worker));
  EXPECT_EQ(get(port(), fmt::format("{}/{}", kSchwerte, spam["id"].as_int64())).status, 404);
}

TEST_F(ReportsTest, BadInputIsRefusedAndStoresNothing) {
  auto before = case_count(kDortmund);
  auto expect_refused = [&](const json::object& body, int status, std::string_view field) {
    auto r = submit(kDortmund, body);
    EXPECT_EQ(r.status, status) << r.body;
    if (r.status == status && !field.empty()) {
      EXPECT_EQ(text_at(r.json().as_object(), "field"), field) << r.body;
    }
  };
  // A text file named like a photo, and a decompression bomb.
  expect_refused(
      report_body({{"photos", json::array{json::value(base64("Hallo, ich bin kein Bild"))}}}), 415,
      "photos[0]");
  expect_refused(report_body({{"photos", json::array{json::value(base64(bomb_png()))}}}), 422,
                 "photos[0]");
  // Outside the city, an unknown category, a required question left out, a wrong option.
  expect_refused(report_body({{"lat", 48.137}, {"lon", 11.575}}), 422, "lat");
  expect_refused(report_body({{"category", "ufo-landung"}}), 422, "category");
  expect_refused(report_body({{"attributes", json::object{}}}), 422, "attributes.lage");
  expect_refused(report_body({{"attributes", json::object{{"lage", "dach"}}}}), 422,
                 "attributes.lage");
  expect_refused(report_body({{"description", ""}}), 422, "description");
  expect_refused(report_body({{"email", "keine-adresse"}}), 422, "email");
  expect_refused(report_body({{"submission_id", "kurz"}}), 422, "submission_id");
  expect_refused(report_body({{"extra", 1}}), 422, "extra");
  // The honeypot, which people never see.
  expect_refused(report_body({{"website", "http://spam.example"}}), 400, "website");
  // A 50 MB upload is refused before it is read.
  std::string huge(50 * 1024 * 1024, 'A');
  auto r = request(port(), "POST", kDortmund, from_client(),
                   fmt::format(R"({{"photos":["{}"]}})", huge));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(request(port(), "POST", kDortmund, from_client(), "{not json").status, 400);
  EXPECT_EQ(case_count(kDortmund), before);
}

TEST_F(ReportsTest, NearbyOpenReportsOfTheCategoryAreOfferedAndSupportCountsOncePerClient) {
  // Two lamps 30 m apart, one 300 m away, and a pothole at the same spot.
  auto lamp = [&](double lat, double lon) {
    return created(kDortmund,
                   report_body({{"category", "strassenlaterne"},
                                {"lat", lat},
                                {"lon", lon},
                                {"attributes", json::object{{"zustand", "dunkel"}}}}))["id"]
        .as_int64();
  };
  auto a = lamp(51.50001, 7.40001);
  auto b = lamp(51.50028, 7.40001);  // ~30 m north
  lamp(51.50271, 7.40001);           // ~300 m north
  created(kDortmund, report_body({{"lat", 51.50001}, {"lon", 7.40001}}));
  auto near = ok_json(
      get(port(), fmt::format("{}/nearby?lat=51.5&lon=7.4&category=strassenlaterne", kDortmund)));
  std::vector<std::int64_t> ids;
  for (const auto& item : near["items"].as_array())
    ids.push_back(item.as_object().at("id").as_int64());
  EXPECT_EQ(ids, (std::vector<std::int64_t>{a, b}));
  EXPECT_EQ(near["radius_m"].to_number<double>(), 50);

  auto support = [&](std::string who) {
    return request(port(), "POST", fmt::format("{}/{}/supports", kDortmund, a),
                   {{"X-Forwarded-For", std::move(who)}});
  };
  EXPECT_EQ(ok_json(support("203.0.113.1"))["supporters"].as_int64(), 1);
  EXPECT_EQ(ok_json(support("203.0.113.1"))["supporters"].as_int64(), 1);
  EXPECT_EQ(ok_json(support("203.0.113.2"))["supporters"].as_int64(), 2);
  EXPECT_EQ(request(port(), "POST", fmt::format("{}/999999/supports", kDortmund)).status, 404);
}

TEST_F(ReportsTest, OneClientMaySendOnlyTheCitysLimitPerHour) {
  // Dortmund's demo limit is the default, 10 an hour.
  for (int i = 0; i < 10; ++i) ASSERT_EQ(submit(kDortmund, report_body()).status, 201) << i;
  auto refused = submit(kDortmund, report_body());
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_FALSE(refused.header("Retry-After").empty());
  // Another client is not affected.
  client = "198.51.100.250";
  EXPECT_EQ(submit(kDortmund, report_body()).status, 201);
}

TEST_F(ReportsTest, TheReportersPersonalDataIsInNoPublicAnswerAndGoesOnRequest) {
  auto report = created(kDortmund, report_body({{"email", "geheim.melder@example.org"},
                                                {"description", "Laterne am Spielplatz"}}));
  auto id = report["id"].as_int64();
  auto token = text_at(report, "access_token");
  // Open311 with a name, too.
  auto open311 = request(
      port(), "POST", "/open311/v2/requests.json",
      {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Forwarded-For", client}},
      "jurisdiction_id=dortmund&service_code=papierkorb&lat=51.51&long=7.46&description=Voll"
      "&email=geheim.melder%40example.org&first_name=Gerda&last_name=Geheimnisvoll");
  ASSERT_EQ(open311.status, 201) << open311.body;
  auto open311_id =
      std::string(open311.json().as_array()[0].as_object().at("service_request_id").as_string());
  for (std::string target :
       {fmt::format("{}/{}", kDortmund, id), std::string(kDortmund) + "?limit=100",
        std::string(kDortmund) + "/map.geojson",
        std::string(kDortmund) + "/nearby?lat=51.5136&lon=7.4653&category=schlagloch",
        fmt::format("/open311/v2/requests.json?jurisdiction_id=dortmund"),
        fmt::format("/open311/v2/requests.xml?jurisdiction_id=dortmund"),
        fmt::format("/open311/v2/requests/{}.json?jurisdiction_id=dortmund", open311_id),
        fmt::format("/open311/v2/requests/{}.xml?jurisdiction_id=dortmund", open311_id)}) {
    auto r = get(port(), target);
    ASSERT_EQ(r.status, 200) << target << r.body;
    for (std::string secret : {"geheim.melder", "Gerda", "Geheimnisvoll", "198.51.100",
                               "client_key", "submission", "access_token"})
      EXPECT_EQ(r.body.find(secret), std::string::npos) << target << " shows " << secret;
  }
  EXPECT_NE(
      get(port(), fmt::format("/open311/v2/requests/{}.json?jurisdiction_id=dortmund", open311_id))
          .body.find("Voll"),
      std::string::npos);

  // The reporter deletes their address; staff no longer see it; a wrong token changes nothing.
  auto target = fmt::format("{}/{}/personal-data", kDortmund, id);
  EXPECT_EQ(request(port(), "DELETE", target, {{"X-Report-Token", "falsch"}}).status, 404);
  EXPECT_EQ(
      text_at(ok_json(get(port(), fmt::format("{}/cases/{}", kDortmund, id), worker->cookie())),
              "email"),
      "geheim.melder@example.org");
  EXPECT_EQ(request(port(), "DELETE", target, {{"X-Report-Token", token}}).status, 204);
  auto after = ok_json(get(port(), fmt::format("{}/cases/{}", kDortmund, id), worker->cookie()));
  EXPECT_TRUE(after["email"].is_null());
  EXPECT_EQ(after["personal_data_deleted"], json::value(true));
}

TEST_F(ReportsTest, OnlyCaseWorkersOfTheCityWorkItsCases) {
  auto id = created(kDortmund, report_body())["id"].as_int64();
  auto target = fmt::format("{}/cases/{}", kDortmund, id);
  EXPECT_EQ(get(port(), target).status, 401);
  EXPECT_EQ(get(port(), target, editor->cookie()).status, 403);
  EXPECT_EQ(get(port(), target, schwerte_worker->cookie()).status, 403);
  EXPECT_EQ(patch_case(kDortmund, id, {{"status", "done"}}, schwerte_worker).status, 403);
  EXPECT_EQ(get(port(), target, worker->cookie()).status, 200);
  // Bad changes: an unknown status, forwarding without a name, a duplicate of nothing.
  EXPECT_EQ(patch_case(kDortmund, id, {{"status", "vergessen"}}).status, 422);
  EXPECT_EQ(patch_case(kDortmund, id, {{"status", "forwarded"}}).status, 422);
  EXPECT_EQ(patch_case(kDortmund, id, {{"status", "duplicate"}, {"duplicate_of", 99999999}}).status,
            422);
  auto forwarded = ok_json(patch_case(
      kDortmund, id,
      {{"status", "forwarded"}, {"forwarded_to", "Straßen.NRW, Regionalniederlassung Ruhr"}}));
  EXPECT_EQ(text_at(forwarded, "forwarded_to"), "Straßen.NRW, Regionalniederlassung Ruhr");
  // Reassigning the category moves it to that category's department.
  auto moved = ok_json(patch_case(kDortmund, id, {{"category", "muell"}}));
  EXPECT_EQ(text_at(moved, "department"), "stadtreinigung");
}

TEST_F(ReportsTest, SpamIsRejectedInBulkAndAStaffHiddenPhotoIsGoneFromThePublic) {
  auto a = created(kDortmund, report_body({{"description", "BUY CHEAP PILLS"}}))["id"].as_int64();
  auto b = created(kDortmund, report_body({{"description", "BUY CHEAP WATCHES"}}))["id"].as_int64();
  auto r =
      request(port(), "POST", std::string(kDortmund) + "/cases/reject", with_json(worker->writer()),
              json::serialize(json::object{{"ids", json::array{a, b, a}}, {"reason", "Spam"}}));
  EXPECT_EQ(ok_json(r)["rejected"].as_int64(), 2);
  EXPECT_EQ(get(port(), fmt::format("{}/{}", kDortmund, a)).status, 404);

  auto with_photo = created(
      kDortmund,
      report_body({{"photos", json::array{json::value(base64(test_jpeg(64, 48, false)))}}}));
  auto id = with_photo["id"].as_int64();
  auto photo = fmt::format("{}/{}/photos/1", kDortmund, id);
  EXPECT_EQ(get(port(), photo).status, 200);
  auto hide = request(port(), "PATCH", fmt::format("{}/cases/{}/photos/1", kDortmund, id),
                      with_json(worker->writer()), R"({"hidden": true})");
  EXPECT_EQ(hide.status, 200) << hide.body;
  EXPECT_EQ(get(port(), photo).status, 404);
  EXPECT_TRUE(
      ok_json(get(port(), fmt::format("{}/{}", kDortmund, id)))["photos"].as_array().empty());
  EXPECT_EQ(
      get(port(), fmt::format("{}/cases/{}/photos/1", kDortmund, id), worker->cookie()).status,
      200);
}

TEST_F(ReportsTest, TheMapIsGeoJsonOfPublicReportsInTheBox) {
  auto id = created(kDortmund, report_body({{"lat", 51.45}, {"lon", 7.35}}))["id"].as_int64();
  auto map = get(port(), std::string(kDortmund) + "/map.geojson?bbox=51.44,7.34,51.46,7.36");
  ASSERT_EQ(map.status, 200) << map.body;
  EXPECT_EQ(map.header("Content-Type"), "application/geo+json");
  auto body = map.json().as_object();
  EXPECT_EQ(text_at(body, "type"), "FeatureCollection");
  bool found = false;
  for (const auto& f : body["features"].as_array()) {
    const auto& feature = f.as_object();
    const auto& coordinates = feature.at("geometry").as_object().at("coordinates").as_array();
    EXPECT_GE(coordinates[1].to_number<double>(), 51.44);
    EXPECT_LE(coordinates[1].to_number<double>(), 51.46);
    found = found || feature.at("id").as_int64() == id;
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(get(port(), std::string(kDortmund) + "/map.geojson?bbox=1,2,3").status, 422);
}

}  // namespace
}  // namespace mosaik::testing
