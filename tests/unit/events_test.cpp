// The events module without a server: input validation, recurrence (DST, year end, exdates,
// all-day, bounds), iCalendar written and read with libical, CSV read with libcsv.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/events/event.hpp"
#include "modules/events/events_csv.hpp"
#include "modules/events/events_ical.hpp"
#include "modules/events/events_import.hpp"
#include "modules/events/events_jsonld.hpp"
#include "modules/events/events_module.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::events {
namespace {

CityRules dortmund() {
  CityRules c;
  c.slug = "dortmund";
  c.name = "Dortmund";
  c.time_zone = "Europe/Berlin";
  c.zone = zone_named("Europe/Berlin");
  c.categories = {{"kultur", "Kultur", "Culture"}, {"markt", "Märkte", "Markets"}};
  c.districts = {"hoerde", "innenstadt-west"};
  return c;
}

json::object obj(std::string_view text) {
  return json::parse(text).as_object();
}

LocalTime at(int y, int mo, int d, int h = 0, int mi = 0) {
  return {y, mo, d, h, mi, 0, false};
}
LocalTime date(int y, int mo, int d) {
  return {y, mo, d, 0, 0, 0, true};
}

std::vector<std::string> starts(const std::vector<Span>& spans, Zone zone) {
  std::vector<std::string> out;
  for (const auto& s : spans) out.push_back(format_rfc3339(s.start_ms, zone));
  return out;
}

// Runs read_event and returns the failing field ("" when it passes).
std::string failing_field(std::string_view body) {
  auto r = parse_event(obj(body), dortmund());
  return r ? std::string() : r.error().field();
}

constexpr std::string_view kValid =
    R"({"title":"Konzert","start":"2026-12-05T19:30:00+01:00","end":"2026-12-05T21:30:00+01:00",
        "category":"kultur"})";

TEST(EventsTime, ParsesRfc3339DatesAndFloatingTimes) {
  auto p = parse_time_text("2026-12-05T19:30:00+01:00");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->local, at(2026, 12, 5, 19, 30));
  EXPECT_EQ(p->offset_seconds, 3600);
  EXPECT_EQ(parse_time_text("2026-12-05")->local, date(2026, 12, 5));
  EXPECT_FALSE(parse_time_text("2026-12-05T19:30")->offset_seconds);
  EXPECT_EQ(parse_time_text("2026-07-01T10:00:00.250Z")->offset_seconds, 0);
  for (auto bad : {"2026-02-30", "2026-02-29T10:00:00Z", "2026-13-01", "2026-12-05T24:00:00Z",
                   "05.12.2026", "2026-12-05T19:30:00+0100", "", "2026-12-5", "tomorrow"})
    EXPECT_FALSE(parse_time_text(bad)) << bad;
  EXPECT_TRUE(parse_time_text("2028-02-29"));  // a leap day
}

TEST(EventsTime, ConvertsOffsetsIntoTheCityZone) {
  auto zone = zone_named("Europe/Berlin");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(in_zone(*parse_time_text("2026-07-01T10:00:00Z"), zone), at(2026, 7, 1, 12, 0));
  EXPECT_EQ(in_zone(*parse_time_text("2026-12-31T23:30:00-05:00"), zone), at(2027, 1, 1, 5, 30));
  EXPECT_EQ(format_rfc3339(to_utc_ms(at(2026, 7, 1, 12, 0), zone), zone),
            "2026-07-01T12:00:00+02:00");
  EXPECT_EQ(format_rfc3339(to_utc_ms(at(2026, 1, 1, 0, 0), zone), zone),
            "2026-01-01T00:00:00+01:00");
}

