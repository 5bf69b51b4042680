// The Abfallkalender through the real mosaikd (SQLite, or PostgreSQL with TEST_BACKEND=postgres):
// staff import streets and dates (preview, per-row errors with nothing stored, a year replaced
// alone, an area's iCalendar file), citizens search streets and look up addresses, pickups with
// the holiday rule, staff changes and shifts, the iCalendar subscription, drop-off points, and who
// may do what.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"

namespace mosaik::testing {
namespace {

constexpr std::string_view kBase = "/api/v1/cities/dortmund/waste";

// Dortmund's test plan: Hauptstraße split odd/even, Flughafenstraße in two districts.
constexpr std::string_view kStreets =
    "street;house_from;house_to;parity;area;area_name;district\n"
    "Hauptstraße;1;;odd;T1;Test Nord;eving\n"
    "Hauptstraße;2;;even;T2;Test Süd;eving\n"
    "Am Ölbach;;;;T2;;hoerde\n"
    "Brückenstraße;;;;T1;;eving\n"
    "Flughafenstraße;;;;T1;;scharnhorst\n"
    "Flughafenstraße;;;;T2;;brackel\n";

int this_year() {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<int>(std::chrono::year_month_day(today).year());
}

class WasteTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server =
        new ServerProcess(ServerProcess::Options{.args = {"--set", "auth.cookie_secure=false"}});
    auto pw = fresh_password();
    create_staff(server->database_url(), "redaktion@dortmund.example", pw, {"editor:dortmund"});
    editor = new StaffSession(sign_in(server->port(), "redaktion@dortmund.example", pw));
    create_staff(server->database_url(), "redaktion@schwerte.example", pw, {"editor:schwerte"});
    other = new StaffSession(sign_in(server->port(), "redaktion@schwerte.example", pw));
  }
  static void TearDownTestSuite() {
    delete editor;
    delete other;
    delete server;
  }
  static ServerProcess* server;
  static StaffSession *editor, *other;
  std::uint16_t port() const { return server->port(); }

  HttpResponse upload(std::string_view target, std::string_view type, std::string_view body,
                      const StaffSession* who = editor) {
    auto h = who->writer();
    h.emplace_back("Content-Type", std::string(type));
    return request(port(), "POST", target, h, body);
  }
  HttpResponse post_json(std::string_view target, std::string_view body,
                         const StaffSession* who = editor) {
    return request(port(), "POST", target, with_json(who->writer()), body);
  }
  json::object ok_json(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.status == status ? r.json().as_object() : json::object{};
  }
  json::object summary() {
    return ok_json(get(port(), std::string(kBase) + "/admin/areas", editor->cookie()))["summary"]
        .as_object();
  }
  void import_streets() {
    ok_json(upload(std::string(kBase) + "/admin/imports/streets", "text/csv", kStreets));
  }
  // T1: Restmüll every two weeks on Mondays from the first Monday of 2027; Papier on 2027-01-08.
  void import_2027() {
    ok_json(upload(std::string(kBase) + "/admin/imports/dates?year=2027", "text/csv",
                   "area;type;date;every_weeks\n"
                   "T1;restmuell;2027-01-04;2\n"
                   "T1;papier;2027-01-08;\n"
                   "T2;bio;2027-01-05;1\n"));
  }
  // "date type (planned)" of the pickups of an area in a range.
  std::vector<std::string> pickups(std::string_view area, std::string_view query) {
    auto body = ok_json(get(port(), fmt::format("{}/areas/{}/pickups?{}", kBase, area, query)));
    std::vector<std::string> out;
    for (const auto& v : body["items"].as_array()) {
      const auto& p = v.as_object();
      std::string line =
          fmt::format("{} {}", p.at("date").as_string().c_str(), p.at("type").as_string().c_str());
      if (p.at("planned") != p.at("date"))
        line += fmt::format(" ({}: {})", p.at("planned").as_string().c_str(),
                            p.at("note").as_string().c_str());
      out.push_back(line);
    }
    return out;
  }
};
ServerProcess* WasteTest::server = nullptr;
StaffSession* WasteTest::editor = nullptr;
StaffSession* WasteTest::other = nullptr;

