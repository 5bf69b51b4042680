// The events module through the real mosaikd (SQLite, or PostgreSQL with TEST_BACKEND=postgres):
// editors create events, the public lists filter occurrences (today, weekend, near, free,
// category, district, ranges), iCalendar out, ICS and CSV imports (dry run, errors with lines
// and nothing stored, idempotent re-import), and the import job reading a feed from a loopback
// HTTP server inside this test.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "shared/calendar.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"
#include "support/static_http_server.hpp"

namespace mosaik::testing {
namespace {

using namespace std::chrono_literals;
namespace ev = shared;

constexpr std::string_view kBase = "/api/v1/cities/dortmund/events";

class EventsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess(ServerProcess::Options{
        .args = {"--set", "auth.cookie_secure=false", "--set", "events.import_interval_ms=400",
                 "--set", "imports.allow_private_networks=true"}});  // the feed is on loopback
    auto pw = fresh_password();
    create_staff(server->database_url(), "redaktion@dortmund.example", pw, {"editor:dortmund"});
    editor = new StaffSession(sign_in(server->port(), "redaktion@dortmund.example", pw));
    create_staff(server->database_url(), "admin@dortmund.example", pw, {"city-admin:dortmund"});
    admin = new StaffSession(sign_in(server->port(), "admin@dortmund.example", pw));
    create_staff(server->database_url(), "redaktion@schwerte.example", pw, {"editor:schwerte"});
    other = new StaffSession(sign_in(server->port(), "redaktion@schwerte.example", pw));
  }
  static void TearDownTestSuite() {
    delete editor;
    delete admin;
    delete other;
    delete server;
  }
  static ServerProcess* server;
  static StaffSession *editor, *admin, *other;
  std::uint16_t port() const { return server->port(); }

  HttpResponse post(std::string_view target, std::string_view body, const StaffSession* who) {
    return request(port(), "POST", target, with_json(who ? who->writer() : Headers{}), body);
  }
  HttpResponse upload(std::string_view target, std::string_view type, std::string_view body) {
    auto h = editor->writer();
    h.emplace_back("Content-Type", std::string(type));
    return request(port(), "POST", target, h, body);
  }
  json::object create(std::string_view body) {
    auto r = post(kBase, body, editor);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().as_object() : json::object{};
  }
  // Titles of the occurrences a public list query returns, in order (all pages).
  std::vector<std::string> titles(std::string query) {
    std::vector<std::string> out;
    std::string target = std::string(kBase) + "?limit=200&" + query;
    for (int page = 0; page < 20; ++page) {
      auto r = get(port(), target);
      EXPECT_EQ(r.status, 200) << target << ": " << r.body;
      if (r.status != 200) break;
      auto body = r.json().as_object();
      for (const auto& item : body["items"].as_array())
        out.emplace_back(item.as_object().at("event").as_object().at("title").as_string());
      if (body["next_cursor"].is_null()) break;
      target = std::string(kBase) + "?limit=200&" + query +
               "&cursor=" + std::string(body["next_cursor"].as_string());
    }
    return out;
  }
  std::int64_t event_count() {
    auto r = get(port(), std::string(kBase) + "/editorial?limit=200", editor->cookie());
    EXPECT_EQ(r.status, 200) << r.body;
    return static_cast<std::int64_t>(r.json().as_object()["items"].as_array().size());
  }
  static bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }
  // The city's local date today, and `days` later.
  static ev::LocalTime local_day(int days = 0) {
    auto zone = ev::zone_named("Europe/Berlin");
    auto t = ev::to_local(unix_millis(), zone);
    t.is_date = true;
    t.hour = t.minute = t.second = 0;
    return ev::add_days(t, days);
  }
};
ServerProcess* EventsTest::server = nullptr;
StaffSession* EventsTest::editor = nullptr;
StaffSession* EventsTest::admin = nullptr;
StaffSession* EventsTest::other = nullptr;

