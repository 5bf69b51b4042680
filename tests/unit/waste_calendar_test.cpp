// The Abfallkalender's dates without a server: rhythms and one-off dates, public holidays,
// changes, shifts and the holiday rule in their order of precedence, and the evening-before
// reminders across daylight-saving changes.
#include "modules/waste/waste_calendar.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "modules/waste/waste_reminders.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::waste {
namespace {

Day day(std::string_view text) {
  auto d = parse_day(text);
  EXPECT_TRUE(d) << text;
  return d.value_or(Day{});
}

// "2026-12-28 restmuell" per pickup, plus " <- 2026-12-25 (note)" when it moved, " cancelled".
std::vector<std::string> describe(const std::vector<Pickup>& pickups) {
  std::vector<std::string> out;
  for (const auto& p : pickups) {
    std::string s = format_day(p.date) + " " + p.type;
    if (p.planned != p.date || !p.note.empty())
      s += " <- " + format_day(p.planned) + " (" + p.note + ")";
    if (p.cancelled) s += " cancelled";
    out.push_back(s);
  }
  return out;
}

std::vector<std::string> dates(const std::vector<Pickup>& pickups) {
  std::vector<std::string> out;
  for (const auto& p : pickups) out.push_back(format_day(p.date));
  return out;
}

Rhythm rhythm(std::string type, std::string_view first, std::string_view last, int weeks,
              std::string area = "A12") {
  return {std::move(area), std::move(type), day(first), day(last), weeks};
}

const HolidayRule kNoHolidays{};
const HolidayRule kNrw{true, "NW"};

// --- Rhythms and one-off dates ---

TEST(WasteCalendar, TwoWeeklyRhythmRunsAcrossTheYearEnd) {
  Plan plan;
  plan.rhythms.push_back(rhythm("restmuell", "2026-12-15", "2027-12-31", 2));
  auto got = pickups(plan, "A12", {}, day("2026-12-01"), day("2027-01-31"), kNoHolidays);
  EXPECT_EQ(dates(got),
            (std::vector<std::string>{"2026-12-15", "2026-12-29", "2027-01-12", "2027-01-26"}));
  for (const auto& p : got) {
    EXPECT_EQ(p.planned, p.date);
    EXPECT_EQ(p.type, "restmuell");
    EXPECT_TRUE(p.note.empty());
    EXPECT_FALSE(p.cancelled);
  }
}

TEST(WasteCalendar, FourWeeklyRhythmKeepsItsPhaseWhenTheRangeStartsLater) {
  Plan plan;
  plan.rhythms.push_back(rhythm("gelb", "2027-01-08", "2027-12-31", 4));
  auto got = pickups(plan, "A12", {}, day("2027-02-01"), day("2027-04-30"), kNoHolidays);
  EXPECT_EQ(dates(got),
            (std::vector<std::string>{"2027-02-05", "2027-03-05", "2027-04-02", "2027-04-30"}));
}

TEST(WasteCalendar, RhythmStopsAtItsFirstAndLastDate) {
  Plan plan;
  plan.rhythms.push_back(rhythm("bio", "2027-01-06", "2027-02-03", 1));
  auto got = pickups(plan, "A12", {}, day("2026-12-01"), day("2027-03-31"), kNoHolidays);
  EXPECT_EQ(dates(got), (std::vector<std::string>{"2027-01-06", "2027-01-13", "2027-01-20",
                                                  "2027-01-27", "2027-02-03"}));
  // `last` between two pickups: the one after it is not planned.
  plan.rhythms[0].last = day("2027-02-02");
  got = pickups(plan, "A12", {}, day("2026-12-01"), day("2027-03-31"), kNoHolidays);
  EXPECT_EQ(got.size(), 4u);
  EXPECT_EQ(format_day(got.back().date), "2027-01-27");
}

TEST(WasteCalendar, OneOffsOfTheAreaAreListedAndDuplicatesKeptOnce) {
  Plan plan;
  plan.rhythms.push_back(rhythm("papier", "2027-01-07", "2027-12-31", 4));
  plan.rhythms.push_back(rhythm("papier", "2027-01-07", "2027-12-31", 4, "B04"));
  plan.one_offs.push_back({"A12", "weihnachtsbaum", day("2027-01-12")});
  plan.one_offs.push_back({"A12", "papier", day("2027-01-07")});  // the rhythm's own date
  plan.one_offs.push_back({"A12", "bio", day("2027-01-07")});
  plan.one_offs.push_back({"B04", "weihnachtsbaum", day("2027-01-13")});
  plan.one_offs.push_back({"A12", "sperrmuell", day("2027-03-01")});  // outside the range
  auto got = pickups(plan, "A12", {}, day("2027-01-01"), day("2027-01-31"), kNoHolidays);
  EXPECT_EQ(describe(got), (std::vector<std::string>{"2027-01-07 bio", "2027-01-07 papier",
                                                     "2027-01-12 weihnachtsbaum"}));
}

TEST(WasteCalendar, TypesFilterAndUnknownArea) {
  Plan plan;
  plan.rhythms.push_back(rhythm("restmuell", "2027-01-05", "2027-12-31", 2));
  plan.rhythms.push_back(rhythm("bio", "2027-01-06", "2027-12-31", 2));
  plan.one_offs.push_back({"A12", "weihnachtsbaum", day("2027-01-12")});
  auto got = pickups(plan, "A12", {"bio", "weihnachtsbaum"}, day("2027-01-01"), day("2027-01-31"),
                     kNoHolidays);
  EXPECT_EQ(describe(got), (std::vector<std::string>{"2027-01-06 bio", "2027-01-12 weihnachtsbaum",
                                                     "2027-01-20 bio"}));
  EXPECT_TRUE(pickups(plan, "A13", {}, day("2027-01-01"), day("2027-01-31"), kNoHolidays).empty());
  EXPECT_TRUE(pickups(plan, "A12", {}, day("2027-01-31"), day("2027-01-01"), kNoHolidays).empty());
}

// --- Public holidays ---

TEST(WasteHolidays, EasterByTheGregorianComputus) {
  const std::pair<int, const char*> easter_mondays[] = {
      {2008, "2008-03-24"}, {2019, "2019-04-22"}, {2024, "2024-04-01"}, {2025, "2025-04-21"},
      {2026, "2026-04-06"}, {2027, "2027-03-29"}, {2038, "2038-04-26"}};
  for (const auto& [year, monday] : easter_mondays) {
    bool found = false;
    for (const auto& h : public_holidays(year, "NW"))
      if (h.name == "Ostermontag") {
        EXPECT_EQ(format_day(h.date), monday) << year;
        found = true;
      }
    EXPECT_TRUE(found) << year;
  }
}

std::vector<std::string> listed(int year, std::string_view state) {
  std::vector<std::string> out;
  for (const auto& h : public_holidays(year, state))
    out.push_back(format_day(h.date) + " " + h.name);
  return out;
}

TEST(WasteHolidays, NorthRhineWestphalia2027) {
  EXPECT_EQ(listed(2027, "NW"),
            (std::vector<std::string>{
                "2027-01-01 Neujahr", "2027-03-26 Karfreitag", "2027-03-29 Ostermontag",
                "2027-05-01 Tag der Arbeit", "2027-05-06 Christi Himmelfahrt",
                "2027-05-17 Pfingstmontag", "2027-05-27 Fronleichnam",
                "2027-10-03 Tag der Deutschen Einheit", "2027-11-01 Allerheiligen",
                "2027-12-25 1. Weihnachtstag", "2027-12-26 2. Weihnachtstag"}));
}

bool has(int year, std::string_view state, std::string_view entry) {
  auto all = listed(year, state);
  return std::find(all.begin(), all.end(), entry) != all.end();
}

TEST(WasteHolidays, StateHolidays) {
  EXPECT_TRUE(has(2026, "NI", "2026-10-31 Reformationstag"));
  EXPECT_FALSE(has(2026, "NW", "2026-10-31 Reformationstag"));
  EXPECT_TRUE(has(2026, "NW", "2026-11-01 Allerheiligen"));
  EXPECT_FALSE(has(2026, "NI", "2026-11-01 Allerheiligen"));
  EXPECT_TRUE(has(2026, "NW", "2026-06-04 Fronleichnam"));
  EXPECT_FALSE(has(2026, "NI", "2026-06-04 Fronleichnam"));
  EXPECT_TRUE(has(2026, "BY", "2026-01-06 Heilige Drei Könige"));
  EXPECT_FALSE(has(2026, "BY", "2026-08-15 Mariä Himmelfahrt"));
  EXPECT_TRUE(has(2026, "SL", "2026-08-15 Mariä Himmelfahrt"));
  EXPECT_TRUE(has(2026, "BE", "2026-03-08 Internationaler Frauentag"));
  EXPECT_FALSE(has(2018, "BE", "2018-03-08 Internationaler Frauentag"));
  EXPECT_FALSE(has(2022, "MV", "2022-03-08 Internationaler Frauentag"));
  EXPECT_TRUE(has(2023, "MV", "2023-03-08 Internationaler Frauentag"));
  EXPECT_TRUE(has(2026, "TH", "2026-09-20 Weltkindertag"));
  EXPECT_TRUE(has(2026, "SN", "2026-11-18 Buß- und Bettag"));
  EXPECT_TRUE(has(2027, "SN", "2027-11-17 Buß- und Bettag"));
  EXPECT_TRUE(has(2017, "NW", "2017-10-31 Reformationstag"));  // the 500th anniversary
  // An unknown state: the nine nationwide holidays.
  EXPECT_EQ(public_holidays(2027, "XX").size(), 9u);
  for (std::string_view state : {"BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP",
                                 "SL", "SN", "ST", "SH", "TH"}) {
    auto all = public_holidays(2027, state);
    EXPECT_GT(all.size(), 9u) << state;
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const Holiday& a, const Holiday& b) {
      return a.date < b.date;
    })) << state;
  }
}