TEST(EventsRecurrence, WeeklyKeepsTheWallClockAcrossTheDstChange) {
  auto zone = zone_named("Europe/Berlin");
  // Summer time starts on Sunday 2026-03-29: 18:00 stays 18:00, the UTC hour moves.
  Schedule s{at(2026, 3, 21, 18, 0), at(2026, 3, 21, 20, 0), false, "FREQ=WEEKLY;COUNT=3", {}};
  auto all = occurrences(s, zone, INT64_MIN, INT64_MAX);
  EXPECT_EQ(starts(all, zone),
            (std::vector<std::string>{"2026-03-21T18:00:00+01:00", "2026-03-28T18:00:00+01:00",
                                      "2026-04-04T18:00:00+02:00"}));
  EXPECT_EQ(all[1].start_ms - all[0].start_ms, 7 * 86'400'000LL);
  EXPECT_EQ(all[2].start_ms - all[1].start_ms, 7 * 86'400'000LL - 3'600'000);
  for (const auto& o : all) EXPECT_EQ(o.end_ms - o.start_ms, 2 * 3'600'000);  // two hours each
  // And back in October (winter time from Sunday 2026-10-25).
  Schedule autumn{
      at(2026, 10, 24, 10, 0), at(2026, 10, 24, 11, 0), false, "FREQ=DAILY;COUNT=2", {}};
  EXPECT_EQ(starts(occurrences(autumn, zone, INT64_MIN, INT64_MAX), zone),
            (std::vector<std::string>{"2026-10-24T10:00:00+02:00", "2026-10-25T10:00:00+01:00"}));
}

TEST(EventsRecurrence, CrossesTheYearEnd) {
  auto zone = zone_named("Europe/Berlin");
  Schedule s{at(2026, 12, 30, 20, 0), at(2026, 12, 30, 23, 0), false, "FREQ=DAILY;COUNT=4", {}};
  EXPECT_EQ(starts(occurrences(s, zone, INT64_MIN, INT64_MAX), zone),
            (std::vector<std::string>{"2026-12-30T20:00:00+01:00", "2026-12-31T20:00:00+01:00",
                                      "2027-01-01T20:00:00+01:00", "2027-01-02T20:00:00+01:00"}));
  // UNTIL in the next year, by month day.
  Schedule monthly{at(2026, 11, 15, 9, 0),
                   at(2026, 11, 15, 10, 0),
                   false,
                   "FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20270216T000000Z",
                   {}};
  EXPECT_EQ(occurrences(monthly, zone, INT64_MIN, INT64_MAX).size(), 4u);
}

TEST(EventsRecurrence, ExdatesAreLeftOutAndWindowsCut) {
  auto zone = zone_named("Europe/Berlin");
  Schedule s{at(2026, 11, 28, 7, 0),
             at(2026, 11, 28, 14, 0),
             false,
             "FREQ=WEEKLY;COUNT=5",
             {at(2026, 12, 12, 7, 0), at(2026, 12, 26, 7, 0)}};
  EXPECT_EQ(starts(occurrences(s, zone, INT64_MIN, INT64_MAX), zone),
            (std::vector<std::string>{"2026-11-28T07:00:00+01:00", "2026-12-05T07:00:00+01:00",
                                      "2026-12-19T07:00:00+01:00"}));
  // Only those overlapping the window; an occurrence under way at `from` counts.
  auto from = to_utc_ms(at(2026, 12, 5, 13, 0), zone);
  auto to = to_utc_ms(at(2026, 12, 20, 0, 0), zone);
  EXPECT_EQ(starts(occurrences(s, zone, from, to), zone),
            (std::vector<std::string>{"2026-12-05T07:00:00+01:00", "2026-12-19T07:00:00+01:00"}));
  EXPECT_EQ(occurrences(s, zone, from, to, 1).size(), 1u);
}

TEST(EventsRecurrence, AllDayEventsSpanWholeLocalDays) {
  auto zone = zone_named("Europe/Berlin");
  Schedule s{
      date(2026, 11, 27), date(2026, 11, 29), true, "FREQ=WEEKLY;COUNT=2", {date(2026, 12, 4)}};
  auto all = occurrences(s, zone, INT64_MIN, INT64_MAX);
  ASSERT_EQ(all.size(), 1u);  // the second is excluded
  EXPECT_EQ(format_rfc3339(all[0].start_ms, zone), "2026-11-27T00:00:00+01:00");
  EXPECT_EQ(format_rfc3339(all[0].end_ms, zone), "2026-11-30T00:00:00+01:00");
  // Over the DST change a day has 23 hours; the end is still local midnight.
  Schedule spring{date(2026, 3, 28), date(2026, 3, 29), true, "", {}};
  auto one = occurrences(spring, zone, INT64_MIN, INT64_MAX);
  EXPECT_EQ(one[0].end_ms - one[0].start_ms, 47 * 3'600'000LL);
}

