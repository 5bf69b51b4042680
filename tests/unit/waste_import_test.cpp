// The Abfallkalender imports without a server: streets and dates CSV (libcsv) and a waste
// company's iCalendar file (libical), each problem with its line and column.
#include "modules/waste/waste_import.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace mosaik::modules::waste {
namespace {

using namespace std::chrono_literals;

std::vector<WasteType> city_types() {
  return {{"restmuell", "Restmüll", "Residual waste", "#4a4a4a", "bin", "Windeln, Asche", ""},
          {"bio", "Bioabfall", "Organic waste", "#2e7d32", "bio", "Obstreste", ""},
          {"papier", "Papier", "Paper", "#1565c0", "paper", "Zeitungen, Kartons", ""},
          {"gelb", "Gelbe Tonne", "Recycling bin", "#f9a825", "recycling", "Verpackungen", ""},
          {"weihnachtsbaum", "Weihnachtsbäume", "Christmas trees", "#1b5e20", "tree", "", ""}};
}

const std::set<std::string> kDistricts = {"innenstadt-west", "hoerde"};

Day day(std::string_view text) {
  return *parse_day(text);
}

// The problems as "line field" strings, for compact assertions.
std::vector<std::string> where(const std::vector<ImportProblem>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(std::to_string(e.line) + " " + e.field);
  return out;
}

std::string all_messages(const std::vector<ImportProblem>& errors) {
  std::string out;
  for (const auto& e : errors)
    out += std::to_string(e.line) + " " + e.field + ": " + e.message + "\n";
  return out;
}

// ---- streets ----------------------------------------------------------------------------------

TEST(WasteStreetsCsv, ReadsTheDocumentedExample) {
  auto r = parse_streets_csv(
      "street;house_from;house_to;parity;area;area_name;district\n"
      "Hauptstraße;1;49;odd;A12;Innenstadt-West 2;innenstadt-west\n"
      "Hauptstraße;51;;odd;A13;Innenstadt-West 3;innenstadt-west\n"
      "Hauptstraße;2;;even;A12;Innenstadt-West 2;innenstadt-west\n"
      "Am Ölbach;;;;B04;Hörde 4;hoerde\n",
      kDistricts);
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  EXPECT_EQ(r.rows, 4u);
  ASSERT_EQ(r.streets.size(), 4u);
  EXPECT_EQ(r.streets[0].street, "Hauptstraße");
  EXPECT_EQ(r.streets[0].from, (HouseNumber{1, ""}));
  EXPECT_EQ(r.streets[0].to, (HouseNumber{49, ""}));
  EXPECT_EQ(r.streets[0].parity, Parity::odd);
  EXPECT_EQ(r.streets[1].to, std::nullopt);
  EXPECT_EQ(r.streets[2].parity, Parity::even);
  EXPECT_TRUE(r.streets[3].whole_street());
  EXPECT_EQ(r.streets[3].district, "hoerde");
  ASSERT_EQ(r.areas.size(), 3u);
  EXPECT_EQ(r.areas[0].code, "A12");
  EXPECT_EQ(r.areas[0].name, "Innenstadt-West 2");
  EXPECT_EQ(r.areas[0].district, "innenstadt-west");
  EXPECT_EQ(r.areas[1].code, "A13");
  EXPECT_EQ(r.areas[2].code, "B04");
  EXPECT_EQ(r.areas[2].name, "Hörde 4");
}

TEST(WasteStreetsCsv, CommaFileWithBomQuotingAndColumnsInAnyOrder) {
  auto r = parse_streets_csv(
      "\xEF\xBB\xBF"
      "AREA,Street,Parity\r\n"
      "A1,\"Am Markt, Nordseite\",ungerade\r\n"
      "A2,\"Platz \"\"der Einheit\"\"\",\r\n",
      kDistricts);
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  ASSERT_EQ(r.streets.size(), 2u);
  EXPECT_EQ(r.streets[0].street, "Am Markt, Nordseite");
  EXPECT_EQ(r.streets[0].area, "A1");
  EXPECT_EQ(r.streets[0].parity, Parity::odd);
  EXPECT_EQ(r.streets[1].street, "Platz \"der Einheit\"");
  EXPECT_EQ(r.streets[1].parity, Parity::all);
}

TEST(WasteStreetsCsv, SemicolonFileWithCommasInsideCells) {
  auto r = parse_streets_csv("street;area;area_name\nAm Markt, Nord;A1;Mitte, Nord\n", kDistricts);
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  ASSERT_EQ(r.streets.size(), 1u);
  EXPECT_EQ(r.streets[0].street, "Am Markt, Nord");
  EXPECT_EQ(r.areas[0].name, "Mitte, Nord");
}

TEST(WasteStreetsCsv, MissingAndUnknownColumns) {
  auto r = parse_streets_csv("street;house_from;colour\nHauptstraße;1;grün\n", kDistricts);
  EXPECT_EQ(where(r.errors), (std::vector<std::string>{"1 colour", "1 area"}));
  EXPECT_NE(r.errors[0].message.find("unknown column 'colour'"), std::string::npos);
  EXPECT_NE(r.errors[1].message.find("needs a column 'area'"), std::string::npos);
  EXPECT_TRUE(r.streets.empty());
}

TEST(WasteStreetsCsv, EveryRowProblemIsReportedWithItsLineAndColumn) {
  auto r = parse_streets_csv(
      "street;house_from;house_to;parity;area;district\n"
      "Hauptstraße;zwölf;;;A1;\n"          // 2: bad house number
      "Lindenweg;20;10;;A1;\n"             // 3: house_to below house_from
      ";1;;;A1;\n"                         // 4: no street
      "Birkenweg;;;;;\n"                   // 5: no area
      "Eichenweg;;;jede;A1;\n"             // 6: bad parity
      "Ahornweg;;;;A1;nirgendwo\n"         // 7: unknown district
      "Ulmenweg;;;;A 12!;\n"               // 8: bad area code
      "Kastanienweg;1;9;odd;A1;;extra\n",  // 9: more cells than columns
      kDistricts);
  EXPECT_EQ(where(r.errors),
            (std::vector<std::string>{"2 house_from", "3 house_to", "4 street", "5 area",
                                      "6 parity", "7 district", "8 area", "9 "}))
      << all_messages(r.errors);
  EXPECT_NE(r.errors[0].message.find("'zwölf' is not a house number"), std::string::npos);
  EXPECT_EQ(r.rows, 8u);
}

TEST(WasteStreetsCsv, OverlappingRangesOfTheSameStreet) {
  auto r = parse_streets_csv(
      "street;house_from;house_to;parity;area\n"
      "Hauptstraße;1;49;odd;A12\n"    // 2
      "Hauptstraße;2;;even;A12\n"     // 3: odd vs even never overlap
      "Hauptstrasse;45;99;odd;A13\n"  // 4: odd vs odd, 45-49 (same street, spelled with ss)
      "HAUPTSTRASSE;60;70;;A14\n"     // 5: all vs even row 3 (60-70)
      "Hauptstraße;51;59;odd;A15\n"   // 6: within row 4 (45-99 odd)
      "Hauptstraße;101;;odd;A16\n"    // 7: after row 4 ends: fine
      "Nebenstraße;1;49;odd;A12\n",   // 8: another street
      kDistricts);
  EXPECT_EQ(where(r.errors),
            (std::vector<std::string>{"4 house_from", "5 house_from", "6 house_from"}))
      << all_messages(r.errors);
  EXPECT_NE(r.errors[0].message.find("line 2"), std::string::npos);
  EXPECT_NE(r.errors[1].message.find("line 3"), std::string::npos);
  EXPECT_NE(r.errors[2].message.find("line 4"), std::string::npos);
}

TEST(WasteStreetsCsv, OddAgainstAllOverlapsButNotWhenTheyShareOnlyAnEvenNumber) {
  auto overlapping = parse_streets_csv(
      "street;house_from;house_to;parity;area\nWeg;1;9;odd;A1\nWeg;9;20;all;A2\n", kDistricts);
  EXPECT_EQ(where(overlapping.errors), (std::vector<std::string>{"3 house_from"}));
  auto touching = parse_streets_csv(
      "street;house_from;house_to;parity;area\nWeg;1;10;odd;A1\nWeg;10;20;all;A2\n", kDistricts);
  EXPECT_TRUE(touching.errors.empty()) << all_messages(touching.errors);
  // A suffixed house number lies within a range ending at its number ("1-49" includes 49a).
  auto suffix = parse_streets_csv(
      "street;house_from;house_to;area\nWeg;1;49;A1\nWeg;49a;60;A2\nWeg;61;;A3\n", kDistricts);
  EXPECT_EQ(where(suffix.errors), (std::vector<std::string>{"3 house_from"}));
}

TEST(WasteStreetsCsv, WholeStreetAndSplitStreetConflict) {
  auto r = parse_streets_csv(
      "street;house_from;house_to;parity;area\n"
      "Am Ölbach;;;;B04\n"     // 2: whole
      "Am Oelbach;1;9;;B05\n"  // 3: split (the same street)
      "Lindenweg;2;;even;C1\n"
      "Lindenweg;;;;C2\n",  // 5: whole after a split row
      kDistricts);
  EXPECT_EQ(where(r.errors), (std::vector<std::string>{"3 house_from", "5 street"}))
      << all_messages(r.errors);
  EXPECT_NE(r.errors[0].message.find("whole street"), std::string::npos);
  EXPECT_NE(r.errors[0].message.find("line 2"), std::string::npos);
  EXPECT_NE(r.errors[1].message.find("line 4"), std::string::npos);
}

TEST(WasteStreetsCsv, SameNameInTwoDistrictsIsTwoStreets) {
  auto r = parse_streets_csv(
      "street;area;district\nHauptstraße;A1;innenstadt-west\nHauptstraße;B1;hoerde\n", kDistricts);
  EXPECT_TRUE(r.errors.empty()) << all_messages(r.errors);
}

TEST(WasteStreetsCsv, AreasKeepTheirFirstNameAndReportAConflictingOne) {
  auto r = parse_streets_csv(
      "street;area;area_name;district\n"
      "Weg 1;A1;;\n"
      "Weg 2;A1;Nord;innenstadt-west\n"
      "Weg 3;A1;Nord;hoerde\n"
      "Weg 4;A1;Süd;\n",
      kDistricts);
  EXPECT_EQ(where(r.errors), (std::vector<std::string>{"5 area_name"}));
  EXPECT_NE(r.errors[0].message.find("'Nord' in line 3"), std::string::npos);
  ASSERT_EQ(r.areas.size(), 1u);
  EXPECT_EQ(r.areas[0].name, "Nord");
  EXPECT_EQ(r.areas[0].district, "innenstadt-west");
}

TEST(WasteStreetsCsv, LineNumbersCountPhysicalLines) {
  auto r = parse_streets_csv(
      "street,area,house_from\n"  // 1
      "\"Lange\n"                 // 2: a cell over two lines
      "Straße\",A1,zz\n"          // 3
      "\n"                        // 4: blank
      ",,\n"                      // 5: an empty spreadsheet row
      "Kurze Straße,A2,\"1\n"     // 6
      "\"\n"                      // 7
      "Mittelweg,A3,x\n",         // 8
      kDistricts);
  EXPECT_EQ(where(r.errors),
            (std::vector<std::string>{"2 house_from", "6 house_from", "8 house_from"}))
      << all_messages(r.errors);
  EXPECT_EQ(r.rows, 3u);
}

TEST(WasteStreetsCsv, BrokenQuotingIsOneProblemWithItsLine) {
  auto stray = parse_streets_csv("street,area\nHaupt\"straße,A1\n", kDistricts);
  EXPECT_EQ(where(stray.errors), (std::vector<std::string>{"2 "}));
  auto unclosed = parse_streets_csv("street,area\nWeg,A1\n\"Haupt,A2\nNeben,A3\n", kDistricts);
  EXPECT_EQ(where(unclosed.errors), (std::vector<std::string>{"3 "}));
  EXPECT_NE(unclosed.errors[0].message.find("never closed"), std::string::npos);
  auto empty = parse_streets_csv("", kDistricts);
  EXPECT_EQ(where(empty.errors), (std::vector<std::string>{"1 "}));
}

TEST(WasteStreetsCsv, RejectsLatin1AndOverlongNames) {
  auto latin1 = parse_streets_csv(
      "street;area\nHauptstra\xDF"
      "e;A1\n",
      kDistricts);
  EXPECT_EQ(where(latin1.errors), (std::vector<std::string>{"2 "}));
  auto long_name = parse_streets_csv("street;area\n" + std::string(121, 'x') + ";A1\n" +
                                         std::string(60, 'x') + std::string(60, 'x') + "ß;A1\n",
                                     kDistricts);
  EXPECT_EQ(where(long_name.errors), (std::vector<std::string>{"2 street", "3 street"}));
  auto ok = parse_streets_csv("street;area\n" + std::string(100, 'x') + "ääääääääääääääääääää;A1\n",
                              kDistricts);  // 120 characters, 140 bytes
  EXPECT_TRUE(ok.errors.empty()) << all_messages(ok.errors);
}

// ---- dates ------------------------------------------------------------------------------------

const std::set<std::string> kAreas = {"A12", "A13"};

TEST(WasteDatesCsv, ReadsTheDocumentedExample) {
  auto r = parse_dates_csv(
      "area;type;date;every_weeks;until\n"
      "A12;restmuell;2027-01-05;2;\n"
      "A12;gelb;2027-01-08;4;2027-12-31\n"
      "A12;weihnachtsbaum;2027-01-12;;\n",
      2027, kAreas, city_types());
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  EXPECT_EQ(r.rows, 3u);
  ASSERT_EQ(r.rhythms.size(), 2u);
  EXPECT_EQ(r.rhythms[0].area, "A12");
  EXPECT_EQ(r.rhythms[0].type, "restmuell");
  EXPECT_EQ(r.rhythms[0].first, day("2027-01-05"));
  EXPECT_EQ(r.rhythms[0].last, day("2027-12-31"));  // the default end
  EXPECT_EQ(r.rhythms[0].every_weeks, 2);
  EXPECT_EQ(r.rhythms[1].every_weeks, 4);
  ASSERT_EQ(r.one_offs.size(), 1u);
  EXPECT_EQ(r.one_offs[0].type, "weihnachtsbaum");
  EXPECT_EQ(r.one_offs[0].date, day("2027-01-12"));
}

TEST(WasteDatesCsv, CommaFileWithUntil) {
  auto r = parse_dates_csv(
      "\xEF\xBB\xBF\"date\",\"type\",\"area\",\"until\",\"every_weeks\"\r\n"
      "2027-03-01,papier,A13,2027-06-30,1\r\n",
      2027, kAreas, city_types());
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  ASSERT_EQ(r.rhythms.size(), 1u);
  EXPECT_EQ(r.rhythms[0].last, day("2027-06-30"));
}

TEST(WasteDatesCsv, EveryProblemWithItsLineAndColumn) {
  auto r = parse_dates_csv(
      "area;type;date;every_weeks;until\n"
      "A12;restmuell;2027-02-30;;\n"             // 2: no such day
      "A12;restmuell;2026-12-30;;\n"             // 3: outside the year
      "A12;restmuell;2027-05-04;2;2027-05-01\n"  // 4: until before date
      "A12;restmüll;2027-05-04;;\n"              // 5: unknown type
      "Z9;bio;2027-05-04;;\n"                    // 6: unknown area
      "A12;bio;2027-05-04;5;\n"                  // 7: every_weeks out of range
      "A12;bio;2027-05-04;2;2028-01-04\n"        // 8: until outside the year
      "A12;bio;2027-05-04;;2027-06-01\n"         // 9: until without every_weeks
      "A12;papier;05.04.2027;;\n",               // 10: not ISO
      2027, kAreas, city_types());
  EXPECT_EQ(where(r.errors),
            (std::vector<std::string>{"2 date", "3 date", "4 until", "5 type", "6 area",
                                      "7 every_weeks", "8 until", "9 until", "10 date"}))
      << all_messages(r.errors);
  EXPECT_NE(r.errors[3].message.find("restmuell (Restmüll)"), std::string::npos)
      << "the message lists the city's types";
  EXPECT_TRUE(r.rhythms.empty());
  EXPECT_TRUE(r.one_offs.empty());
}

TEST(WasteDatesCsv, DuplicatesNameTheEarlierLine) {
  auto r = parse_dates_csv(
      "area,type,date,every_weeks\n"
      "A12,bio,2027-01-07,2\n"
      "A13,bio,2027-01-07,2\n"  // another area: fine
      "A12,bio,2027-01-07,\n",  // the same area/type/date as line 2
      2027, kAreas, city_types());
  EXPECT_EQ(where(r.errors), (std::vector<std::string>{"4 date"}));
  EXPECT_NE(r.errors[0].message.find("line 2"), std::string::npos);
}

TEST(WasteDatesCsv, MissingColumnAndRowLimit) {
  auto r = parse_dates_csv("area;type\nA12;bio\n", 2027, kAreas, city_types());
  EXPECT_EQ(where(r.errors), (std::vector<std::string>{"1 date"}));
  std::string big = "area;type;date\n";
  for (int i = 0; i < 200'001; ++i) big += "A12;bio;2027-01-07\n";
  auto too_many = parse_dates_csv(big, 2027, kAreas, city_types());
  ASSERT_EQ(too_many.errors.size(), 1u);
  EXPECT_NE(too_many.errors[0].message.find("more than 200000 rows"), std::string::npos);
}

// ---- iCalendar --------------------------------------------------------------------------------

std::string crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> dates_of(const DatesImport& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& o : r.one_offs) out.emplace_back(o.type, format_day(o.date));
  return out;
}

// As a waste company publishes it: all-day events, a VTIMEZONE, alarms, titles in their words,
// and the first days of the next year.
constexpr std::string_view kCompanyFile = R"(BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//EDG Entsorgung Dortmund//Abfuhrkalender 2027//DE
X-WR-CALNAME:Abfuhrkalender Hauptstraße 12
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:edg-1@entsorgung
DTSTAMP:20261101T120000Z
DTSTART;VALUE=DATE:20270105
DTEND;VALUE=DATE:20270106
SUMMARY:Restmüll
DESCRIPTION:Bitte stellen Sie die Tonne bis 6 Uhr bereit.
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-PT6H
DESCRIPTION:Restmüll
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:edg-2@entsorgung
DTSTART;VALUE=DATE:20270107
SUMMARY:Bioabfall
END:VEVENT
BEGIN:VEVENT
UID:edg-3@entsorgung
DTSTART;VALUE=DATE:20270112
SUMMARY:Papier
END:VEVENT
BEGIN:VEVENT
UID:edg-4@entsorgung
DTSTART;VALUE=DATE:20270114
SUMMARY:Gelbe Tonne / Wertstoffe
END:VEVENT
BEGIN:VEVENT
UID:edg-5@entsorgung
DTSTART;TZID=Europe/Berlin:20270119T060000
SUMMARY:Blaue Tonne (Papier)
END:VEVENT
BEGIN:VEVENT
UID:edg-6@entsorgung
DTSTART;VALUE=DATE:20271228
SUMMARY:Restmülltonne
END:VEVENT
BEGIN:VEVENT
UID:edg-7@entsorgung
DTSTART;VALUE=DATE:20280104
SUMMARY:Restmüll
END:VEVENT
BEGIN:VEVENT
UID:edg-8@entsorgung
DTSTART;VALUE=DATE:20280106
SUMMARY:Biotonne
END:VEVENT
END:VCALENDAR
)";