TEST_F(WasteTest, TheDemoPlanAnswersAtOnce) {
  auto r = get(port(), "/api/v1/cities/schwerte/waste/streets?q=hüsing");
  auto body = ok_json(r);
  ASSERT_EQ(body["items"].as_array().size(), 1u) << r.body;
  const auto& street = body["items"].as_array()[0].as_object();
  EXPECT_EQ(street.at("street"), "Hüsingstraße");
  EXPECT_EQ(street.at("needs_house_number"), false);
  auto area = ok_json(get(
      port(), "/api/v1/cities/schwerte/waste/areas/" + std::string(street.at("area").as_string())));
  EXPECT_FALSE(area["next"].as_array().empty()) << "the demo plan has dates from today on";
}

TEST_F(WasteTest, StreetSearchToleratesSpellingAndSplitsTheHouseNumber) {
  import_streets();
  auto body = ok_json(get(port(), std::string(kBase) + "/streets?q=Hauptstr.%2012a"));
  EXPECT_EQ(body["house_number"], "12a");
  ASSERT_FALSE(body["items"].as_array().empty());
  const auto& first = body["items"].as_array()[0].as_object();
  EXPECT_EQ(first.at("street"), "Hauptstraße");
  EXPECT_EQ(first.at("needs_house_number"), true);
  EXPECT_TRUE(first.at("area").is_null());
  EXPECT_TRUE(first.at("ics_url").is_null());

  for (std::string q : {"oelbach", "%C3%B6lbach", "am%20olbach", "Am%20%C3%96lbach"}) {
    auto found = ok_json(get(port(), std::string(kBase) + "/streets?q=" + q));
    ASSERT_FALSE(found["items"].as_array().empty()) << q;
    const auto& item = found["items"].as_array()[0].as_object();
    EXPECT_EQ(item.at("street"), "Am Ölbach") << q;
    EXPECT_EQ(item.at("area"), "T2");
    EXPECT_NE(std::string(item.at("ics_url").as_string()).find("/waste/areas/T2/calendar.ics"),
              std::string::npos);
  }
  auto typo = ok_json(get(port(), std::string(kBase) + "/streets?q=Br%C3%BCkenstrasse"));
  ASSERT_FALSE(typo["items"].as_array().empty());
  EXPECT_EQ(typo["items"].as_array()[0].as_object().at("street"), "Brückenstraße");

  EXPECT_EQ(get(port(), std::string(kBase) + "/streets?q=a").status, 422);
  EXPECT_EQ(get(port(), std::string(kBase) + "/streets?q=haupt&limit=0").status, 422);
  EXPECT_EQ(get(port(), "/api/v1/cities/nowhere/waste/streets?q=haupt").status, 404);
}

TEST_F(WasteTest, AnAddressFindsItsAreaByHouseNumberAndDistrict) {
  import_streets();
  auto address = [&](std::string query) {
    return get(port(), std::string(kBase) + "/address?" + query);
  };
  auto odd = ok_json(address("street=Hauptstra%C3%9Fe&house_number=13"));
  EXPECT_EQ(odd["area"].as_object()["code"], "T1");
  auto even = ok_json(address("street=Hauptstr.&house_number=12a"));
  EXPECT_EQ(even["area"].as_object()["code"], "T2");
  EXPECT_EQ(even["house_number"], "12a");
  EXPECT_EQ(even["street"], "Hauptstraße");
  auto ics = std::string(even["ics_url"].as_string());
  EXPECT_NE(ics.find("/api/v1/cities/dortmund/waste/areas/T2/calendar.ics"), std::string::npos);
  EXPECT_EQ(std::string(even["webcal_url"].as_string()).rfind("webcal://", 0), 0u);

  auto missing = address("street=Hauptstra%C3%9Fe");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json().as_object().at("field"), "house_number") << missing.body;
  EXPECT_EQ(address("street=Hauptstra%C3%9Fe&house_number=zw%C3%B6lf").status, 422);
  auto unknown = address("street=Nirgendweg&house_number=1");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.json().as_object().at("field"), "street");
  auto twice = address("street=Flughafenstra%C3%9Fe");
  EXPECT_EQ(twice.status, 422);
  EXPECT_EQ(twice.json().as_object().at("field"), "district");
  EXPECT_EQ(
      ok_json(address("street=Flughafenstra%C3%9Fe&district=brackel"))["area"].as_object()["code"],
      "T2");
}

