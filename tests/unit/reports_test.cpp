// The plain logic of the Mängelmelder: settings (defaults, strict checks, the public part without
// department addresses), a citizen's submission against the city's categories, the distance used
// for "already reported?", and the views: nothing of the reporter in the public one.
#include <gtest/gtest.h>

#include "modules/reports/report.hpp"
#include "modules/reports/report_mail.hpp"
#include "modules/reports/reports_settings.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::reports {
namespace {

tenants::City test_city() {
  tenants::City city;
  city.id = 7;
  city.slug = "teststadt";
  city.name = "Teststadt";
  city.bounds = {{51.4, 7.3}, {51.6, 7.6}};
  return city;
}

json::object body(json::object fields = {}) {
  json::object b{{"submission_id", "0123456789abcdef-01"},
                 {"category", "strassenlaterne"},
                 {"lat", 51.5},
                 {"lon", 7.4},
                 {"description", "Die Laterne ist aus"},
                 {"attributes", json::object{{"zustand", "flackert"}}}};
  for (auto& [k, v] : fields) b[k] = v;
  return b;
}

Result<Submission> read(const json::object& b) {
  auto city = test_city();
  return read_submission(b, city, ReportsSettings::of(city), 1 << 20);
}

TEST(ReportsSettings, DefaultsGiveTheDemoCategoriesAndCustomOnesAreCheckedStrictly) {
  auto defaults = validate_reports_settings({});
  ASSERT_TRUE(defaults.ok()) << defaults.error().detail();
  EXPECT_EQ(defaults->at("moderation").as_string(), "review");
  EXPECT_EQ(defaults->at("retention_days").as_int64(), 90);
  auto settings = ReportsSettings::of(test_city());
  ASSERT_NE(settings.category("strassenlaterne"), nullptr);
  EXPECT_EQ(settings.category("strassenlaterne")->attributes[0].type, AttributeType::single);
  EXPECT_FALSE(settings.category("sonstiges")->location_required);

  json::object custom{
      {"groups",
       json::array{json::object{{"id", "gruen"}, {"title", json::object{{"de", "Grün"}}}}}},
      {"departments",
       json::array{json::object{
           {"id", "gfa"}, {"name", "Grünflächenamt"}, {"email", "gfa@stadt.example"}}}},
      {"categories", json::array{json::object{{"code", "baum"},
                                              {"group", "gruen"},
                                              {"department", "gfa"},
                                              {"title", json::object{{"de", "Baum"}}}}}}};
  auto ok = validate_reports_settings(custom);
  ASSERT_TRUE(ok.ok()) << ok.error().detail();
  auto shown = public_reports_settings(*ok);
  EXPECT_EQ(json::serialize(shown).find("gfa@stadt.example"), std::string::npos);
  EXPECT_NE(json::serialize(*ok).find("gfa@stadt.example"), std::string::npos);

  auto bad = [&](json::object s, std::string_view field) {
    auto r = validate_reports_settings(s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field(), field) << r.error().detail();
  };
  auto wrong_group = custom;
  wrong_group["categories"].as_array()[0].as_object()["group"] = "strasse";
  bad(wrong_group, "categories[0].group");
  bad({{"moderation", "sometimes"}}, "moderation");
  bad({{"retention_days", 0}}, "retention_days");
  bad({{"groups", json::array{}}}, "categories");
  auto no_options = custom;
  no_options["categories"].as_array()[0].as_object()["attributes"] = json::array{
      json::object{{"code", "art"}, {"type", "single"}, {"label", json::object{{"de", "Art"}}}}};
  bad(no_options, "categories[0].attributes[0].options");
}

TEST(ReportSubmission, AValidReportIsReadAndItsAnswersNormalised) {
  auto s = read(
      body({{"email", "anna@example.org"}, {"photos", json::array{"aGFsbG8="}}, {"website", ""}}));
  ASSERT_TRUE(s.ok()) << s.error().detail();
  EXPECT_EQ(s->category, "strassenlaterne");
  ASSERT_TRUE(s->position);
  EXPECT_EQ(s->email, "anna@example.org");
  ASSERT_EQ(s->photos.size(), 1u);
  EXPECT_EQ(s->photos[0], "hallo");
  EXPECT_EQ(s->attributes, (json::object{{"zustand", "flackert"}}));
}

TEST(ReportSubmission, EveryRuleNamesItsField) {
  auto refused = [](json::object b, std::string_view field, Errc code = Errc::validation_failed) {
    auto s = read(b);
    ASSERT_FALSE(s.ok()) << field;
    EXPECT_EQ(s.error().field(), field) << s.error().detail();
    EXPECT_EQ(s.error().code(), code) << field;
  };
  refused(body({{"website", "x"}}), "website", Errc::bad_request);
  refused(body({{"category", "nope"}}), "category");
  refused(body({{"lat", 48.1}}), "lat");     // outside the city
  refused(body({{"lon", nullptr}}), "lon");  // lat without lon
  refused(body({{"attributes", json::object{}}}), "attributes.zustand");
  refused(body({{"attributes", json::object{{"zustand", "flackert"}, {"farbe", "rot"}}}}),
          "attributes.farbe");
  refused(body({{"photos", json::array{"not base64!"}}}), "photos[0]");
  refused(body({{"photos", json::array{"aGFsbG8=", "aGFsbG8=", "aGFsbG8=", "aGFsbG8="}}}),
          "photos");
  refused(body({{"email", "anna@"}}), "email");
  refused(body({{"locale", "fr"}}), "locale");
  // A category that needs no pin may go without; one that needs it takes an address instead.
  json::object no_pin = body({{"category", "sonstiges"}, {"attributes", json::object{}}});
  no_pin.erase("lat");
  no_pin.erase("lon");
  EXPECT_TRUE(read(no_pin).ok());
  json::object lamp_without_pin = body();
  lamp_without_pin.erase("lat");
  lamp_without_pin.erase("lon");
  refused(lamp_without_pin, "lat");
  lamp_without_pin["address"] = "Marktplatz 1";
  EXPECT_TRUE(read(lamp_without_pin).ok());
}

TEST(ReportSubmission, MultipleChoiceAnswersAreCheckedAndDeduplicated) {
  auto s = read(body(
      {{"category", "muell"},
       {"attributes", json::object{{"art", json::array{"elektro", "elektro", "sperrmuell"}}}}}));
  ASSERT_TRUE(s.ok()) << s.error().detail();
  EXPECT_EQ(s->attributes.at("art"), (json::array{"elektro", "sperrmuell"}));
  auto wrong =
      read(body({{"category", "muell"}, {"attributes", json::object{{"art", "elektro"}}}}));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field(), "attributes.art");
}