TEST_F(EventsTest, EditorCreatesARecurringEventTheAppListsAndCalendarsRead) {
  auto first = ev::format_local(local_day(2));
  auto skipped = ev::format_local(local_day(9));
  auto created = create(fmt::format(
      R"({{"title":"IT Wochenmarkt","description":"Obst & **Gemüse**","start":"{}T07:00",
      "end":"{}T13:00","category":"markt","districts":["innenstadt-west"],
      "recurrence":{{"rrule":"FREQ=WEEKLY;COUNT=4","exdates":["{}T07:00"]}},
      "venue":{{"name":"Hansaplatz","address":"Hansaplatz, 44137 Dortmund","lat":51.5142,"lon":7.4637}},
      "organizer":"Marktverwaltung","price":{{"free":true,"text":"Eintritt frei"}},
      "accessibility":"ebenerdig","status":"published"}})",
      first, first, skipped));
  ASSERT_FALSE(created.empty());
  auto id = created["id"].as_int64();
  EXPECT_EQ(created["status"], "published");
  EXPECT_EQ(created["description_html"], "<p>Obst &amp; <strong>Gemüse</strong></p>");
  EXPECT_EQ(created["import"], nullptr);

  auto detail = get(port(), fmt::format("{}/{}", kBase, id));
  ASSERT_EQ(detail.status, 200) << detail.body;
  auto d = detail.json().as_object();
  EXPECT_EQ(d["title"], "IT Wochenmarkt");
  EXPECT_EQ(d["recurrence"].as_object()["rrule"], "FREQ=WEEKLY;COUNT=4");
  EXPECT_EQ(d["url"].as_string(), fmt::format("/dortmund/events/{}", id));
  EXPECT_EQ(d["ics_url"].as_string(),
            fmt::format("/api/v1/cities/dortmund/events/{}/event.ics", id));
  auto next = d["next_occurrences"].as_array();
  ASSERT_EQ(next.size(), 3u);  // four, one excluded
  EXPECT_TRUE(next[0].as_object()["start"].as_string().starts_with(first + "T07:00:00+0"));
  EXPECT_FALSE(next[1].as_object()["start"].as_string().starts_with(skipped));
  auto ld = d["json_ld"].as_object();
  EXPECT_EQ(ld["@type"], "Event");
  EXPECT_EQ(ld["startDate"], next[0].as_object()["start"]);
  EXPECT_EQ(ld["location"].as_object()["name"], "Hansaplatz");
  EXPECT_EQ(ld["isAccessibleForFree"], true);
  EXPECT_FALSE(d.contains("status"));  // editorial fields stay editorial

  // The occurrence list shows each occurrence, sorted by start.
  auto list = get(port(), std::string(kBase) + "?category=markt&limit=200").json().as_object();
  std::vector<std::string> starts;
  for (const auto& item : list["items"].as_array())
    if (item.as_object().at("event").as_object().at("id").as_int64() == id)
      starts.emplace_back(item.as_object().at("start").as_string());
  ASSERT_EQ(starts.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(starts[i], next[i].as_object()["start"].as_string());

  auto ics = get(port(), fmt::format("{}/{}/event.ics", kBase, id));
  ASSERT_EQ(ics.status, 200);
  EXPECT_EQ(ics.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(ics.header("Content-Disposition").find(".ics"), std::string::npos);
  auto day = [](std::string s) {
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
  };
  for (auto line : {std::string("BEGIN:VCALENDAR\r\n"), std::string("TZID:Europe/Berlin\r\n"),
                    fmt::format("UID:event-{}@dortmund.mosaik\r\n", id),
                    "DTSTART;TZID=Europe/Berlin:" + day(first) + "T070000\r\n",
                    std::string("RRULE:FREQ=WEEKLY;COUNT=4\r\n"),
                    "EXDATE;TZID=Europe/Berlin:" + day(skipped) + "T070000\r\n",
                    std::string("SUMMARY:IT Wochenmarkt\r\n")})
    EXPECT_NE(ics.body.find(line), std::string::npos) << line << "\n" << ics.body;
  auto feed = get(port(), std::string(kBase) + "/feed.ics?category=markt");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_NE(feed.body.find(fmt::format("UID:event-{}@dortmund.mosaik", id)), std::string::npos);
  EXPECT_NE(feed.body.find("RRULE:FREQ=WEEKLY;COUNT=4"), std::string::npos);   // not expanded
  EXPECT_EQ(feed.body.find("SUMMARY:3. Sinfoniekonzert"), std::string::npos);  // kultur
  // The manifest links the feed.
  auto manifest = get(port(), "/api/v1/cities/dortmund").json().as_object();
  EXPECT_EQ(manifest["feeds"].as_object()["events_ics"], "/api/v1/cities/dortmund/events/feed.ics");

  // Update, then delete; both audited with the create.
  auto put = request(port(), "PUT", fmt::format("{}/{}", kBase, id), with_json(editor->writer()),
                     fmt::format(R"x({{"title":"IT Wochenmarkt (verlegt)","start":"{}T08:00",
                     "end":"{}T13:00","category":"markt","cancelled":true,"status":"published"}})x",
                                 first, first));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().as_object()["cancelled"], true);
  EXPECT_EQ(put.json().as_object()["recurrence"], nullptr);
  auto cancelled = get(port(), std::string(kBase) + "?category=markt&limit=200").json();
  bool seen = false;
  for (const auto& item : cancelled.as_object().at("items").as_array())
    if (item.as_object().at("event").as_object().at("id").as_int64() == id) {
      seen = true;
      EXPECT_EQ(item.as_object().at("event").as_object().at("cancelled"), true);
    }
  EXPECT_TRUE(seen) << "cancelled events stay listed, marked";
  EXPECT_EQ(request(port(), "DELETE", fmt::format("{}/{}", kBase, id), editor->writer()).status,
            204);
  EXPECT_EQ(get(port(), fmt::format("{}/{}", kBase, id)).status, 404);
  EXPECT_EQ(request(port(), "DELETE", fmt::format("{}/{}", kBase, id), editor->writer()).status,
            404);
  auto audit = get(port(), "/api/v1/cities/dortmund/audit?limit=10", admin->cookie());
  ASSERT_EQ(audit.status, 200) << audit.body;
  std::vector<std::string> actions;
  auto entries = audit.json();
  for (const auto& a : entries.as_object()["items"].as_array())
    if (a.as_object().at("object").as_object().at("id") == json::value(std::to_string(id)))
      actions.emplace_back(a.as_object().at("action").as_string());
  EXPECT_EQ(actions, (std::vector<std::string>{"events.delete", "events.update", "events.create"}));
}

