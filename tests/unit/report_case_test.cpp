// The Mängelmelder's case-work rules (report_case.hpp) and its Open311 forms
// (open311_format.hpp), as plain logic: no HTTP, no database.
#include "modules/reports/report_case.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "modules/reports/open311_format.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::reports {
namespace {

tenants::City test_city() {
  tenants::City city;
  city.id = 7;
  city.slug = "teststadt";
  city.name = "Teststadt";
  city.time_zone = "Europe/Berlin";
  city.bounds = {{51.4, 7.3}, {51.6, 7.6}};
  city.districts = {{"mitte", "Mitte"}, {"nord", "Nord"}};
  return city;
}

struct CaseRules : ::testing::Test {
  tenants::City city = test_city();
  ReportsSettings settings = ReportsSettings::of(city);
  Report report = [] {
    Report r;
    r.id = 5;
    r.city_id = 7;
    r.category = "schlagloch";
    r.department = "tiefbau";
    return r;
  }();
  std::function<bool(std::int64_t)> exists = [](std::int64_t id) { return id == 3; };

  CaseChange change(json::object body) {
    auto c = read_case_change(body, city, settings);
    EXPECT_TRUE(c.ok()) << (c ? "" : c.error().detail());
    return c ? *c : CaseChange{};
  }
  std::string refused_field(json::object body) {
    auto c = read_case_change(body, city, settings);
    EXPECT_FALSE(c.ok());
    return c ? std::string() : std::string(c.error().field());
  }
  std::vector<HistoryEntry> apply(json::object body, std::int64_t now = 1000) {
    auto entries =
        apply_change(report, change(std::move(body)), settings, "amt@teststadt", now, exists);
    EXPECT_TRUE(entries.ok()) << (entries ? "" : entries.error().detail());
    return entries ? *entries : std::vector<HistoryEntry>{};
  }
};

TEST_F(CaseRules, APatchIsReadStrictlyAndNamesTheWrongField) {
  EXPECT_EQ(refused_field({}), "body");
  EXPECT_EQ(refused_field({{"status", "erledigt"}}), "status");
  EXPECT_EQ(refused_field({{"category", "ufo"}}), "category");
  EXPECT_EQ(refused_field({{"department", "nasa"}}), "department");
  EXPECT_EQ(refused_field({{"district", "atlantis"}}), "district");
  EXPECT_EQ(refused_field({{"comment", "   "}}), "comment");
  EXPECT_EQ(refused_field({{"duplicate_of", 0}}), "duplicate_of");
  EXPECT_EQ(refused_field({{"published", "ja"}}), "published");
  EXPECT_EQ(refused_field({{"colour", "red"}}), "colour");
  EXPECT_EQ(refused_field({{"public_answer", std::string(2001, 'x')}}), "public_answer");
  auto c = change({{"status", "in_progress"}, {"district", ""}, {"published", nullptr}});
  EXPECT_EQ(c.status, Status::in_progress);
  EXPECT_EQ(c.district, "");
  EXPECT_FALSE(c.published);
}

TEST_F(CaseRules, ANewCategoryBringsItsDepartmentUnlessOneIsNamed) {
  auto entries = apply({{"category", "strassenlaterne"}});
  EXPECT_EQ(report.category, "strassenlaterne");
  EXPECT_EQ(report.department, "beleuchtung");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].kind, "category");
  EXPECT_EQ(entries[0].text, "schlagloch → strassenlaterne");
  EXPECT_TRUE(entries[0].internal);
  EXPECT_EQ(entries[1].kind, "department");
  apply({{"category", "muell"}, {"department", "buergerdienste"}});
  EXPECT_EQ(report.category, "muell");
  EXPECT_EQ(report.department, "buergerdienste");
}

TEST_F(CaseRules, ClosingSetsClosedAtReopeningClearsItAndAFirstLookPublishes) {
  auto entries = apply({{"status", "done"}, {"public_answer", "Repariert."}}, 5000);
  EXPECT_EQ(report.status, Status::done);
  EXPECT_EQ(report.closed_at, 5000);
  EXPECT_TRUE(report.published) << "a first status change publishes (moderation review)";
  EXPECT_EQ(report.public_answer, "Repariert.");
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].kind, "status");
  EXPECT_FALSE(entries[0].internal);
  EXPECT_EQ(entries[1].kind, "published");
  EXPECT_EQ(entries[2].kind, "answer");
  EXPECT_EQ(entries[2].actor, "amt@teststadt");
  apply({{"status", "in_progress"}}, 6000);
  EXPECT_FALSE(report.closed_at.has_value());
  // The same answer again is no change.
  EXPECT_TRUE(apply({{"public_answer", "Repariert."}}).empty());
}