TEST_F(WasteTest, ADatesImportIsPreviewedThenAppliedAndHolidaysShiftPickups) {
  import_streets();
  auto before = summary();
  auto preview =
      ok_json(upload(std::string(kBase) + "/admin/imports/dates?year=2027&dry_run=true", "text/csv",
                     "area;type;date;every_weeks\nT1;restmuell;2027-01-04;2\n"));
  EXPECT_EQ(preview["dry_run"], true);
  EXPECT_EQ(preview["rhythms"], 1);
  EXPECT_EQ(summary(), before) << "a preview changes nothing";

  import_2027();
  // Easter Monday 2027 is March 29: that Monday's pickup moves to Tuesday (holiday rule, NW).
  EXPECT_EQ(pickups("T1", "from=2027-03-20&to=2027-04-13&types=restmuell"),
            (std::vector<std::string>{"2027-03-30 restmuell (2027-03-29: Ostermontag)",
                                      "2027-04-12 restmuell"}));
  EXPECT_EQ(pickups("T1", "from=2027-01-01&to=2027-01-20"),
            (std::vector<std::string>{"2027-01-04 restmuell", "2027-01-08 papier",
                                      "2027-01-18 restmuell"}));
  // Weekly Bio in T2 on Tuesdays; New Year 2027 is a Friday, so that week is untouched.
  EXPECT_EQ(pickups("T2", "from=2027-01-01&to=2027-01-13"),
            (std::vector<std::string>{"2027-01-05 bio", "2027-01-12 bio"}));

  EXPECT_EQ(get(port(), std::string(kBase) + "/areas/T1/pickups?from=2027-02-30").status, 422);
  EXPECT_EQ(
      get(port(), std::string(kBase) + "/areas/T1/pickups?from=2027-01-10&to=2027-01-01").status,
      422);
  EXPECT_EQ(
      get(port(), std::string(kBase) + "/areas/T1/pickups?from=2027-01-01&to=2028-12-31").status,
      422);
  EXPECT_EQ(get(port(), std::string(kBase) + "/areas/T1/pickups?types=kompost").status, 422);
  EXPECT_EQ(get(port(), std::string(kBase) + "/areas/T9/pickups").status, 404);
}

TEST_F(WasteTest, ABadFileIsRejectedWithEveryProblemAndNothingStored) {
  import_streets();
  import_2027();
  auto before = summary();
  auto r = upload(std::string(kBase) + "/admin/imports/dates?year=2027", "text/csv",
                  "area;type;date\n"
                  "T1;restmuell;2027-02-30\n"
                  "T1;kompost;2027-03-01\n"
                  "T7;bio;2027-03-01\n"
                  "T1;bio;2026-12-01\n"
                  "T1;bio;2027-05-04\n");
  ASSERT_EQ(r.status, 422) << r.body;
  auto errors = r.json().as_object().at("errors").as_array();
  ASSERT_EQ(errors.size(), 4u) << r.body;
  EXPECT_EQ(errors[0].as_object().at("line"), 2);
  EXPECT_EQ(errors[1].as_object().at("line"), 3);
  EXPECT_EQ(errors[2].as_object().at("line"), 4);
  EXPECT_EQ(errors[3].as_object().at("line"), 5);
  EXPECT_EQ(summary(), before);

  auto overlap = upload(std::string(kBase) + "/admin/imports/streets", "text/csv",
                        "street;house_from;house_to;area\n"
                        "Lindenweg;1;20;T1\n"
                        "Lindenweg;15;30;T2\n");
  ASSERT_EQ(overlap.status, 422) << overlap.body;
  EXPECT_EQ(overlap.json().as_object().at("errors").as_array()[0].as_object().at("line"), 3);
  auto no_area = upload(std::string(kBase) + "/admin/imports/streets", "text/csv",
                        "street;house_from\nLindenweg;1\n");
  EXPECT_EQ(no_area.status, 422) << no_area.body;
  EXPECT_EQ(summary(), before);

  EXPECT_EQ(upload(std::string(kBase) + "/admin/imports/dates?year=2027", "application/json", "{}")
                .status,
            415);
  EXPECT_EQ(
      upload(std::string(kBase) + "/admin/imports/dates", "text/csv", "area;type;date\n").status,
      422);
  EXPECT_EQ(upload(std::string(kBase) + "/admin/imports/shoes", "text/csv", "a\n").status, 404);
  EXPECT_EQ(upload(std::string(kBase) + "/admin/imports/streets", "text/csv", " \n").status, 422);
}