TEST_F(EventsTest, ListsFilterByDayWeekendPlaceCategoryDistrictAndPrice) {
  auto today = ev::format_local(local_day(0));
  auto in3 = ev::format_local(local_day(3));
  // The coming weekend's Saturday, as the server computes it.
  auto t = local_day(0);
  auto utc = ev::utc_zone();
  int weekday = static_cast<int>((ev::to_utc_ms(t, utc) / 86'400'000 + 4) % 7);
  auto saturday = ev::format_local(local_day(weekday == 0 ? -1 : 6 - weekday));
  auto in40 = ev::format_local(local_day(40));
  create(fmt::format(R"({{"title":"IT Heute","all_day":true,"start":"{}","category":"bildung",
    "districts":["hoerde"],"venue":{{"name":"Phoenix-See","lat":51.4885,"lon":7.5091}},
    "price":{{"free":true}},"status":"published"}})",
                     today));
  create(fmt::format(R"({{"title":"IT Samstag","start":"{}T12:00:00","end":"{}T14:00:00",
    "category":"bildung","districts":["eving"],"venue":{{"name":"Evinger Platz","lat":51.546,
    "lon":7.478}},"price":{{"free":false,"text":"5 €"}},"status":"published"}})",
                     saturday, saturday));
  create(fmt::format(R"({{"title":"IT In drei Tagen","start":"{}T10:00:00+01:00",
    "category":"kultur","status":"published"}})",
                     in3));
  create(fmt::format(R"({{"title":"IT Entwurf","start":"{}T10:00:00+01:00","category":"bildung"}})",
                     in3));
  create(fmt::format(R"({{"title":"IT Geplant","start":"{}T10:00:00+01:00","category":"bildung",
    "status":"published","publish_at":"2099-01-01T00:00:00Z"}})",
                     in3));
  create(fmt::format(R"({{"title":"IT Später","start":"{}T10:00:00+01:00","category":"bildung",
    "status":"published"}})",
                     in40));

  auto upcoming = titles("");
  EXPECT_TRUE(contains(upcoming, "IT Heute"));
  EXPECT_TRUE(contains(upcoming, "IT In drei Tagen"));
  EXPECT_TRUE(contains(upcoming, "IT Später"));
  EXPECT_FALSE(contains(upcoming, "IT Entwurf"));  // drafts and scheduled items stay hidden
  EXPECT_FALSE(contains(upcoming, "IT Geplant"));

  auto todays = titles("when=today");
  EXPECT_TRUE(contains(todays, "IT Heute"));
  EXPECT_FALSE(contains(todays, "IT In drei Tagen"));
  EXPECT_EQ(contains(todays, "IT Samstag"), saturday == today);
  auto weekend = titles("when=weekend");
  EXPECT_TRUE(contains(weekend, "IT Samstag"));
  EXPECT_FALSE(contains(weekend, "IT Später"));

  auto near = titles("near=51.4885,7.5091&radius_m=500");
  EXPECT_TRUE(contains(near, "IT Heute"));
  EXPECT_FALSE(contains(near, "IT Samstag"));        // Eving is 6 km away
  EXPECT_FALSE(contains(near, "IT In drei Tagen"));  // no coordinates
  EXPECT_TRUE(contains(titles("near=51.5,7.49&radius_m=10000"), "IT Samstag"));

  auto bildung = titles("category=bildung");
  EXPECT_TRUE(contains(bildung, "IT Heute"));
  EXPECT_FALSE(contains(bildung, "IT In drei Tagen"));
  EXPECT_EQ(titles("district=eving&category=bildung"), std::vector<std::string>{"IT Samstag"});
  auto free = titles("free=true&category=bildung");
  EXPECT_TRUE(contains(free, "IT Heute"));
  EXPECT_FALSE(contains(free, "IT Samstag"));
  auto range = titles(fmt::format("from={}&to={}&category=bildung", in40, in40));
  EXPECT_EQ(range, std::vector<std::string>{"IT Später"});

  // Pages of one item walk the same list.
  std::vector<std::string> walked;
  std::string target = std::string(kBase) + "?category=bildung&limit=1";
  for (int i = 0; i < 50; ++i) {
    auto body = get(port(), target).json().as_object();
    for (const auto& item : body["items"].as_array())
      walked.emplace_back(item.as_object().at("event").as_object().at("title").as_string());
    if (body["next_cursor"].is_null()) break;
    target = std::string(kBase) +
             "?category=bildung&limit=1&cursor=" + std::string(body["next_cursor"].as_string());
  }
  EXPECT_EQ(walked, titles("category=bildung"));

  for (auto [query, field] : {std::pair{"when=tomorrow", "when"},
                              {"from=gestern", "from"},
                              {"from=2026-12-05&to=2026-12-01", "to"},
                              {"category=zirkus", "category"},
                              {"district=atlantis", "district"},
                              {"free=ja", "free"},
                              {"near=51.5", "near"},
                              {"radius_m=5", "radius_m"},
                              {"when=today&from=2026-12-01", "when"},
                              {"cursor=abc", "cursor"}}) {
    auto r = get(port(), std::string(kBase) + "?" + query);
    EXPECT_EQ(r.status, 422) << query;
    EXPECT_EQ(r.json().as_object()["field"], field) << query << ": " << r.body;
  }

  // Editorial list by computed status.
  auto drafts = get(port(), std::string(kBase) + "/editorial?status=draft", editor->cookie());
  ASSERT_EQ(drafts.status, 200);
  std::vector<std::string> draft_titles;
  auto draft_list = drafts.json();
  for (const auto& item : draft_list.as_object()["items"].as_array())
    draft_titles.emplace_back(item.as_object().at("title").as_string());
  EXPECT_EQ(draft_titles, std::vector<std::string>{"IT Entwurf"});
  auto scheduled =
      get(port(), std::string(kBase) + "/editorial?status=scheduled", editor->cookie());
  EXPECT_EQ(scheduled.json().as_object()["items"].as_array()[0].as_object()["title"], "IT Geplant");
}

