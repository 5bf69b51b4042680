// The format readers the importers share (content/): CSV tables with their lines and header
// mapping, and the iCalendar scan with libical's parse.
#include <gtest/gtest.h>

#include "shared/calendar.hpp"
#include "shared/csv_table.hpp"
#include "shared/ical_text.hpp"

namespace mosaik::shared {
namespace {

constexpr std::string_view kKnown[] = {"name", "area", "note"};
constexpr std::string_view kRequired[] = {"name", "area"};

// The problems as "line column: message" strings.
template <class Problem>
std::vector<std::string> listed(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) {
    if constexpr (requires { p.column; })
      out.push_back(std::to_string(p.line) + " " + p.column + ": " + p.message);
    else
      out.push_back(std::to_string(p.line) + " " + p.property + ": " + p.message);
  }
  return out;
}

TEST(CsvTable, RowsKeepTheLineTheyStartOn) {
  auto t = read_csv_table(
      "\xEF\xBB\xBF"
      "Name,AREA,note\r\n"           // 1: BOM, names in any case
      "\"Lange\r\nStraße\",A1,\r\n"  // 2-3: a quoted cell over two lines
      "\r\n"                         // 4: blank
      ",, \r\n"                      // 5: an empty spreadsheet row
      "  Kurz , A2 ,x\r\n",          // 6
      {kKnown, kRequired});
  ASSERT_TRUE(t.problems.empty()) << listed(t.problems).front();
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].line, 2u);
  EXPECT_EQ(t.cell(t.rows[0], "name"), "Lange\r\nStraße");
  EXPECT_EQ(t.rows[1].line, 6u);
  EXPECT_EQ(t.cell(t.rows[1], "name"), "Kurz");  // blanks around a cell are not part of it
  EXPECT_EQ(t.cell(t.rows[1], "area"), "A2");
  EXPECT_EQ(t.cell(t.rows[1], "missing"), "");
}

TEST(CsvTable, TheHeaderLineChoosesTheDelimiter) {
  auto semi = read_csv_table("name;area;note\nAm Markt, Nord;A1;\"a;b\"\n", {kKnown, kRequired});
  ASSERT_TRUE(semi.problems.empty());
  EXPECT_EQ(semi.cell(semi.rows[0], "name"), "Am Markt, Nord");
  EXPECT_EQ(semi.cell(semi.rows[0], "note"), "a;b");
  auto comma = read_csv_table("name,area\n\"Weg; 2\",A1\n", {kKnown, kRequired});
  ASSERT_TRUE(comma.problems.empty());
  EXPECT_EQ(comma.cell(comma.rows[0], "name"), "Weg; 2");
  // A short row reads its missing cells as empty.
  auto shorter = read_csv_table("name,area,note\nWeg,A1\n", {kKnown, kRequired});
  EXPECT_EQ(shorter.cell(shorter.rows[0], "note"), "");
}

TEST(CsvTable, HeaderProblemsLeaveNoRows) {
  auto t = read_csv_table("\nname;colour;name\nWeg;grün;Weg\n", {kKnown, kRequired});
  EXPECT_EQ(
      listed(t.problems),
      (std::vector<std::string>{
          "2 colour: unknown column 'colour' (the columns are: name, area, note)",
          "2 name: column 'name' appears twice", "2 area: the header needs a column 'area'"}));
  EXPECT_TRUE(t.rows.empty());
  auto empty = read_csv_table("\r\n;;\r\n", {kKnown, kRequired});
  EXPECT_EQ(listed(empty.problems), (std::vector<std::string>{"1 : the file has no header row"}));
}

TEST(CsvTable, BrokenQuotingIsOneProblemAtTheRowsLine) {
  auto stray = read_csv_table("name,area\nWeg,A1\nHaupt\"straße,A2\n", {kKnown, kRequired});
  ASSERT_EQ(stray.problems.size(), 1u);
  EXPECT_EQ(stray.problems[0].line, 3u);
  EXPECT_NE(stray.problems[0].message.find("a quote inside a cell that is not quoted"),
            std::string::npos);
  EXPECT_TRUE(stray.rows.empty());
  auto unclosed = read_csv_table("name,area\nWeg,A1\n\"Haupt,A2\nNeben,A3\n", {kKnown, kRequired});
  ASSERT_EQ(unclosed.problems.size(), 1u);
  EXPECT_EQ(unclosed.problems[0].line, 3u);  // where the quote opens, not the file's end
  EXPECT_NE(unclosed.problems[0].message.find("a quote is never closed"), std::string::npos);
}

TEST(CsvTable, RowsTooWideOrNotUtf8AreMarkedAndReported) {
  auto t = read_csv_table(
      "name;area\n"
      "Weg;A1;extra\n"
      "Stra\xDF"
      "e;A2\n"
      "Gasse;A3\n",
      {kKnown, kRequired});
  EXPECT_EQ(
      listed(t.problems),
      (std::vector<std::string>{"2 : 3 cells, but the header names 2 columns",
                                "3 : a cell is not UTF-8 text (save the file as \"CSV UTF-8\")"}));
  ASSERT_EQ(t.rows.size(), 3u);  // still there for the caller's own checks
  EXPECT_FALSE(t.rows[0].well_formed);
  EXPECT_FALSE(t.rows[1].well_formed);
  EXPECT_TRUE(t.rows[2].well_formed);
  EXPECT_EQ(t.cell(t.rows[0], "area"), "A1");
}