TEST_F(WasteTest, TheCommandLineImportsLikeTheApiAndNamesEveryProblem) {
  // `mosaik waste import` is the module's own command (Module::cli_commands).
  auto cli = [](std::vector<std::string> args) {
    args.insert(args.begin(), {MOSAIK_CLI_BINARY, "waste", "import"});
    args.insert(args.end(), {"--database", server->database_url()});
    return run_command(args);
  };
  auto write = [](const std::string& name, std::string_view text) {
    auto path = server->dir() + "/" + name;
    std::ofstream(path) << text;
    return path;
  };
  import_streets();
  auto before = summary();
  auto good = write("dates.csv", "area;type;date\nT1;papier;2028-01-07\nT2;papier;2028-01-14\n");
  auto preview =
      cli({"--city", "dortmund", "--kind", "dates", "--year", "2028", "--dry-run", good});
  ASSERT_EQ(preview.exit_code, 0) << preview.output;
  EXPECT_NE(preview.output.find("\"dry_run\":true"), std::string::npos) << preview.output;
  EXPECT_EQ(summary(), before);
  auto applied = cli({"--city", "dortmund", "--kind", "dates", "--year", "2028", good});
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_NE(summary(), before);
  auto after = summary();

  auto bad = write("bad.csv", "area;type;date\nT1;papier;2028-02-30\nT9;papier;2028-03-01\n");
  auto refused = cli({"--city", "dortmund", "--kind", "dates", "--year", "2028", bad});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("line 2"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("line 3"), std::string::npos) << refused.output;
  EXPECT_EQ(summary(), after);
  // Usage errors exit 2 and change nothing.
  auto no_year = cli({"--city", "dortmund", "--kind", "dates", good});
  EXPECT_EQ(no_year.exit_code, 2) << no_year.output;
  EXPECT_NE(no_year.output.find("--year is required"), std::string::npos) << no_year.output;
  EXPECT_EQ(cli({"--city", "dortmund", "--kind", "pickups", "--year", "2028", good}).exit_code, 2);
  auto unknown = cli({"--city", "nirgendwo", "--kind", "streets", good});
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  EXPECT_EQ(summary(), after);
}

TEST_F(WasteTest, ReimportingAYearReplacesThatYearOnly) {
  import_streets();
  import_2027();
  ok_json(upload(std::string(kBase) + "/admin/imports/dates?year=2026", "text/csv",
                 "area;type;date\nT1;restmuell;2026-12-21\n"));
  auto replaced = ok_json(upload(std::string(kBase) + "/admin/imports/dates?year=2027", "text/csv",
                                 "area;type;date\nT1;glas;2027-01-11\n"));
  EXPECT_EQ(replaced["replaced"].as_object()["rhythms"], 2);
  EXPECT_EQ(replaced["replaced"].as_object()["dates"], 1);
  EXPECT_EQ(pickups("T1", "from=2026-12-01&to=2027-01-31"),
            (std::vector<std::string>{"2026-12-21 restmuell", "2027-01-11 glas"}));
  EXPECT_TRUE(pickups("T2", "from=2027-01-01&to=2027-12-31").empty());
}