TEST_F(EventsTest, RefusesWithoutRightsAndBadInputStoringNothing) {
  constexpr std::string_view valid =
      R"({"title":"IT Refused","start":"2026-12-05T19:00:00+01:00","category":"kultur"})";
  auto before = event_count();
  EXPECT_EQ(post(kBase, valid, nullptr).status, 401);
  EXPECT_EQ(post(kBase, valid, other).status, 403);  // an editor of another city
  EXPECT_EQ(get(port(), std::string(kBase) + "/editorial").status, 401);
  EXPECT_EQ(get(port(), std::string(kBase) + "/editorial", other->cookie()).status, 403);
  auto no_csrf = request(port(), "POST", kBase, with_json(editor->cookie()), valid);
  EXPECT_EQ(no_csrf.status, 403);
  for (
      auto [body, field] :
      {std::pair<std::string_view, std::string_view>{
           R"({"title":"A","start":"2026-12-05T19:00:00+01:00","end":"2026-12-05T18:00:00+01:00","category":"kultur"})",
           "end"},
       {R"({"title":"A","start":"2026-02-30T19:00:00+01:00","category":"kultur"})", "start"},
       {R"({"title":"A","start":"2026-12-05T19:00:00+01:00","category":"zirkus"})", "category"},
       {R"({"title":"A","start":"2026-12-05T19:00:00+01:00","category":"kultur","districts":["atlantis"]})",
        "districts[0]"},
       {R"({"title":"A","start":"2026-12-05T19:00:00+01:00","category":"kultur","image":{"url":"https://x.example/a.jpg"}})",
        "image.alt"}}) {
    auto r = post(kBase, body, editor);
    EXPECT_EQ(r.status, 422) << body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(r.json().as_object()["field"].as_string(), field) << r.body;
  }
  EXPECT_EQ(request(port(), "POST", kBase, editor->writer(), "x").status, 415);
  EXPECT_EQ(event_count(), before);
  EXPECT_EQ(get(port(), std::string(kBase) + "/999999").status, 404);
  EXPECT_EQ(get(port(), std::string(kBase) + "/abc/event.ics").status, 404);
}