TEST(WasteIcsImport, ReadsAWasteCompanyFileAndSkipsTheNextYear) {
  auto r = parse_area_ics(crlf(kCompanyFile), 2027, "A12", city_types());
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  EXPECT_EQ(r.rows, 8u);
  EXPECT_TRUE(r.rhythms.empty());
  EXPECT_EQ(dates_of(r),
            (std::vector<std::pair<std::string, std::string>>{{"restmuell", "2027-01-05"},
                                                              {"bio", "2027-01-07"},
                                                              {"papier", "2027-01-12"},
                                                              {"gelb", "2027-01-14"},
                                                              {"papier", "2027-01-19"},
                                                              {"restmuell", "2027-12-28"}}));
  for (const auto& o : r.one_offs) EXPECT_EQ(o.area, "A12");
  // LF line ends read the same.
  auto lf = parse_area_ics(kCompanyFile, 2027, "A12", city_types());
  EXPECT_EQ(dates_of(lf), dates_of(r));
}

std::string calendar(std::string_view vevents) {
  return crlf("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Test//DE\n" + std::string(vevents) +
              "END:VCALENDAR\n");
}

TEST(WasteIcsImport, WeeklyRuleBecomesARhythm) {
  auto r = parse_area_ics(calendar("BEGIN:VEVENT\n"
                                   "UID:r1\n"
                                   "DTSTART;VALUE=DATE:20270105\n"
                                   "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271228\n"
                                   "SUMMARY:Restmüll\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"
                                   "UID:r2\n"
                                   "DTSTART;VALUE=DATE:20270302\n"
                                   "RRULE:FREQ=WEEKLY;COUNT=5\n"
                                   "SUMMARY:Paper\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"  // starts in the year before: clipped
                                   "UID:r3\n"
                                   "DTSTART;VALUE=DATE:20261204\n"
                                   "RRULE:FREQ=WEEKLY;INTERVAL=4;UNTIL=20280630\n"
                                   "SUMMARY:gelb\n"
                                   "END:VEVENT\n"),
                          2027, "A12", city_types());
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  ASSERT_EQ(r.rhythms.size(), 3u);
  EXPECT_EQ(r.rhythms[0].type, "restmuell");
  EXPECT_EQ(r.rhythms[0].area, "A12");
  EXPECT_EQ(r.rhythms[0].first, day("2027-01-05"));
  EXPECT_EQ(r.rhythms[0].last, day("2027-12-28"));
  EXPECT_EQ(r.rhythms[0].every_weeks, 2);
  EXPECT_EQ(r.rhythms[1].type, "papier");
  EXPECT_EQ(r.rhythms[1].first, day("2027-03-02"));
  EXPECT_EQ(r.rhythms[1].last, day("2027-03-30"));  // 5 weekly dates
  EXPECT_EQ(r.rhythms[1].every_weeks, 1);
  EXPECT_EQ(r.rhythms[2].first, day("2027-01-01"));  // 2026-12-04 + 4 weeks
  EXPECT_EQ(r.rhythms[2].last, day("2027-12-31"));
  EXPECT_EQ(r.rhythms[2].every_weeks, 4);
  EXPECT_TRUE(r.one_offs.empty());
}

