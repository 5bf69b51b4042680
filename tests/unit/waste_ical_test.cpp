// The Abfallkalender's iCalendar feed: written with libical and read back with libical (and with
// our own importer), stable UIDs, byte-stable output, CRLF and folding, alarms on request.
#include "modules/waste/waste_ical.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>

#include "modules/waste/waste_import.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::waste {
namespace {

using namespace std::chrono_literals;

Day day(std::string_view text) {
  return *parse_day(text);
}

std::vector<WasteType> city_types() {
  return {{"restmuell", "Restmüll", "Residual waste", "#4a4a4a", "bin",
           "Windeln, Staubsaugerbeutel, Asche, Kehricht, Hygieneartikel, Zigarettenkippen, "
           "Tapetenreste, Fotos, Katzenstreu, kaputtes Geschirr, Porzellan, Spiegelglas",
           ""},
          {"papier", "Papier", "Paper", "#1565c0", "paper", "Zeitungen, Kartons", ""},
          {"gelb", "Gelbe Tonne", "Recycling bin", "#f9a825", "recycling", "", ""}};
}

AreaCalendar info(std::optional<int> alarm = std::nullopt) {
  return {"dortmund", "A12", "Abfuhrtermine Hauptstraße 12", "Europe/Berlin", alarm};
}

std::vector<Pickup> pickups() {
  return {{day("2027-01-05"), day("2027-01-05"), "restmuell", "", false},
          {day("2027-01-08"), day("2027-01-07"), "papier", "Heilige Drei Könige", false},
          {day("2027-01-12"), day("2027-01-12"), "gelb", "", true},  // cancelled
          {day("2027-01-14"), day("2027-01-14"), "gelb", "", false}};
}

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

std::string text_of(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (!p) return "";
  const char* v = icalproperty_get_value_as_string(p);
  return v ? v : "";
}

std::string x_property(icalcomponent* c, std::string_view name) {
  for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
    if (name == icalproperty_get_x_name(p)) return icalproperty_get_x(p);
  return "";
}

std::vector<icalcomponent*> vevents(icalcomponent* cal) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
    out.push_back(ev);
  return out;
}

TEST(WasteIcalWriter, PickupUidNamesThePlannedDate) {
  Pickup moved{day("2027-01-08"), day("2027-01-07"), "papier", "", false};
  EXPECT_EQ(pickup_uid(moved, "A12", "dortmund"), "20270107-papier-A12@dortmund.waste.mosaik");
  Pickup same = moved;
  same.date = same.planned;
  EXPECT_EQ(pickup_uid(same, "A12", "dortmund"), pickup_uid(moved, "A12", "dortmund"));
  Pickup other_type = moved;
  other_type.type = "gelb";
  EXPECT_NE(pickup_uid(other_type, "A12", "dortmund"), pickup_uid(moved, "A12", "dortmund"));
}

TEST(WasteIcalWriter, LibicalReadsBackTheCalendar) {
  auto text = write_area_calendar(pickups(), city_types(), info());
  shared::LibicalLock lock;
  ComponentPtr cal(icalparser_parse_string(text.c_str()));
  ASSERT_TRUE(cal);
  ASSERT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_count_errors(cal.get()), 0);
  EXPECT_EQ(text_of(cal.get(), ICAL_PRODID_PROPERTY), "-//Mosaik//Abfallkalender//DE");
  EXPECT_EQ(text_of(cal.get(), ICAL_VERSION_PROPERTY), "2.0");
  EXPECT_EQ(text_of(cal.get(), ICAL_CALSCALE_PROPERTY), "GREGORIAN");
  EXPECT_EQ(text_of(cal.get(), ICAL_METHOD_PROPERTY), "PUBLISH");
  EXPECT_EQ(x_property(cal.get(), "X-WR-CALNAME"), "Abfuhrtermine Hauptstraße 12");
  EXPECT_EQ(x_property(cal.get(), "X-WR-TIMEZONE"), "Europe/Berlin");
  EXPECT_EQ(x_property(cal.get(), "X-PUBLISHED-TTL"), "P1D");
  EXPECT_NE(text.find("REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n"), std::string::npos);
  EXPECT_EQ(icalcomponent_get_first_component(cal.get(), ICAL_VTIMEZONE_COMPONENT), nullptr);

  auto events = vevents(cal.get());
  ASSERT_EQ(events.size(), 3u) << "the cancelled pickup is left out";
  std::vector<std::string> uids;
  for (auto* ev : events) uids.push_back(icalcomponent_get_uid(ev));
  EXPECT_EQ(uids, (std::vector<std::string>{"20270105-restmuell-A12@dortmund.waste.mosaik",
                                            "20270107-papier-A12@dortmund.waste.mosaik",
                                            "20270114-gelb-A12@dortmund.waste.mosaik"}));

  icalcomponent* rest = events[0];
  icaltimetype start = icalcomponent_get_dtstart(rest);
  EXPECT_TRUE(start.is_date);
  EXPECT_EQ(start.year, 2027);
  EXPECT_EQ(start.month, 1);
  EXPECT_EQ(start.day, 5);
  icaltimetype end = icalcomponent_get_dtend(rest);
  EXPECT_TRUE(end.is_date);
  EXPECT_EQ(end.day, 6);
  EXPECT_STREQ(icalcomponent_get_summary(rest), "Restmüll");
  EXPECT_EQ(text_of(rest, ICAL_CATEGORIES_PROPERTY), "restmuell");
  EXPECT_EQ(text_of(rest, ICAL_TRANSP_PROPERTY), "TRANSPARENT");
  EXPECT_STREQ(icalcomponent_get_description(rest), city_types()[0].accepts_de.c_str());
  icaltimetype stamp = icalcomponent_get_dtstamp(rest);
  EXPECT_TRUE(icaltime_is_utc(stamp));
  EXPECT_EQ(stamp.day, 5);
  EXPECT_EQ(stamp.hour, 0);
  EXPECT_NE(text.find("DTSTART;VALUE=DATE:20270105\r\n"), std::string::npos);
  EXPECT_NE(text.find("DTEND;VALUE=DATE:20270106\r\n"), std::string::npos);

  icalcomponent* moved = events[1];
  EXPECT_EQ(icalcomponent_get_dtstart(moved).day, 8);
  EXPECT_STREQ(icalcomponent_get_description(moved),
               "Verschoben vom 07.01.2027: Heilige Drei Könige\nZeitungen, Kartons");
  EXPECT_EQ(icalcomponent_get_first_property(events[2], ICAL_DESCRIPTION_PROPERTY), nullptr)
      << "no accepts text, not moved: no DESCRIPTION";
  for (auto* ev : events)
    EXPECT_EQ(icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT), nullptr);
}