// --- The holiday rule ---

// A weekly pickup of one type per weekday (Monday "mo" ... Saturday "sa") from `monday`.
Plan every_weekday(std::string_view monday) {
  Plan plan;
  const char* names[] = {"1-mo", "2-di", "3-mi", "4-do", "5-fr", "6-sa"};
  for (int i = 0; i < 6; ++i) {
    const Day first = day(monday) + std::chrono::days(i);
    plan.rhythms.push_back({"A12", names[i], first, first + std::chrono::days(7 * 60), 1});
  }
  return plan;
}

TEST(WasteHolidayRule, EasterWeek2027) {
  const Plan plan = every_weekday("2027-03-22");
  auto got = pickups(plan, "A12", {}, day("2027-03-22"), day("2027-04-04"), kNrw);
  EXPECT_EQ(describe(got),
            (std::vector<std::string>{"2027-03-22 1-mo", "2027-03-23 2-di", "2027-03-24 3-mi",
                                      "2027-03-25 4-do",
                                      // Karfreitag: Friday's pickup goes to Saturday, Saturday's to
                                      // Monday... which is Ostermontag, so to Tuesday.
                                      "2027-03-27 5-fr <- 2027-03-26 (Karfreitag)",
                                      "2027-03-30 1-mo <- 2027-03-29 (Ostermontag)",
                                      "2027-03-30 6-sa <- 2027-03-27 (Karfreitag)",
                                      "2027-03-31 2-di <- 2027-03-30 (Ostermontag)",
                                      "2027-04-01 3-mi <- 2027-03-31 (Ostermontag)",
                                      "2027-04-02 4-do <- 2027-04-01 (Ostermontag)",
                                      "2027-04-03 5-fr <- 2027-04-02 (Ostermontag)"}));
  // Without the rule nothing moves.
  got = pickups(plan, "A12", {}, day("2027-03-29"), day("2027-04-03"), kNoHolidays);
  EXPECT_EQ(dates(got), (std::vector<std::string>{"2027-03-29", "2027-03-30", "2027-03-31",
                                                  "2027-04-01", "2027-04-02", "2027-04-03"}));
}