constexpr std::string_view kIcs =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kulturbuero//DE\r\n"
    "BEGIN:VEVENT\r\nUID:kb-1@kulturbuero.example\r\nSUMMARY:IT Import Lesung\r\n"
    "DTSTART;TZID=Europe/Berlin:20261210T190000\r\nDTEND;TZID=Europe/Berlin:20261210T203000\r\n"
    "LOCATION:Stadtbibliothek, Max-von-der-Grün-Platz 1, 44137 Dortmund\r\n"
    "GEO:51.5128;7.4597\r\nCATEGORIES:Bildung\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:kb-2@kulturbuero.example\r\nSUMMARY:IT Import Chorprobe\r\n"
    "DTSTART:20261202T170000Z\r\nDURATION:PT2H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
    "EXDATE:20261209T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

TEST_F(EventsTest, ImportsIcsWithDryRunErrorsAndIdempotentReimport) {
  auto target = std::string(kBase) + "/import";
  auto before = event_count();
  auto dry = upload(target + "?dry_run=true", "text/calendar", kIcs);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(json::serialize(dry.json()), R"({"created":2,"updated":0,"unchanged":0,"errors":[]})");
  EXPECT_EQ(event_count(), before);  // a preview stores nothing

  auto real = upload(target + "?category=kultur", "text/calendar", kIcs);
  ASSERT_EQ(real.status, 200) << real.body;
  EXPECT_EQ(json::serialize(real.json()), R"({"created":2,"updated":0,"unchanged":0,"errors":[]})");
  EXPECT_EQ(event_count(), before + 2);
  auto again = upload(target + "?category=kultur", "text/calendar", kIcs);
  EXPECT_EQ(json::serialize(again.json()),
            R"({"created":0,"updated":0,"unchanged":2,"errors":[]})");
  EXPECT_EQ(event_count(), before + 2);

  // The recurring one is listed by occurrence, without the excluded one.
  auto list = get(port(), std::string(kBase) + "?from=2026-12-01&to=2026-12-31&limit=200").json();
  std::vector<std::string> chor, lesung_category;
  for (const auto& item : list.as_object().at("items").as_array()) {
    const auto& e = item.as_object().at("event").as_object();
    if (e.at("title") == "IT Import Chorprobe")
      chor.emplace_back(item.as_object().at("start").as_string());
    if (e.at("title") == "IT Import Lesung")
      lesung_category.emplace_back(e.at("category").as_string());
  }
  EXPECT_EQ(chor,
            (std::vector<std::string>{"2026-12-02T18:00:00+01:00", "2026-12-16T18:00:00+01:00"}));
  EXPECT_EQ(lesung_category, std::vector<std::string>{"bildung"});  // by CATEGORIES

  // A changed event updates, the other stays.
  std::string changed(kIcs);
  changed.replace(changed.find("IT Import Lesung"), 16, "IT Import Lesung!");
  auto update = upload(target, "text/calendar", changed);
  EXPECT_EQ(json::serialize(update.json()),
            R"({"created":0,"updated":1,"unchanged":1,"errors":[]})");

  // Errors: 422 with the lines, nothing stored (the valid event of the same file neither).
  auto broken = std::string(kIcs);
  broken.replace(broken.find("kb-1@"), 5, "kb-9@");  // would be new
  broken.replace(broken.find("DTSTART:20261202T170000Z"), 24, "DTSTART:20261202T170000X");
  auto bad = upload(target, "text/calendar", broken);
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.header("Content-Type"), "application/problem+json");
  auto errors = bad.json().as_object()["errors"].as_array();
  ASSERT_GE(errors.size(), 1u);
  EXPECT_EQ(errors[0].as_object()["line"], 16) << bad.body;  // the broken DTSTART
  EXPECT_EQ(errors[0].as_object()["field"], "DTSTART") << bad.body;
  EXPECT_EQ(event_count(), before + 2);
  auto unclosed = upload(target, "text/calendar", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n");
  ASSERT_EQ(unclosed.status, 422);
  EXPECT_EQ(unclosed.json().as_object()["errors"].as_array()[0].as_object()["line"], 2);
  auto end_before = upload(target, "text/calendar",
                           "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:eb\r\nSUMMARY:x\r\n"
                           "DTSTART:20261205T100000Z\r\nDTEND:20261205T090000Z\r\nEND:VEVENT\r\n"
                           "END:VCALENDAR\r\n");
  ASSERT_EQ(end_before.status, 422);
  EXPECT_EQ(json::serialize(end_before.json().as_object()["errors"]),
            R"([{"line":6,"field":"DTEND","message":"must not be before start"}])");
  EXPECT_EQ(upload(target, "application/json", "{}").status, 415);
  EXPECT_EQ(upload(target, "text/calendar", "").status, 422);
  EXPECT_EQ(upload(target + "?dry_run=vielleicht", "text/calendar", kIcs).status, 422);
  auto anonymous = request(port(), "POST", target, {{"Content-Type", "text/calendar"}}, kIcs);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(event_count(), before + 2);

  // An imported event an editor deleted stays deleted when the file (or feed) comes again.
  std::int64_t lesung = 0;
  auto december =
      get(port(), std::string(kBase) + "?from=2026-12-01&to=2026-12-31&limit=200").json();
  for (const auto& item : december.as_object().at("items").as_array()) {
    const auto& e = item.as_object().at("event").as_object();
    if (e.at("title") == "IT Import Lesung!") lesung = e.at("id").as_int64();
  }
  ASSERT_NE(lesung, 0);
  EXPECT_EQ(request(port(), "DELETE", fmt::format("{}/{}", kBase, lesung), editor->writer()).status,
            204);
  auto after_delete = upload(target, "text/calendar", changed);
  EXPECT_EQ(json::serialize(after_delete.json()),
            R"({"created":0,"updated":0,"unchanged":2,"errors":[]})");
  EXPECT_EQ(event_count(), before + 1);
}