TEST(WasteIcsImport, OtherRulesAndExceptionsBecomeDates) {
  auto r = parse_area_ics(calendar("BEGIN:VEVENT\n"
                                   "UID:m1\n"
                                   "DTSTART;VALUE=DATE:20271115\n"
                                   "RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=4\n"
                                   "SUMMARY:Weihnachtsbäume\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"
                                   "UID:w1\n"
                                   "DTSTART;VALUE=DATE:20270601\n"
                                   "RRULE:FREQ=WEEKLY;COUNT=4\n"
                                   "EXDATE;VALUE=DATE:20270608\n"
                                   "SUMMARY:Bio\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"  // moves one date of w1
                                   "UID:w1\n"
                                   "RECURRENCE-ID;VALUE=DATE:20270615\n"
                                   "DTSTART;VALUE=DATE:20270616\n"
                                   "SUMMARY:Bio\n"
                                   "END:VEVENT\n"),
                          2027, "A12", city_types());
  ASSERT_TRUE(r.errors.empty()) << all_messages(r.errors);
  EXPECT_TRUE(r.rhythms.empty());
  EXPECT_EQ(dates_of(r), (std::vector<std::pair<std::string, std::string>>{
                             {"weihnachtsbaum", "2027-11-15"},
                             {"weihnachtsbaum", "2027-12-15"},  // 2028's are skipped
                             {"bio", "2027-06-01"},
                             {"bio", "2027-06-22"},
                             {"bio", "2027-06-16"}}));
}