TEST(WasteHolidayRule, ChristmasOnFridayAndSaturdayAndNewYear) {
  const Plan plan = every_weekday("2026-12-21");
  auto got =
      pickups(plan, "A12", {"4-do", "5-fr", "6-sa"}, day("2026-12-21"), day("2027-01-09"), kNrw);
  EXPECT_EQ(
      describe(got),
      (std::vector<std::string>{
          "2026-12-24 4-do",
          // Friday 25th: Saturday 26th is a holiday, then Sunday.
          "2026-12-28 5-fr <- 2026-12-25 (1. Weihnachtstag)",
          "2026-12-28 6-sa <- 2026-12-26 (2. Weihnachtstag)", "2026-12-31 4-do",
          // Neujahr on Friday: Saturday 2 January is a working day.
          "2027-01-02 5-fr <- 2027-01-01 (Neujahr)", "2027-01-04 6-sa <- 2027-01-02 (Neujahr)",
          "2027-01-07 4-do", "2027-01-08 5-fr", "2027-01-09 6-sa"}));
}

TEST(WasteHolidayRule, StateMatters) {
  const Plan plan = every_weekday("2027-10-25");
  // Allerheiligen (Monday 1 November 2027) in NW, not in NI; Reformationstag is a Sunday.
  auto nw = pickups(plan, "A12", {"1-mo"}, day("2027-11-01"), day("2027-11-01"), kNrw);
  EXPECT_TRUE(nw.empty());
  nw = pickups(plan, "A12", {"1-mo"}, day("2027-11-02"), day("2027-11-02"), kNrw);
  ASSERT_EQ(nw.size(), 1u);
  EXPECT_EQ(nw[0].note, "Allerheiligen");
  auto ni = pickups(plan, "A12", {"1-mo"}, day("2027-11-01"), day("2027-11-01"), {true, "NI"});
  ASSERT_EQ(ni.size(), 1u);
  EXPECT_EQ(ni[0].date, ni[0].planned);
}