TEST_F(WasteTest, AnAreasCalendarFileIsImported) {
  import_streets();
  import_2027();
  std::string ics =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Entsorgung Dortmund//Abfuhr//DE\r\n"
      "BEGIN:VEVENT\r\nUID:a1\r\nDTSTART;VALUE=DATE:20270112\r\nSUMMARY:Restmülltonne\r\n"
      "END:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:a2\r\nDTSTART;VALUE=DATE:20270114\r\nSUMMARY:Papier\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:a3\r\nDTSTART;VALUE=DATE:20280104\r\nSUMMARY:Papier\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  auto r = ok_json(upload(std::string(kBase) + "/admin/imports/calendar?year=2027&area=T2",
                          "text/calendar", ics));
  EXPECT_EQ(r["dates"], 2);
  // It replaced the area's weekly Bio of the dates import.
  EXPECT_EQ(pickups("T2", "from=2027-01-01&to=2027-01-31"),
            (std::vector<std::string>{"2027-01-12 restmuell", "2027-01-14 papier"}));
  // The other area keeps its plan.
  EXPECT_EQ(pickups("T1", "from=2027-01-01&to=2027-01-10"),
            (std::vector<std::string>{"2027-01-04 restmuell", "2027-01-08 papier"}));
  EXPECT_EQ(
      upload(std::string(kBase) + "/admin/imports/calendar?year=2027&area=T9", "text/calendar", ics)
          .status,
      422);
  EXPECT_EQ(upload(std::string(kBase) + "/admin/imports/calendar?year=2027&area=T2",
                   "text/calendar", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n")
                .status,
            422);
}

TEST_F(WasteTest, StaffMoveOrCancelOnePickupAndAnnounceShifts) {
  import_streets();
  import_2027();
  auto change = ok_json(post_json(std::string(kBase) + "/admin/changes",
                                  R"({"area":"T1","type":"restmuell","date":"2027-01-18",
                                      "new_date":"2027-01-19","note":"Straßenfest"})"),
                        201);
  EXPECT_EQ(pickups("T1", "from=2027-01-15&to=2027-01-20&types=restmuell"),
            (std::vector<std::string>{"2027-01-19 restmuell (2027-01-18: Straßenfest)"}));
  EXPECT_EQ(post_json(std::string(kBase) + "/admin/changes",
                      R"({"area":"T1","type":"restmuell","date":"2027-01-18","new_date":null})")
                .status,
            409);
  auto not_planned = post_json(std::string(kBase) + "/admin/changes",
                               R"({"area":"T1","type":"restmuell","date":"2027-01-19"})");
  EXPECT_EQ(not_planned.status, 422);
  EXPECT_EQ(not_planned.json().as_object().at("field"), "date");
  auto dates =
      ok_json(get(port(), std::string(kBase) + "/admin/areas/T1/dates?year=2027&types=restmuell",
                  editor->cookie()));
  bool seen = false;
  for (const auto& v : dates["items"].as_array())
    if (v.as_object().at("planned") == "2027-01-18") {
      seen = true;
      EXPECT_EQ(v.as_object().at("change_id"), change["id"]);
    }
  EXPECT_TRUE(seen);
  EXPECT_EQ(
      request(port(), "DELETE", fmt::format("{}/admin/changes/{}", kBase, change["id"].as_int64()),
              editor->writer())
          .status,
      204);

  // Cancel one, then a shift of a whole week.
  ok_json(post_json(std::string(kBase) + "/admin/changes",
                    R"({"area":"T1","type":"restmuell","date":"2027-02-01","note":"Streik"})"),
          201);
  EXPECT_TRUE(pickups("T1", "from=2027-01-31&to=2027-02-02&types=restmuell").empty());
  auto shift = ok_json(post_json(std::string(kBase) + "/admin/shifts",
                                 R"({"from":"2027-02-15","to":"2027-02-19","days":1,
                                     "types":["restmuell"],"reason":"Rosenmontag"})"),
                       201);
  EXPECT_EQ(pickups("T1", "from=2027-02-14&to=2027-02-20&types=restmuell"),
            (std::vector<std::string>{"2027-02-16 restmuell (2027-02-15: Rosenmontag)"}));
  EXPECT_EQ(post_json(std::string(kBase) + "/admin/shifts",
                      R"({"from":"2027-02-15","to":"2027-02-19","days":0,"reason":"x"})")
                .status,
            422);
  EXPECT_EQ(post_json(std::string(kBase) + "/admin/shifts",
                      R"({"from":"2027-02-15","to":"2027-02-10","days":1,"reason":"x"})")
                .status,
            422);
  EXPECT_EQ(ok_json(get(port(), std::string(kBase) + "/admin/shifts", editor->cookie()))["items"]
                .as_array()
                .size(),
            1u);
  EXPECT_EQ(
      request(port(), "DELETE", fmt::format("{}/admin/shifts/{}", kBase, shift["id"].as_int64()),
              editor->writer())
          .status,
      204);
  EXPECT_EQ(
      request(port(), "DELETE", fmt::format("{}/admin/shifts/{}", kBase, shift["id"].as_int64()),
              editor->writer())
          .status,
      404);
}