TEST(EventsRecurrence, ExpansionIsBounded) {
  auto zone = zone_named("Europe/Berlin");
  Schedule daily{at(2026, 1, 1, 8, 0), at(2026, 1, 1, 9, 0), false, "FREQ=DAILY", {}};
  auto all = occurrences(daily, zone, INT64_MIN, INT64_MAX);
  EXPECT_LE(all.size(), static_cast<std::size_t>(kMaxOccurrences));
  EXPECT_GE(all.size(), 730u);
  EXPECT_LE(all.back().start_ms - all.front().start_ms, kMaxSpanMs);
  auto [first, last] = extent(daily, zone);
  EXPECT_EQ(first, all.front().start_ms);
  EXPECT_EQ(last, all.back().end_ms);
}

TEST(EventsRecurrence, RrulesAreCheckedAndNormalised) {
  EXPECT_EQ(*normalise_rrule("FREQ=WEEKLY;BYDAY=SA;COUNT=8"), "FREQ=WEEKLY;COUNT=8;BYDAY=SA");
  EXPECT_TRUE(normalise_rrule("RRULE:FREQ=DAILY;INTERVAL=2"));
  for (auto bad : {"", "FREQ=SOMETIMES", "COUNT=3", "FREQ=HOURLY;COUNT=3", "FREQ=DAILY\r\nX:1"})
    EXPECT_FALSE(normalise_rrule(bad)) << bad;
}

TEST(EventsValidation, AcceptsAFullEvent) {
  auto e = parse_event(obj(R"({"title":"Wochenmarkt","description":"**Frisch**",
    "start":"2026-11-28T07:00","end":"2026-11-28T14:00","category":"markt",
    "districts":["innenstadt-west"],"recurrence":{"rrule":"FREQ=WEEKLY;COUNT=5",
    "exdates":["2026-12-12T07:00:00+01:00"]},"venue":{"name":"Hansaplatz","address":"44137 Dortmund",
    "lat":51.5142,"lon":7.4637},"organizer":"Marktverwaltung","price":{"free":true,"text":""},
    "accessibility":"ebenerdig","link":"https://www.dortmund.de","status":"published",
    "publish_at":"2026-11-20T08:00:00Z"})"),
                       dortmund());
  ASSERT_TRUE(e) << e.error().detail();
  EXPECT_EQ(e->schedule.start, at(2026, 11, 28, 7, 0));
  EXPECT_EQ(e->schedule.exdates, std::vector<LocalTime>{at(2026, 12, 12, 7, 0)});
  EXPECT_EQ(e->description_html.find("<strong>Frisch</strong>") != std::string::npos, true);
  EXPECT_TRUE(e->free);
  EXPECT_EQ(e->status, Status::published);
  EXPECT_EQ(status_name(*e, *e->publish_at - 1), "scheduled");
  EXPECT_EQ(status_name(*e, *e->publish_at), "published");
  // The stored document reads back to the same event.
  auto back = event_from_doc(event_to_doc(*e));
  EXPECT_EQ(event_to_doc(back), event_to_doc(*e));
}