TEST(WasteIcsImport, UnknownTypeMissingPropertiesAndDuplicates) {
  auto r = parse_area_ics(calendar("BEGIN:VEVENT\n"  // 4
                                   "UID:1\n"         // 5
                                   "DTSTART;VALUE=DATE:20270105\n"
                                   "SUMMARY:Sperrmüll auf Abruf\n"  // 7
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"  // 9
                                   "UID:2\n"
                                   "SUMMARY:Papier\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"  // 13
                                   "UID:3\n"
                                   "DTSTART;VALUE=DATE:20270105\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"  // 17
                                   "UID:4\n"
                                   "DTSTART;VALUE=DATE:20270112\n"
                                   "SUMMARY:Papier\n"
                                   "END:VEVENT\n"
                                   "BEGIN:VEVENT\n"  // 22
                                   "UID:5\n"
                                   "SUMMARY:PAPIER\n"
                                   "DTSTART;VALUE=DATE:20270112\n"  // 25
                                   "END:VEVENT\n"),
                          2027, "A12", city_types());
  EXPECT_EQ(where(r.errors),
            (std::vector<std::string>{"7 SUMMARY", "9 DTSTART", "13 SUMMARY", "25 DTSTART"}))
      << all_messages(r.errors);
  EXPECT_NE(r.errors[0].message.find("restmuell (Restmüll)"), std::string::npos);
  EXPECT_NE(r.errors[3].message.find("line 19"), std::string::npos);
  EXPECT_EQ(r.one_offs.size(), 1u);
}