TEST_F(WasteTest, TheSubscriptionIsICalendarWithStableUidsAndAnOptionalAlarm) {
  import_streets();
  auto next = this_year() + 1;
  ok_json(upload(fmt::format("{}/admin/imports/dates?year={}", kBase, next), "text/csv",
                 fmt::format("area;type;date;every_weeks\nT1;restmuell;{}-01-04;2\n"
                             "T1;papier;{}-01-08;4\n",
                             next, next)));
  auto r = get(port(), std::string(kBase) + "/areas/T1/calendar.ics?types=restmuell&alarm=true");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(r.body.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_NE(r.body.find("BEGIN:VALARM"), std::string::npos);
  EXPECT_NE(r.body.find(fmt::format("UID:{}0104-restmuell-T1@dortmund", next)), std::string::npos)
      << r.body.substr(0, 2000);
  EXPECT_EQ(r.body.find("papier"), std::string::npos);
  auto again =
      get(port(), std::string(kBase) + "/areas/T1/calendar.ics?types=restmuell&alarm=true");
  EXPECT_EQ(again.body, r.body) << "a refresh gives the same calendar";
  auto plain = get(port(), std::string(kBase) + "/areas/T1/calendar.ics");
  EXPECT_EQ(plain.body.find("BEGIN:VALARM"), std::string::npos);
  EXPECT_NE(plain.body.find("papier"), std::string::npos);
  EXPECT_EQ(get(port(), std::string(kBase) + "/areas/T1/calendar.ics?alarm=yes").status, 422);
  EXPECT_EQ(get(port(), std::string(kBase) + "/areas/T1/calendar.ics?types=asche").status, 422);
}

TEST_F(WasteTest, DropOffPointsAreGeoJson) {
  auto r = get(port(), std::string(kBase) + "/dropoffs");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/geo+json");
  auto body = r.json().as_object();
  EXPECT_EQ(body["type"], "FeatureCollection");
  ASSERT_FALSE(body["features"].as_array().empty());
  const auto& f = body["features"].as_array()[0].as_object();
  EXPECT_EQ(f.at("geometry").as_object().at("type"), "Point");
  auto coordinates = f.at("geometry").as_object().at("coordinates").as_array();
  EXPECT_GT(coordinates[0].as_double(), 7.0);  // longitude first
  EXPECT_GT(coordinates[1].as_double(), 51.0);
}

TEST_F(WasteTest, OnlyTheCitysStaffChangeItsPlan) {
  auto target = std::string(kBase) + "/admin/imports/streets";
  EXPECT_EQ(request(port(), "POST", target, {{"Content-Type", "text/csv"}}, kStreets).status, 401);
  EXPECT_EQ(upload(target, "text/csv", kStreets, other).status, 403);
  EXPECT_EQ(get(port(), std::string(kBase) + "/admin/areas", other->cookie()).status, 403);
  EXPECT_EQ(get(port(), std::string(kBase) + "/admin/areas").status, 401);
  EXPECT_EQ(post_json(std::string(kBase) + "/admin/shifts",
                      R"({"from":"2027-02-15","to":"2027-02-19","days":1,"reason":"x"})", other)
                .status,
            403);
}

}  // namespace
}  // namespace mosaik::testing