TEST_F(EventsTest, ImportsCsvWithLineNumberedErrors) {
  auto target = std::string(kBase) + "/import";
  constexpr std::string_view csv =
      "uid;title;start;end;category;venue_name;venue_address;lat;lon;free;price\n"
      "csv-1;IT CSV Stadtführung;2026-12-12T11:00;2026-12-12T13:00;kultur;Rathaus;Friedensplatz 1, "
      "44135 Dortmund;51.5129;7.4657;nein;8 €\n"
      "csv-2;IT CSV Adventssingen;2026-12-20;;kultur;;;;;ja;\n";
  auto before = event_count();
  auto ok = upload(target, "text/csv; charset=utf-8", csv);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::serialize(ok.json()), R"({"created":2,"updated":0,"unchanged":0,"errors":[]})");
  EXPECT_EQ(json::serialize(upload(target, "text/csv", csv).json()),
            R"({"created":0,"updated":0,"unchanged":2,"errors":[]})");
  EXPECT_EQ(event_count(), before + 2);
  auto list = titles("from=2026-12-20&to=2026-12-20");
  EXPECT_TRUE(contains(list, "IT CSV Adventssingen"));

  auto bad = upload(target, "text/csv",
                    "uid,title,start,category,free\n"
                    "csv-3,IT CSV Neu,2026-12-05T10:00,kultur,ja\n"
                    "csv-4,IT CSV Kaputt,2026-13-05T10:00,kultur,ja\n"
                    "csv-5,IT CSV Zirkus,2026-12-05T10:00,zirkus,vielleicht\n");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(
      json::serialize(bad.json().as_object()["errors"]),
      R"x([{"line":4,"field":"free","message":"'vielleicht' is not true/false (or ja/nein)"},)x"
      R"({"line":3,"field":"start","message":"must be a valid RFC 3339 date-time, e.g. 2026-12-05T18:00:00+01:00"}])");
  EXPECT_EQ(event_count(), before + 2);  // csv-3 was fine, but nothing is stored half
}