TEST(EventsValidation, NamesTheFieldOfEveryBadInput) {
  EXPECT_EQ(failing_field(kValid), "");
  auto with = [](std::string_view extra) {
    std::string body(kValid);
    body.pop_back();
    return body + "," + std::string(extra) + "}";
  };
  EXPECT_EQ(failing_field(R"({"title":"A","start":"2026-12-05T19:30:00+01:00",
    "end":"2026-12-05T18:00:00+01:00","category":"kultur"})"),
            "end");
  EXPECT_EQ(
      failing_field(R"({"title":"A","start":"2026-02-30T19:30:00+01:00","category":"kultur"})"),
      "start");
  EXPECT_EQ(failing_field(R"({"title":"A","start":"morgen","category":"kultur"})"), "start");
  EXPECT_EQ(failing_field(R"({"title":"A","start":"2026-12-05T19:30:00Z","category":"zirkus"})"),
            "category");
  EXPECT_EQ(failing_field(R"({"title":" ","start":"2026-12-05T19:30:00Z","category":"kultur"})"),
            "title");
  EXPECT_EQ(failing_field(R"({"title":"A","start":"2026-12-05","category":"kultur"})"), "start");
  EXPECT_EQ(failing_field(R"({"title":"A","all_day":true,"start":"2026-12-05T10:00:00Z",
    "category":"kultur"})"),
            "start");
  EXPECT_EQ(failing_field(R"({"title":"A","all_day":true,"start":"2026-12-05","end":"2026-12-04",
    "category":"kultur"})"),
            "end");
  EXPECT_EQ(failing_field(with(R"("districts":["hoerde","atlantis"])")), "districts[1]");
  EXPECT_EQ(failing_field(with(R"("recurrence":{"rrule":"FREQ=HOURLY"})")), "recurrence.rrule");
  EXPECT_EQ(failing_field(with(R"("recurrence":{"rrule":"FREQ=DAILY","exdates":["2026-12-06"]})")),
            "recurrence.exdates[0]");
  EXPECT_EQ(failing_field(with(R"("venue":{"name":"Halle","lat":51.5})")), "venue.lon");
  EXPECT_EQ(failing_field(with(R"("venue":{"name":"Halle","lat":91,"lon":7})")), "venue.lat");
  EXPECT_EQ(failing_field(with(R"x("link":"javascript:alert(1)")x")), "link");
  EXPECT_EQ(failing_field(with(R"("status":"scheduled")")), "status");
  EXPECT_EQ(failing_field(with(R"("publish_at":"2026-12-01T10:00")")), "publish_at");
  EXPECT_EQ(failing_field(with(R"("description_format":"rtf")")), "description_format");
  EXPECT_EQ(failing_field(with(R"("price":{"text":"5 €"})")), "price.free");
  EXPECT_EQ(failing_field(with(R"("id":7)")), "id");
  EXPECT_EQ(failing_field(with(R"("title2":"x")")), "title2");
  EXPECT_EQ(failing_field(with("\"description\":\"" + std::string(50'001, 'x') + "\"")),
            "description");
}

TEST(EventsValidation, AllDayEndDefaultsToTheStartDay) {
  auto e = parse_event(
      obj(R"({"title":"Weihnachtsmarkt","all_day":true,"start":"2026-12-05","category":"markt"})"),
      dortmund());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->schedule.end, date(2026, 12, 5));
}

TEST(EventsSettings, CategoriesAndFeedsAreCheckedAndFeedsStayPrivate) {
  EventsModule m;
  auto ok = m.validate_settings(obj(R"({"categories":[{"slug":"kultur","title":{"de":"Kultur"}}],
    "import_feeds":[{"url":"https://example.org/k.ics","category":"kultur"}]})"));
  ASSERT_TRUE(ok) << ok.error().detail();
  EXPECT_EQ(json::serialize((*ok)["categories"]),
            R"([{"slug":"kultur","title":{"de":"Kultur","en":"Kultur"}}])");
  EXPECT_FALSE(m.public_settings(*ok).contains("import_feeds"));
  EXPECT_EQ(m.validate_settings({})->at("categories").as_array().size(), 6u);  // defaults
  auto field = [&](std::string_view s) {
    auto r = m.validate_settings(obj(s));
    return r ? std::string() : r.error().field();
  };
  EXPECT_EQ(field(R"({"categories":[]})"), "categories");
  EXPECT_EQ(
      field(
          R"({"categories":[{"slug":"a-b","title":{"de":"A"}},{"slug":"a-b","title":{"de":"B"}}]})"),
      "categories[1].slug");
  EXPECT_EQ(field(R"({"import_feeds":[{"url":"ftp://x"}]})"), "import_feeds[0].url");
  EXPECT_EQ(field(R"({"import_feeds":[{"url":"https://x.example/a.ics","category":"zirkus"}]})"),
            "import_feeds[0].category");
  EXPECT_EQ(field(R"({"colour":"red"})"), "colour");
}

Event sample_event() {
  auto e = parse_event(obj(R"({"title":"Wochenmarkt, frisch; lecker","description":"Obst & Gemüse",
    "start":"2026-03-21T08:00:00+01:00","end":"2026-03-21T13:00:00+01:00","category":"markt",
    "recurrence":{"rrule":"FREQ=WEEKLY;COUNT=4","exdates":["2026-03-28T08:00:00+01:00"]},
    "venue":{"name":"Hansaplatz","address":"44137 Dortmund","lat":51.5142,"lon":7.4637},
    "status":"published"})"),
                       dortmund());
  EXPECT_TRUE(e);
  e->id = 42;
  e->created_at = e->updated_at = 1'790'000'000'000;
  return *e;
}

TEST(EventsIcal, WritesACalendarWithZoneRruleAndExdate) {
  auto city = dortmund();
  auto e = sample_event();
  auto allday = parse_event(obj(R"({"title":"Weihnachtsmarkt","all_day":true,"start":"2026-12-05",
    "end":"2026-12-07","category":"markt","cancelled":true})"),
                            city);
  ASSERT_TRUE(allday);
  allday->id = 43;
  auto text =
      write_calendar({e, *allday}, city, {"Veranstaltungen Dortmund", "https://app.example"});
  auto has = [&](std::string_view line) { return text.find(line) != std::string::npos; };
  EXPECT_TRUE(text.starts_with("BEGIN:VCALENDAR\r\n"));
  EXPECT_TRUE(has("VERSION:2.0\r\n"));
  EXPECT_TRUE(has("X-WR-CALNAME:Veranstaltungen Dortmund\r\n"));
  EXPECT_TRUE(has("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"));
  EXPECT_TRUE(has("UID:event-42@dortmund.mosaik\r\n"));
  EXPECT_TRUE(has("DTSTART;TZID=Europe/Berlin:20260321T080000\r\n"));
  EXPECT_TRUE(has("DTEND;TZID=Europe/Berlin:20260321T130000\r\n"));
  EXPECT_TRUE(has("RRULE:FREQ=WEEKLY;COUNT=4\r\n"));
  EXPECT_TRUE(has("EXDATE;TZID=Europe/Berlin:20260328T080000\r\n"));
  EXPECT_TRUE(has("SUMMARY:Wochenmarkt\\, frisch\\; lecker\r\n"));  // escaped by libical
  EXPECT_TRUE(has("GEO:51.514200;7.463700\r\n"));
  EXPECT_TRUE(has("URL:https://app.example/dortmund/events/42\r\n"));
  EXPECT_TRUE(has("DTSTART;VALUE=DATE:20261205\r\n"));
  EXPECT_TRUE(has("DTEND;VALUE=DATE:20261208\r\n"));  // exclusive
  EXPECT_TRUE(has("STATUS:CANCELLED\r\n"));
  EXPECT_TRUE(text.ends_with("END:VCALENDAR\r\n"));

  // What we write, we read back as the same events.
  auto parsed = parse_ics(text, city, "");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.items.size(), 2u);
  EXPECT_EQ(parsed.items[0].uid, "event-42@dortmund.mosaik");
  std::vector<ImportProblem> errors;
  auto checked = check_items(parsed, city, errors);
  ASSERT_TRUE(errors.empty()) << errors.front().message;
  EXPECT_EQ(checked[0].event.schedule.start, e.schedule.start);
  EXPECT_EQ(checked[0].event.schedule.rrule, e.schedule.rrule);
  EXPECT_EQ(checked[0].event.schedule.exdates, e.schedule.exdates);
  EXPECT_EQ(checked[0].event.venue->lat, 51.5142);
  EXPECT_EQ(checked[1].event.schedule.end, date(2026, 12, 7));
  EXPECT_TRUE(checked[1].event.cancelled);
}

TEST(EventsIcal, ReadsZonesDatesDurationsAndCategories) {
  auto city = dortmund();
  auto parsed = parse_ics(
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
      "BEGIN:VEVENT\r\nUID:ny-1\r\nSUMMARY:Call with New York\r\n"
      "DTSTART;TZID=America/New_York:20261205T090000\r\nDURATION:PT90M\r\n"
      "CATEGORIES:Music,KULTUR\r\nURL:https://example.org/e\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:fest\r\nSUMMARY:Stadtfest\r\nDTSTART;VALUE=DATE:20260605\r\n"
      "DTEND;VALUE=DATE:20260608\r\nLOCATION:Friedensplatz, 44135 Dortmund\r\n"
      "ORGANIZER;CN=Stadt Dortmund:mailto:info@dortmund.example\r\nEND:VEVENT\r\n"
      "BEGIN:VEVENT\r\nUID:fest\r\nRECURRENCE-ID;VALUE=DATE:20260606\r\nSUMMARY:x\r\n"
      "DTSTART;VALUE=DATE:20260606\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n",
      city, "markt");
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  ASSERT_EQ(parsed.items.size(), 2u);  // the RECURRENCE-ID override is skipped
  const auto& ny = parsed.items[0].input;
  EXPECT_EQ(ny.at("start"), "2026-12-05T15:00:00+01:00");  // 09:00 New York is 15:00 here
  EXPECT_EQ(ny.at("end"), "2026-12-05T16:30:00+01:00");
  EXPECT_EQ(ny.at("category"), "kultur");  // by the category's slug, case-insensitively
  EXPECT_EQ(ny.at("link"), "https://example.org/e");
  const auto& fest = parsed.items[1].input;
  EXPECT_EQ(fest.at("all_day"), true);
  EXPECT_EQ(fest.at("start"), "2026-06-05");
  EXPECT_EQ(fest.at("end"), "2026-06-07");  // inclusive
  EXPECT_EQ(fest.at("category"), "markt");  // the default
  EXPECT_EQ(fest.at("organizer"), "Stadt Dortmund");
  EXPECT_EQ(json::serialize(fest.at("venue")),
            R"({"name":"Friedensplatz","address":"44135 Dortmund"})");
}

TEST(EventsIcal, MalformedFilesAreErrorsWithLineNumbers) {
  auto city = dortmund();
  auto first_error = [&](std::string_view text) {
    auto p = parse_ics(text, city, "");
    EXPECT_FALSE(p.errors.empty()) << text;
    return p.errors.empty() ? ImportProblem{} : p.errors.front();
  };
  auto e = first_error("Hallo Welt\n");
  EXPECT_EQ(e.line, 1u);
  e = first_error("BEGIN:VEVENT\nEND:VEVENT\n");
  EXPECT_EQ(e.message, "not an iCalendar file: it must start with BEGIN:VCALENDAR");
  e = first_error(
      "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:A\nDTSTART:20261205T100000Z\n"
      "END:VCALENDAR\n");
  EXPECT_EQ(e.line, 7u);
  EXPECT_NE(e.message.find("END:VEVENT"), std::string::npos);
  e = first_error(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nthis is no property\nEND:VEVENT\n"
      "END:VCALENDAR\n");
  EXPECT_EQ(e.line, 4u);
  e = first_error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:A\nEND:VEVENT\n");
  EXPECT_EQ(e.line, 1u);
  EXPECT_NE(e.message.find("never closed"), std::string::npos);
  e = first_error(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:A\nDTSTART:20261205T100000Z\n"
      "END:VEVENT\nEND:VCALENDAR\n");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.field, "UID");
  e = first_error(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:A\n"
      "DTSTART;TZID=Mars/Olympus:20261205T100000\nEND:VEVENT\nEND:VCALENDAR\n");
  EXPECT_EQ(e.line, 5u);
  EXPECT_EQ(e.field, "DTSTART");
  EXPECT_NE(e.message.find("Mars/Olympus"), std::string::npos);
  // A validation error points at the property's line.
  auto p = parse_ics(
      "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:A\nDTSTART:20261205T100000Z\n"
      "DTEND:20261205T090000Z\nEND:VEVENT\nEND:VCALENDAR\n",
      city, "");
  std::vector<ImportProblem> errors;
  check_items(p, city, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 6u);
  EXPECT_EQ(errors[0].field, "DTEND");
  EXPECT_EQ(errors[0].message, "must not be before start");
}