// --- Changes and shifts ---

TEST(WasteCalendar, ChangeBeatsShiftBeatsHolidayRule) {
  Plan plan;
  plan.rhythms.push_back(rhythm("restmuell", "2027-03-01", "2027-12-31", 1));  // Mondays
  plan.rhythms.push_back(rhythm("bio", "2027-03-01", "2027-12-31", 1));
  plan.rhythms.push_back(rhythm("papier", "2027-03-01", "2027-12-31", 1));
  // Easter Monday 2027-03-29: the shift covers restmuell and bio, the change restmuell.
  plan.shifts.push_back({1,
                         day("2027-03-29"),
                         day("2027-04-02"),
                         2,
                         {"restmuell", "bio"},
                         "Ostern: zwei Tage später"});
  plan.changes.push_back(
      {7, "A12", "restmuell", day("2027-03-29"), day("2027-04-03"), "Sonderabfuhr am Samstag"});
  auto got = pickups(plan, "A12", {}, day("2027-03-29"), day("2027-04-04"), kNrw);
  EXPECT_EQ(describe(got), (std::vector<std::string>{
                               "2027-03-30 papier <- 2027-03-29 (Ostermontag)",
                               "2027-03-31 bio <- 2027-03-29 (Ostern: zwei Tage später)",
                               "2027-04-03 restmuell <- 2027-03-29 (Sonderabfuhr am Samstag)"}));
}

TEST(WasteCalendar, ShiftWithoutTypesMovesEveryType) {
  Plan plan;
  plan.rhythms.push_back(rhythm("restmuell", "2027-06-07", "2027-12-31", 1));
  plan.rhythms.push_back(rhythm("glas", "2027-06-08", "2027-12-31", 1));
  plan.shifts.push_back({1, day("2027-06-07"), day("2027-06-08"), -2, {}, "Stadtfest"});
  auto got = pickups(plan, "A12", {}, day("2027-06-01"), day("2027-06-10"), kNoHolidays);
  EXPECT_EQ(describe(got),
            (std::vector<std::string>{"2027-06-05 restmuell <- 2027-06-07 (Stadtfest)",
                                      "2027-06-06 glas <- 2027-06-08 (Stadtfest)"}));
}

TEST(WasteCalendar, CancelledOnlyWhenAskedFor) {
  Plan plan;
  plan.rhythms.push_back(rhythm("restmuell", "2027-01-05", "2027-12-31", 2));
  plan.changes.push_back({3, "A12", "restmuell", day("2027-01-19"), std::nullopt, "Streik"});
  plan.changes.push_back({4, "B04", "restmuell", day("2027-01-05"), std::nullopt, "other area"});
  auto got = pickups(plan, "A12", {}, day("2027-01-01"), day("2027-01-31"), kNrw);
  EXPECT_EQ(dates(got), (std::vector<std::string>{"2027-01-05"}));
  got = pickups(plan, "A12", {}, day("2027-01-01"), day("2027-01-31"), kNrw, true);
  EXPECT_EQ(describe(got),
            (std::vector<std::string>{"2027-01-05 restmuell",
                                      "2027-01-19 restmuell <- 2027-01-19 (Streik) cancelled"}));
}