TEST_F(EventsTest, TheImportJobPollsFeedsAndRecordsBrokenOnes) {
  StaticHttpServer feed;
  int version = 0;
  auto set_feed = [&](std::string body) {
    feed.set("/feed.ics", {.content_type = "text/calendar",
                           .body = std::move(body),
                           .etag = fmt::format("\"v{}\"", ++version)});
  };
  set_feed(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Feed//DE\r\n"
      "BEGIN:VEVENT\r\nUID:feed-1\r\nSUMMARY:IT Feed Orgelkonzert\r\n"
      "DTSTART;TZID=Europe/Berlin:20261213T170000\r\nDTEND;TZID=Europe/Berlin:20261213T183000\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n");
  // The city admin adds the feed and a broken one to the settings.
  auto settings = get(port(), "/api/v1/cities/dortmund/settings", admin->cookie());
  ASSERT_EQ(settings.status, 200);
  auto doc = settings.json().as_object();
  auto& events = doc["modules"].as_object()["events"].as_object()["settings"].as_object();
  events["import_feeds"] =
      json::array{json::object{{"url", feed.url("/missing.ics")}},
                  json::object{{"url", feed.url("/feed.ics")}, {"category", "kultur"}}};
  auto put = request(port(), "PUT", "/api/v1/cities/dortmund/settings", with_json(admin->writer()),
                     json::serialize(doc));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_FALSE(get(port(), "/api/v1/cities/dortmund")
                   .json()
                   .as_object()["modules"]
                   .as_array()[0]
                   .as_object()
                   .contains("import_feeds"));

  // The job (every 400 ms here) imports it by itself.
  bool imported = false;
  for (int i = 0; i < 100 && !imported; ++i) {
    imported = contains(titles("from=2026-12-13&to=2026-12-13"), "IT Feed Orgelkonzert");
    if (!imported) std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(imported);
  auto run = request(port(), "POST", std::string(kBase) + "/imports/run",
                     with_json(editor->writer()), "{}");
  ASSERT_EQ(run.status, 200) << run.body;
  auto feeds = run.json().as_object()["feeds"].as_array();
  ASSERT_EQ(feeds.size(), 2u);
  EXPECT_EQ(feeds[0].as_object()["url"].as_string(), feed.url("/missing.ics"));
  EXPECT_EQ(feeds[0].as_object()["last_error"], "HTTP status 404");
  EXPECT_EQ(feeds[0].as_object()["last_success_at"], nullptr);
  EXPECT_EQ(feeds[1].as_object()["last_error"], nullptr);
  EXPECT_EQ(feeds[1].as_object()["items_seen"], 1);
  EXPECT_EQ(feeds[1].as_object()["category"], "kultur");
  EXPECT_EQ(feed.last_header("/feed.ics", "If-None-Match"), "\"v1\"");  // 304 answered
  // The job's import is audited as the job.
  auto audit = get(port(), "/api/v1/cities/dortmund/audit?limit=50", admin->cookie()).json();
  bool by_job = false;
  for (const auto& a : audit.as_object().at("items").as_array()) {
    const auto& entry = a.as_object();
    if (entry.at("action") == "events.import" &&
        entry.at("object").as_object().at("id").as_string() == feed.url("/feed.ics"))
      by_job = by_job || entry.at("actor").as_object().at("kind") == "job";
  }
  EXPECT_TRUE(by_job);
  auto state = get(port(), std::string(kBase) + "/imports", editor->cookie());
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(state.json().as_object()["feeds"].as_array()[1].as_object()["items_seen"], 1);
  EXPECT_EQ(get(port(), std::string(kBase) + "/imports").status, 401);
  // Never duplicated, however often it runs.
  auto count = [&] {
    int n = 0;
    for (const auto& t : titles("from=2026-12-13&to=2026-12-13")) n += t == "IT Feed Orgelkonzert";
    return n;
  };
  EXPECT_EQ(count(), 1);
  // A changed feed updates the event.
  set_feed(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Feed//DE\r\n"
      "BEGIN:VEVENT\r\nUID:feed-1\r\nSUMMARY:IT Feed Orgelkonzert\r\nSTATUS:CANCELLED\r\n"
      "DTSTART;TZID=Europe/Berlin:20261213T170000\r\nDTEND;TZID=Europe/Berlin:20261213T183000\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n");
  ASSERT_EQ(request(port(), "POST", std::string(kBase) + "/imports/run",
                    with_json(editor->writer()), "{}")
                .status,
            200);
  auto list = get(port(), std::string(kBase) + "?from=2026-12-13&to=2026-12-13&limit=200").json();
  for (const auto& item : list.as_object().at("items").as_array())
    if (item.as_object().at("event").as_object().at("title") == "IT Feed Orgelkonzert") {
      EXPECT_EQ(item.as_object().at("event").as_object().at("cancelled"), true);
    }
  EXPECT_EQ(count(), 1);
  // Remove the feeds again (other tests share the city).
  events["import_feeds"] = json::array{};
  ASSERT_EQ(request(port(), "PUT", "/api/v1/cities/dortmund/settings", with_json(admin->writer()),
                    json::serialize(doc))
                .status,
            200);
}

}  // namespace
}  // namespace mosaik::testing