TEST(EventsCsv, ReadsRowsInAnyColumnOrder) {
  auto city = dortmund();
  auto p = parse_csv(
      "uid,title,start,end,category,districts,venue_name,venue_address,lat,lon,free,price,rrule,"
      "exdates\r\n"
      "m-1,Wochenmarkt,2026-11-28T07:00,2026-11-28T14:00,markt,innenstadt-west|hoerde,"
      "Hansaplatz,\"Hansaplatz, 44137 Dortmund\",51.5142,7.4637,ja,,FREQ=WEEKLY;COUNT=4,"
      "2026-12-05T07:00\r\n"
      "\r\n"
      "k-2,\"Konzert \"\"Brahms\"\"\",2026-12-05T19:30:00+01:00,,,,,,,,nein,\"19 €,\n"
      "ermäßigt 10 €\",,\r\n"
      "w-3,Weihnachtsmarkt,2026-12-01,2026-12-23,,,,,,,,,,\r\n",
      city, "kultur");
  ASSERT_TRUE(p.errors.empty()) << p.errors.front().message;
  ASSERT_EQ(p.items.size(), 3u);
  EXPECT_EQ(p.items[0].line, 2u);
  EXPECT_EQ(p.items[1].line, 4u);  // after the blank line
  EXPECT_EQ(p.items[2].line, 6u);  // after the quoted line break
  std::vector<ImportProblem> errors;
  auto checked = check_items(p, city, errors);
  ASSERT_TRUE(errors.empty()) << errors.front().field << ": " << errors.front().message;
  EXPECT_EQ(checked[0].event.districts, (std::vector<std::string>{"innenstadt-west", "hoerde"}));
  EXPECT_EQ(checked[0].event.venue->address, "Hansaplatz, 44137 Dortmund");
  EXPECT_TRUE(checked[0].event.free);
  EXPECT_EQ(checked[0].event.schedule.rrule, "FREQ=WEEKLY;COUNT=4");
  EXPECT_EQ(checked[1].event.title, "Konzert \"Brahms\"");
  EXPECT_EQ(checked[1].event.category, "kultur");  // the default
  EXPECT_EQ(checked[1].event.price_text, "19 €,\nermäßigt 10 €");
  EXPECT_TRUE(checked[2].event.all_day);

  // Semicolons, as German spreadsheets write them.
  auto semi = parse_csv("uid;title;start;category\nx;Lesung;2026-12-02T19:00;kultur\n", city, "");
  ASSERT_TRUE(semi.errors.empty());
  EXPECT_EQ(semi.items[0].input.at("title"), "Lesung");
}