TEST_F(CaseRules, ARejectedReportIsNotPublishedAndUnpublishingIsRecorded) {
  apply({{"status", "rejected"}});
  EXPECT_FALSE(report.published);
  report.status = Status::received;
  report.published = true;
  auto entries = apply({{"published", false}, {"comment", "Spam?"}});
  EXPECT_FALSE(report.published);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].kind, "unpublished");
  EXPECT_EQ(entries[1].kind, "comment");
  EXPECT_TRUE(entries[1].internal);
}

TEST_F(CaseRules, ForwardedAndDuplicateNeedTheirTarget) {
  auto fail = [&](json::object body) {
    auto r = apply_change(report, change(std::move(body)), settings, "amt", 1, exists);
    EXPECT_FALSE(r.ok());
    return r ? std::string() : std::string(r.error().field());
  };
  EXPECT_EQ(fail({{"status", "forwarded"}}), "forwarded_to");
  EXPECT_EQ(fail({{"status", "duplicate"}}), "duplicate_of");
  EXPECT_EQ(fail({{"duplicate_of", 5}}), "duplicate_of");  // itself
  EXPECT_EQ(fail({{"duplicate_of", 4}}), "duplicate_of");  // no such report
  report = Report{};
  report.id = 5;
  report.category = "schlagloch";
  report.department = "tiefbau";
  apply({{"status", "duplicate"}, {"duplicate_of", 3}});
  EXPECT_EQ(report.status, Status::duplicate);
  EXPECT_EQ(report.duplicate_of, 3);
  apply({{"status", "forwarded"}, {"forwarded_to", "Straßen.NRW"}});
  EXPECT_EQ(report.forwarded_to, "Straßen.NRW");
}

TEST(Open311Forms, FormatsFiltersAndIdLists) {
  using namespace open311;
  EXPECT_EQ(split_format("services.json"), (std::pair{std::string("services"), Format::json}));
  EXPECT_EQ(split_format("requests.xml"), (std::pair{std::string("requests"), Format::xml}));
  EXPECT_FALSE(split_format("services"));
  EXPECT_FALSE(split_format("services.csv"));
  EXPECT_EQ(id_list("1,2,30"), (std::vector<std::int64_t>{1, 2, 30}));
  for (std::string_view bad : {"", "1,,2", "1,x", "-1", "1,"}) EXPECT_FALSE(id_list(bad)) << bad;
  std::string many = "1";
  for (std::size_t i = 2; i <= kMaxRequests + 1; ++i) {
    many += ',';
    many += std::to_string(i);
  }
  EXPECT_FALSE(id_list(many));
  EXPECT_EQ(status_filter(std::nullopt).value(), std::nullopt);
  EXPECT_EQ(status_filter("open,closed").value(), std::nullopt);
  EXPECT_EQ(status_filter("open").value(), true);
  EXPECT_EQ(status_filter("closed").value(), false);
  EXPECT_EQ(status_filter("offen").error().code(), Errc::bad_request);
}