TEST(CsvTable, RowLimitCountsDataRows) {
  std::string text = "name,area\nA,1\nB,2\n";
  EXPECT_TRUE(read_csv_table(text, {kKnown, kRequired, 2}).problems.empty());
  auto over = read_csv_table(text + "C,3\n", {kKnown, kRequired, 2});
  EXPECT_EQ(listed(over.problems),
            (std::vector<std::string>{"1 : the file has more than 2 rows; split it or ask us"}));
  EXPECT_TRUE(over.rows.empty());
}

// ---- iCalendar --------------------------------------------------------------------------------

TEST(IcalText, ScanFindsEachVeventAndItsPropertyLines) {
  auto layout = scan_ical(
      "\xEF\xBB\xBF"
      "BEGIN:VCALENDAR\r\n"                      // 1
      "VERSION:2.0\r\n"                          // 2
      "BEGIN:VEVENT\r\n"                         // 3
      "UID:a\r\n"                                // 4
      "SUMMARY:Lange\r\n"                        // 5
      " Nacht\r\n"                               // 6: folded
      "dtstart;VALUE=DATE:20270105\r\n"          // 7: names in any case
      "BEGIN:VALARM\r\nTRIGGER:-PT6H\r\n"        // 8-9: not the VEVENT's own
      "END:VALARM\r\nEND:VEVENT\r\n"             // 10-11
      "\r\n"                                     // 12
      "BEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\n"  // 13-15
      "END:VCALENDAR\r\n");
  ASSERT_TRUE(layout.problems.empty()) << listed(layout.problems).front();
  ASSERT_EQ(layout.vevents.size(), 2u);
  EXPECT_EQ(layout.vevents[0].begin, 3u);
  EXPECT_EQ(layout.vevents[0].line_of("SUMMARY"), 5u);
  EXPECT_EQ(layout.vevents[0].line_of("DTSTART"), 7u);
  EXPECT_EQ(layout.vevents[0].line_of("TRIGGER"), 3u);  // absent: the BEGIN line
  EXPECT_EQ(layout.vevents[1].begin, 13u);
  EXPECT_EQ(layout.vevents[1].line_of("UID"), 14u);
}

TEST(IcalText, StructuralProblemsWithTheirLines) {
  auto problems = [](std::string_view text) { return listed(scan_ical(text).problems); };
  EXPECT_EQ(
      problems("Hallo\nBEGIN:VCALENDAR\n"),
      (std::vector<std::string>{"1 : not an iCalendar file: it must start with BEGIN:VCALENDAR"}));
  EXPECT_EQ(problems(""), (std::vector<std::string>{"1 : the file is empty (no VCALENDAR)"}));
  EXPECT_EQ(problems("BEGIN:VCALENDAR\nBEGIN:VEVENT\nno property\nEND:VEVENT\nEND:VCALENDAR\n"),
            (std::vector<std::string>{"3 : line 3 is not an iCalendar property (NAME:value)"}));
  EXPECT_EQ(problems("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VTODO\nEND:VCALENDAR\n"),
            (std::vector<std::string>{"4 : END:VTODO where END:VEVENT (of line 2) was expected"}));
  EXPECT_EQ(problems("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n"),
            (std::vector<std::string>{"2 : BEGIN:VEVENT is never closed",
                                      "1 : BEGIN:VCALENDAR is never closed"}));
  EXPECT_EQ(problems("BEGIN:VCALENDAR\nEND:VCALENDAR\nX-MORE:1\n"),
            (std::vector<std::string>{"3 : content after END:VCALENDAR"}));
}

TEST(IcalText, ReadPairsLibicalsVeventsWithTheirLinesAndMapsItsErrors) {
  LibicalLock lock;
  auto doc = read_ical(
      "BEGIN:VCALENDAR\n"              // 1
      "BEGIN:VEVENT\n"                 // 2
      "UID:a\n"                        // 3
      "DTSTART;VALUE=DATE:20270105\n"  // 4
      "RRULE:FREQ=WEEKLY;COUNT=x\n"    // 5
      "END:VEVENT\n"                   // 6
      "BEGIN:VEVENT\n"                 // 7
      "UID:b\n"                        // 8
      "DTSTART;VALUE=DATE:20270106\n"  // 9
      "END:VEVENT\n"
      "END:VCALENDAR\n");
  ASSERT_TRUE(doc.problems.empty());
  ASSERT_TRUE(doc.calendar);
  ASSERT_EQ(doc.vevents.size(), 2u);
  EXPECT_STREQ(icalcomponent_get_uid(doc.vevents[1].component), "b");
  EXPECT_EQ(doc.vevents[1].lines.begin, 7u);
  auto broken = property_problems(doc.vevents[0].component, doc.vevents[0].lines);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].line, 5u);
  EXPECT_EQ(broken[0].property, "RRULE");
  EXPECT_TRUE(property_problems(doc.vevents[1].component, doc.vevents[1].lines).empty());

  auto bad = read_ical("BEGIN:VEVENT\nEND:VEVENT\n");
  EXPECT_FALSE(bad.calendar);
  EXPECT_EQ(
      listed(bad.problems),
      (std::vector<std::string>{"1 : not an iCalendar file: it must start with BEGIN:VCALENDAR"}));
}

TEST(IcalText, WritesComponentsAndDates) {
  LibicalLock lock;
  IcalComponentPtr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_component(cal.get(), ev);
  using namespace std::chrono;
  icalcomponent_add_property(ev, icalproperty_new_dtstart(ical_date(sys_days(2027y / 1 / 5))));
  EXPECT_EQ(ical_string(cal.get()),
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270105\r\nEND:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace mosaik::shared