TEST(WasteIcalWriter, UidsStayWhenAPickupMoves) {
  auto before = pickups();
  auto after = before;
  after[0].date = day("2027-01-06");
  after[0].note = "Streik";
  auto a = write_area_calendar(before, city_types(), info());
  auto b = write_area_calendar(after, city_types(), info());
  EXPECT_NE(a, b);
  EXPECT_NE(b.find("UID:20270105-restmuell-A12@dortmund.waste.mosaik\r\n"), std::string::npos);
  EXPECT_NE(b.find("DTSTART;VALUE=DATE:20270106\r\n"), std::string::npos);
  EXPECT_EQ(b.find("DTSTART;VALUE=DATE:20270105\r\n"), std::string::npos);
}

TEST(WasteIcalWriter, ByteIdenticalOnEveryCall) {
  auto a = write_area_calendar(pickups(), city_types(), info(360));
  auto b = write_area_calendar(pickups(), city_types(), info(360));
  EXPECT_EQ(a, b);
}

TEST(WasteIcalWriter, CrlfLineEndsAndFoldingAt75Octets) {
  auto text = write_area_calendar(pickups(), city_types(), info(360));
  ASSERT_FALSE(text.empty());
  ASSERT_TRUE(text.ends_with("END:VCALENDAR\r\n"));
  std::size_t pos = 0, folded = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    ASSERT_NE(nl, std::string::npos);
    ASSERT_GT(nl, pos);
    EXPECT_EQ(text[nl - 1], '\r') << "line at offset " << pos;
    auto line = std::string_view(text).substr(pos, nl - 1 - pos);
    EXPECT_LE(line.size(), 75u) << line;
    if (line.starts_with(" ")) ++folded;
    pos = nl + 1;
  }
  EXPECT_GT(folded, 0u) << "the long DESCRIPTION is folded";
  // Unfolded, it is the text we wrote, umlauts intact.
  shared::LibicalLock lock;
  ComponentPtr cal(icalparser_parse_string(text.c_str()));
  auto events = vevents(cal.get());
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(std::string(icalcomponent_get_description(events[0])), city_types()[0].accepts_de);
}

TEST(WasteIcalWriter, AlarmOnlyWhenAsked) {
  auto with = write_area_calendar(pickups(), city_types(), info(360));
  auto without = write_area_calendar(pickups(), city_types(), info());
  EXPECT_EQ(without.find("BEGIN:VALARM"), std::string::npos);
  EXPECT_NE(with.find("TRIGGER:-PT360M\r\n"), std::string::npos);
  shared::LibicalLock lock;
  ComponentPtr cal(icalparser_parse_string(with.c_str()));
  for (auto* ev : vevents(cal.get())) {
    icalcomponent* alarm = icalcomponent_get_first_component(ev, ICAL_VALARM_COMPONENT);
    ASSERT_NE(alarm, nullptr);
    EXPECT_EQ(text_of(alarm, ICAL_ACTION_PROPERTY), "DISPLAY");
    EXPECT_FALSE(text_of(alarm, ICAL_DESCRIPTION_PROPERTY).empty());
    icaltriggertype trigger =
        icalproperty_get_trigger(icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY));
    EXPECT_EQ(icaldurationtype_as_int(trigger.duration), -360 * 60);
  }
}

TEST(WasteIcalWriter, OurFeedImportsBackAsTheSameDates) {
  auto text = write_area_calendar(pickups(), city_types(), info(360));
  auto r = parse_area_ics(text, 2027, "A12", city_types());
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.one_offs.size(), 3u);
  EXPECT_EQ(r.one_offs[0].date, day("2027-01-05"));
  EXPECT_EQ(r.one_offs[0].type, "restmuell");
  EXPECT_EQ(r.one_offs[1].date, day("2027-01-08"));
  EXPECT_EQ(r.one_offs[1].type, "papier");
  EXPECT_EQ(r.one_offs[2].type, "gelb");
}

TEST(WasteIcalWriter, EmptyCalendarIsStillValid) {
  auto text = write_area_calendar({}, city_types(), info());
  shared::LibicalLock lock;
  ComponentPtr cal(icalparser_parse_string(text.c_str()));
  ASSERT_TRUE(cal);
  EXPECT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_TRUE(vevents(cal.get()).empty());
}

}  // namespace
}  // namespace mosaik::modules::waste