TEST(WasteIcsImport, BrokenFilesAreProblemsWithTheirLine) {
  auto garbage = parse_area_ics(calendar("BEGIN:VEVENT\n"
                                         "DTSTART;VALUE=DATE:20270105\n"
                                         "SUMMARY:Papier\n"
                                         "this line is no property\n"  // 7
                                         "END:VEVENT\n"),
                                2027, "A12", city_types());
  EXPECT_EQ(where(garbage.errors), (std::vector<std::string>{"7 "}));

  auto bad_rule = parse_area_ics(calendar("BEGIN:VEVENT\n"
                                          "DTSTART;VALUE=DATE:20270105\n"
                                          "SUMMARY:Papier\n"
                                          "RRULE:FREQ=WEEKLY;COUNT=x\n"  // 7
                                          "END:VEVENT\n"),
                                 2027, "A12", city_types());
  EXPECT_EQ(where(bad_rule.errors), (std::vector<std::string>{"7 RRULE"}));

  auto bad_date = parse_area_ics(calendar("BEGIN:VEVENT\n"
                                          "DTSTART;VALUE=DATE:20271345\n"  // 5
                                          "SUMMARY:Papier\n"
                                          "END:VEVENT\n"),
                                 2027, "A12", city_types());
  EXPECT_EQ(where(bad_date.errors), (std::vector<std::string>{"5 DTSTART"}));

  auto unclosed = parse_area_ics(calendar("BEGIN:VEVENT\n"  // 4
                                          "DTSTART;VALUE=DATE:20270105\n"
                                          "SUMMARY:Papier\n"
                                          "END:VTODO\n"),  // 7
                                 2027, "A12", city_types());
  EXPECT_EQ(where(unclosed.errors), (std::vector<std::string>{"7 "}));

  auto not_ics = parse_area_ics("area;type;date\nA12;bio;2027-01-05\n", 2027, "A12", city_types());
  EXPECT_EQ(where(not_ics.errors), (std::vector<std::string>{"1 "}));
  EXPECT_NE(not_ics.errors[0].message.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_FALSE(parse_area_ics("", 2027, "A12", city_types()).errors.empty());
}

}  // namespace
}  // namespace mosaik::modules::waste