TEST(EventsCsv, BadRowsAreErrorsWithLinesAndColumns) {
  auto city = dortmund();
  auto problems = [&](std::string_view text) {
    auto p = parse_csv(text, city, "");
    std::vector<ImportProblem> errors = p.errors;
    check_items(p, city, errors);
    return errors;
  };
  auto e = problems("uid,title,begin\n");
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e[0].line, 1u);
  EXPECT_EQ(e[0].field, "begin");
  e = problems(
      "uid,title,start,category,free,lat,lon,venue_name\n"
      "a,A,2026-12-05T10:00,kultur,vielleicht,,,\n"
      "b,B,2026-12-05T10:00,kultur,,51;5,7,Halle\n"
      "c,C,2026-02-30T10:00,kultur,,,,\n"
      "d,D,2026-12-05T10:00,zirkus,,,,\n"
      ",E,2026-12-05T10:00,kultur,,,,\n"
      "a,F,2026-12-05T10:00,kultur,,,,\n"
      "g,G,2026-12-05T10:00,kultur,,,,,,\n");
  std::vector<std::pair<std::size_t, std::string>> got;
  for (const auto& x : e) got.emplace_back(x.line, x.field);
  EXPECT_EQ(got, (std::vector<std::pair<std::size_t, std::string>>{
                     {2, "free"}, {3, "lat"}, {6, "uid"}, {8, ""}, {4, "start"}, {5, "category"}}));
  e = problems("uid,title,start\na,\"Unclosed,2026-12-05T10:00\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0].message.find("quote"), std::string::npos);
  EXPECT_FALSE(problems("").empty());
}