TEST(WasteCalendar, PickupsMovedIntoTheRangeAreFoundAndOutOfItAreNot) {
  Plan plan;
  plan.rhythms.push_back(rhythm("restmuell", "2026-11-02", "2027-12-31", 1));  // Mondays
  plan.shifts.push_back({1, day("2026-12-28"), day("2026-12-28"), 7, {}, "Jahreswechsel"});
  plan.shifts.push_back({2, day("2027-01-25"), day("2027-01-25"), 7, {}, "Umstellung"});
  // Friday 1 January (Neujahr) moves to Saturday 2 January.
  plan.one_offs.push_back({"A12", "gelb", day("2027-01-01")});
  // Planned far before the range, moved by staff into it.
  plan.changes.push_back(
      {5, "A12", "restmuell", day("2026-11-30"), day("2027-01-09"), "nachgeholt"});
  auto got = pickups(plan, "A12", {}, day("2027-01-02"), day("2027-01-31"), kNrw);
  EXPECT_EQ(describe(got),
            (std::vector<std::string>{"2027-01-02 gelb <- 2027-01-01 (Neujahr)",
                                      "2027-01-04 restmuell <- 2026-12-28 (Jahreswechsel)",
                                      "2027-01-04 restmuell",
                                      "2027-01-09 restmuell <- 2026-11-30 (nachgeholt)",
                                      "2027-01-11 restmuell", "2027-01-18 restmuell"}));
  // A change of a pickup the plan does not have is ignored.
  plan.changes.push_back({6, "A12", "restmuell", day("2026-11-29"), day("2027-01-10"), "stale"});
  EXPECT_EQ(pickups(plan, "A12", {}, day("2027-01-10"), day("2027-01-10"), kNrw).size(), 0u);
}

// --- Reminders ---

std::int64_t utc_ms(std::string_view date, int hour) {
  const auto t = day(date) + std::chrono::hours(hour);
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TEST(WasteReminders, EveningBeforeAcrossDaylightSavingChanges) {
  const shared::Zone berlin = shared::zone_named("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  const std::vector<Pickup> list = {
      {day("2027-11-01"), day("2027-11-01"), "bio", "", false},
      {day("2027-03-29"), day("2027-03-29"), "restmuell", "", false},
      {day("2027-03-28"), day("2027-03-28"), "papier", "", false},
      {day("2027-10-31"), day("2027-10-31"), "gelb", "", false},
      {day("2027-10-31"), day("2027-10-31"), "glas", "Streik", true},
  };
  auto got = reminder_schedule(list, berlin, 18 * 60, 0);
  ASSERT_EQ(got.size(), 4u);
  // Saturday 27 March: still winter time (UTC+1); Sunday 28 March: summer time (UTC+2).
  EXPECT_EQ(got[0].at_ms, utc_ms("2027-03-27", 17));
  EXPECT_EQ(got[0].type, "papier");
  EXPECT_EQ(got[0].pickup, day("2027-03-28"));
  EXPECT_EQ(got[1].at_ms, utc_ms("2027-03-28", 16));
  EXPECT_EQ(got[1].type, "restmuell");
  // Saturday 30 October: summer time; Sunday 31 October: winter time again.
  EXPECT_EQ(got[2].at_ms, utc_ms("2027-10-30", 16));
  EXPECT_EQ(got[2].type, "gelb");
  EXPECT_EQ(got[3].at_ms, utc_ms("2027-10-31", 17));
  EXPECT_EQ(got[3].type, "bio");

  // Those before from_ms are left out; 19:30 is 19:30 local.
  got = reminder_schedule(list, berlin, 19 * 60 + 30, utc_ms("2027-03-28", 17));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].at_ms, utc_ms("2027-03-28", 17) + 30 * 60 * 1000);
  EXPECT_EQ(got[0].type, "restmuell");
}

}  // namespace
}  // namespace mosaik::modules::waste