TEST(Reports, DistanceIsInMetres) {
  EXPECT_NEAR(distance_m({51.5, 7.4}, {51.5009, 7.4}), 100, 1);
  EXPECT_NEAR(distance_m({51.5, 7.4}, {51.5, 7.4}), 0, 1e-9);
}

TEST(Reports, ThePublicViewShowsNothingOfTheReporterNorHiddenPhotosNorInternalNotes) {
  auto city = test_city();
  auto settings = ReportsSettings::of(city);
  Report r;
  r.id = 17;
  r.category = "strassenlaterne";
  r.department = "abteilung-x";
  r.published = true;
  r.email = "anna@example.org";
  r.name = "Anna Beispiel";
  r.photos = {{1, 10, 10, false, "image/jpeg"}, {2, 10, 10, true, "image/jpeg"}};
  r.history = {{1, "created", Status::received, "", false, ""},
               {2, "comment", std::nullopt, "Kolonne Nord", true, "maengel@stadt.example"},
               {3, "status", Status::in_progress, "", false, "maengel@stadt.example"}};
  auto shown = json::serialize(public_json(r, city, settings));
  for (std::string_view secret : {"anna", "Anna", "Kolonne", "maengel", "photos/2", "abteilung-x"})
    EXPECT_EQ(shown.find(secret), std::string::npos) << secret;
  auto reporter = reporter_json(r, city, settings);
  EXPECT_EQ(reporter.at("has_email"), json::value(true));
  EXPECT_EQ(json::serialize(reporter).find("anna@"), std::string::npos);
  auto staff = json::serialize(case_json(r, city, settings));
  for (std::string_view seen : {"anna@example.org", "Kolonne Nord", "photos/2"})
    EXPECT_NE(staff.find(seen), std::string::npos) << seen;
}

TEST(ReportMail, TheReporterHearsOfTheNewStatusInTheirLanguage) {
  auto city = test_city();
  auto settings = ReportsSettings::of(city);
  Report r;
  r.id = 17;
  r.category = "strassenlaterne";
  r.status = Status::in_progress;
  r.public_answer = "Wird repariert.";
  auto de = status_mail(city, settings, r, "anna@example.org", "https://app.teststadt.example");
  EXPECT_EQ(de.subject, "Ihre Meldung #17 (Straßenlaterne defekt): In Bearbeitung");
  EXPECT_NE(de.body.find("Wird repariert."), std::string::npos);
  EXPECT_NE(de.body.find("https://app.teststadt.example/teststadt/reports/17"), std::string::npos);
  r.locale = "en";
  auto en = status_mail(city, settings, r, "anna@example.org", "");
  EXPECT_EQ(en.subject, "Your report #17 (Street light out): In progress");
  EXPECT_EQ(retry_delay_ms(0), 60'000);
  EXPECT_EQ(retry_delay_ms(3), 3'600'000);
  EXPECT_EQ(retry_delay_ms(9), 4 * 3'600'000);
}

}  // namespace
}  // namespace mosaik::modules::reports