TEST(EventsJsonLd, DescribesTheOccurrenceAsASchemaOrgEvent) {
  auto city = dortmund();
  auto e = sample_event();
  e.cancelled = true;
  e.free = true;
  e.organizer = "Marktverwaltung";
  e.image = shared::ImageRef{"/api/v1/cities/dortmund/media/ab.jpg", "Marktstände"};
  auto start = to_utc_ms(e.schedule.start, city.zone);
  auto ld = event_json_ld(e, city, start, start + 5 * 3'600'000, "https://app.example");
  EXPECT_EQ(ld["@type"], "Event");
  EXPECT_EQ(ld["startDate"], "2026-03-21T08:00:00+01:00");
  EXPECT_EQ(ld["endDate"], "2026-03-21T13:00:00+01:00");
  EXPECT_EQ(ld["eventStatus"], "https://schema.org/EventCancelled");
  EXPECT_EQ(ld["isAccessibleForFree"], true);
  EXPECT_EQ(ld["location"].as_object()["geo"].as_object()["latitude"], 51.5142);
  EXPECT_EQ(ld["location"].as_object()["address"].as_object()["streetAddress"], "44137 Dortmund");
  EXPECT_EQ(ld["organizer"].as_object()["name"], "Marktverwaltung");
  EXPECT_EQ(ld["image"].as_array()[0], "https://app.example/api/v1/cities/dortmund/media/ab.jpg");
  EXPECT_EQ(ld["url"], "https://app.example/dortmund/events/42");
}

}  // namespace
}  // namespace mosaik::modules::events