TEST(Open311Forms, APostedFormBecomesASubmission) {
  using namespace open311;
  auto city = test_city();
  auto settings = ReportsSettings::of(city);
  auto s = read_form({{"service_code", "strassenlaterne"},
                      {"lat", "51.51"},
                      {"long", "7.46"},
                      {"description", ""},
                      {"first_name", " Anna"},
                      {"last_name", "Beispiel "},
                      {"attribute[zustand]", "dunkel"}},
                     settings);
  ASSERT_TRUE(s.ok()) << s.error().detail();
  EXPECT_EQ(s->category, "strassenlaterne");
  ASSERT_TRUE(s->position);
  EXPECT_DOUBLE_EQ(s->position->lat, 51.51);
  EXPECT_EQ(s->description, "Straßenlaterne defekt") << "an empty description: the service name";
  EXPECT_EQ(s->name, "Anna Beispiel");
  EXPECT_EQ(s->attributes.at("zustand"), "dunkel");
  EXPECT_EQ(s->submission_id.size(), 32u);
  auto again =
      read_form({{"service_code", "strassenlaterne"}, {"address_string", "Markt 1"}}, settings);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->submission_id, s->submission_id);

  auto code = [&](std::vector<std::pair<std::string, std::string>> form) {
    auto r = read_form(form, settings);
    EXPECT_FALSE(r.ok());
    return r ? std::pair{Errc::internal, std::string()}
             : std::pair{r.error().code(), std::string(r.error().field())};
  };
  EXPECT_EQ(code({{"lat", "51.5"}, {"long", "7.4"}}).first, Errc::bad_request);
  EXPECT_EQ(code({{"service_code", "ufo"}, {"lat", "51.5"}, {"long", "7.4"}}).first,
            Errc::not_found);
  EXPECT_EQ(code({{"service_code", "baum"}}).second, "lat");
  EXPECT_EQ(code({{"service_code", "baum"}, {"lat", "51.5"}}).second, "long");
  EXPECT_EQ(code({{"service_code", "baum"}, {"lat", "nord"}, {"long", "7.4"}}).second, "lat");
  EXPECT_EQ(code({{"service_code", "baum"}, {"address_string", "x"}, {"email", "kein"}}).second,
            "email");
  EXPECT_EQ(code({{"service_code", "baum"}, {"address_string", "x"}, {"attribute[a", "1"}}).second,
            "attribute[a");
}

TEST(Open311Forms, ServicesRequestsAndErrorsInJsonAndXml) {
  using namespace open311;
  auto city = test_city();
  auto settings = ReportsSettings::of(city);
  const Category* lamp = settings.category("strassenlaterne");
  ASSERT_NE(lamp, nullptr);
  auto definition = definition_json(*lamp);
  const auto& attributes = definition.at("attributes").as_array();
  ASSERT_FALSE(attributes.empty());
  EXPECT_EQ(attributes[0].as_object().at("datatype"), "singlevaluelist");
  EXPECT_EQ(attributes[0].as_object().at("order"), 1);
  EXPECT_EQ(service_json(*lamp, settings).at("metadata"), true);

  Report r;
  r.id = 12;
  r.category = "strassenlaterne";
  r.department = "beleuchtung";
  r.status = Status::done;
  r.position = Position{51.5, 7.4};
  r.email = "anna@example.org";
  r.name = "Anna Beispiel";
  r.photos = {{1, 10, 10, true, "image/jpeg"}, {2, 10, 10, false, "image/jpeg"}};
  auto request = request_json(r, city, settings, "https://app.teststadt.example");
  EXPECT_EQ(request.at("status"), "closed");
  EXPECT_EQ(request.at("service_request_id"), "12");
  EXPECT_EQ(request.at("media_url"),
            "https://app.teststadt.example/api/v1/cities/teststadt/reports/12/photos/2");
  auto text = json::serialize(request);
  EXPECT_EQ(text.find("anna"), std::string::npos);
  EXPECT_EQ(text.find("Anna"), std::string::npos);

  auto xml = answer(200, Format::xml, "service_requests", json::array{request});
  EXPECT_EQ(xml.content_type, "application/xml; charset=utf-8");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.body.c_str()));
  auto item = doc.child("service_requests").child("request");
  EXPECT_STREQ(item.child("service_request_id").text().as_string(), "12");
  EXPECT_STREQ(item.child("lat").text().as_string(), "51.5");
  EXPECT_STREQ(item.child("expected_datetime").text().as_string(), "");

  auto refused = error(Format::json, validation_error("lat", "must be a number"));
  EXPECT_EQ(refused.status, 400) << "the standard has no 422";
  auto errors = json::parse(refused.body).as_array();
  EXPECT_EQ(errors[0].as_object().at("code"), 400);
  EXPECT_EQ(errors[0].as_object().at("description"), "lat: must be a number");
  auto limited = error(Format::xml, Error(Errc::too_many_requests, "later").with_retry_after(60));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("Retry-After"), "60");
}

}  // namespace
}  // namespace mosaik::modules::reports
