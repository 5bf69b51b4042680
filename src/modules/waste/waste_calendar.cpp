#include "modules/waste/waste_calendar.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace mosaik::modules::waste {

namespace {

using std::chrono::days;

// A holiday as computed internally: the names are string literals, so computing the holidays of
// the years a request needs allocates nothing per holiday.
struct HolidayRef {
  Day date;
  std::string_view name;
};

Day ymd(int y, unsigned m, unsigned d) {
  return Day(std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(m),
                                         std::chrono::day(d)});
}

// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
Day easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

bool state_in(std::string_view state, std::initializer_list<std::string_view> states) {
  return std::find(states.begin(), states.end(), state) != states.end();
}

// Appends the holidays of `year` in `state` (unsorted).
void add_holidays(int year, std::string_view state, std::vector<HolidayRef>& out) {
  const Day easter = easter_sunday(year);
  auto add = [&](Day d, std::string_view name) { out.push_back({d, name}); };

  add(ymd(year, 1, 1), "Neujahr");
  if (state_in(state, {"BW", "BY", "ST"})) add(ymd(year, 1, 6), "Heilige Drei Könige");
  if ((state == "BE" && year >= 2019) || (state == "MV" && year >= 2023))
    add(ymd(year, 3, 8), "Internationaler Frauentag");
  add(easter - days(2), "Karfreitag");
  add(easter + days(1), "Ostermontag");
  add(ymd(year, 5, 1), "Tag der Arbeit");
  add(easter + days(39), "Christi Himmelfahrt");
  add(easter + days(50), "Pfingstmontag");
  if (state_in(state, {"BW", "BY", "HE", "NW", "RP", "SL"})) add(easter + days(60), "Fronleichnam");
  // Bavaria keeps Mariä Himmelfahrt only in its mostly catholic municipalities: not state-wide.
  if (state == "SL") add(ymd(year, 8, 15), "Mariä Himmelfahrt");
  if (state == "TH" && year >= 2019) add(ymd(year, 9, 20), "Weltkindertag");
  add(ymd(year, 10, 3), "Tag der Deutschen Einheit");
  // The eastern states have kept Reformationstag since 1990; the four northern ones since 2018;
  // 2017 (the 500th anniversary) was a holiday everywhere.
  if (state_in(state, {"BB", "MV", "SN", "ST", "TH"}) ||
      (state_in(state, {"HB", "HH", "NI", "SH"}) && year >= 2018) || year == 2017)
    add(ymd(year, 10, 31), "Reformationstag");
  if (state_in(state, {"BW", "BY", "NW", "RP", "SL"})) add(ymd(year, 11, 1), "Allerheiligen");
  if (state == "SN") {
    // The Wednesday before 23 November (the last Sunday of the church year is 7 days later).
    const Day nov22 = ymd(year, 11, 22);
    const int back = (iso_weekday(nov22) - 3 + 7) % 7;
    add(nov22 - days(back), "Buß- und Bettag");
  }
  add(ymd(year, 12, 25), "1. Weihnachtstag");
  add(ymd(year, 12, 26), "2. Weihnachtstag");
}

// The holidays of the days [first, last], looked up by day: the holiday rule asks for every
// pickup, so one array lookup instead of a search.
class HolidayTable {
 public:
  HolidayTable(Day first, Day last, std::string_view state) : first_(first) {
    for (int y = year_of(first); y <= year_of(last); ++y) add_holidays(y, state, holidays_);
    index_.assign(static_cast<std::size_t>((last - first).count() + 1), 0);
    for (std::size_t i = 0; i < holidays_.size(); ++i) {
      const Day d = holidays_[i].date;
      if (d < first || d > last) continue;
      index_[static_cast<std::size_t>((d - first).count())] = static_cast<std::uint16_t>(i + 1);
    }
  }
  // The holiday on `d`, or nullptr; days outside the table have none.
  const HolidayRef* on(Day d) const {
    const auto offset = (d - first_).count();
    if (offset < 0 || static_cast<std::size_t>(offset) >= index_.size()) return nullptr;
    const std::uint16_t i = index_[static_cast<std::size_t>(offset)];
    return i == 0 ? nullptr : &holidays_[i - 1U];
  }

 private:
  Day first_;
  std::vector<HolidayRef> holidays_;
  std::vector<std::uint16_t> index_;  // per day: 0, or 1 + the index into holidays_
};

struct Shifted {
  Day date;
  std::string_view note;
};

// The holiday rule (see HolidayRule): nullopt when it leaves the pickup where it is.
std::optional<Shifted> apply_holiday_rule(Day planned, const HolidayTable& table) {
  const int weekday = iso_weekday(planned);
  if (weekday == 7) return std::nullopt;  // the rule covers Monday to Saturday
  int count = 0;
  const HolidayRef* cause = nullptr;
  const Day monday = planned - days(weekday - 1);
  for (Day d = monday; d <= planned && d < monday + days(5); d += days(1)) {
    if (const HolidayRef* h = table.on(d)) {
      ++count;
      cause = h;  // the latest one before or on the pickup names the move
    }
  }
  // A pickup on a holiday is named after it (26 December on a Saturday: "2. Weihnachtstag");
  // a Saturday holiday moves its pickup even with no holiday earlier in the week.
  if (const HolidayRef* own = table.on(planned)) cause = own;
  if (cause == nullptr) return std::nullopt;
  Day date = planned + days(count);
  while (iso_weekday(date) == 7 || table.on(date) != nullptr) date += days(1);
  return Shifted{date, cause->name};
}

bool wanted(const std::set<std::string>& types, const std::string& type) {
  return types.empty() || types.contains(type);
}

struct Candidate {
  Day planned;
  const std::string* type;
};

// Whether `rhythm` has a pickup planned on `d`.
bool rhythm_has(const Rhythm& r, Day d) {
  if (d < r.first || d > r.last || r.every_weeks < 1) return false;
  return (d - r.first).count() % (7 * r.every_weeks) == 0;
}

}  // namespace

std::vector<Holiday> public_holidays(int year, std::string_view state) {
  std::vector<HolidayRef> refs;
  add_holidays(year, state, refs);
  std::stable_sort(refs.begin(), refs.end(),
                   [](const HolidayRef& a, const HolidayRef& b) { return a.date < b.date; });
  std::vector<Holiday> out;
  out.reserve(refs.size());
  for (const auto& r : refs) out.push_back({r.date, std::string(r.name)});
  return out;
}

std::vector<Pickup> pickups(const Plan& plan, std::string_view area,
                            const std::set<std::string>& types, Day from, Day to,
                            const HolidayRule& holidays, bool include_cancelled) {
  std::vector<Pickup> out;
  if (to < from) return out;
  // Shifts move by at most 7 days and the holiday rule by a few: a pickup planned up to 14 days
  // outside the range can land in it. Changes can move further; they are added below.
  const Day lo = from - days(14);
  const Day hi = to + days(14);

  std::vector<const Rhythm*> rhythms;
  for (const auto& r : plan.rhythms)
    if (r.area == area && wanted(types, r.type)) rhythms.push_back(&r);
  std::vector<const OneOff*> one_offs;
  for (const auto& o : plan.one_offs)
    if (o.area == area && wanted(types, o.type)) one_offs.push_back(&o);
  std::vector<const Change*> changes;
  for (const auto& c : plan.changes)
    if (c.area == area && wanted(types, c.type)) changes.push_back(&c);
  std::vector<const Shift*> shifts;
  for (const auto& s : plan.shifts)
    if (s.from <= hi && s.to >= lo) shifts.push_back(&s);

  std::vector<Candidate> planned;
  for (const Rhythm* r : rhythms) {
    if (r->every_weeks < 1) continue;
    const auto step = days(7 * r->every_weeks);
    Day d = r->first;
    if (d < lo) d += step * (((lo - d).count() + step.count() - 1) / step.count());
    const Day end = std::min(r->last, hi);
    for (; d <= end; d += step) planned.push_back({d, &r->type});
  }
  for (const OneOff* o : one_offs)
    if (o->date >= lo && o->date <= hi) planned.push_back({o->date, &o->type});
  // A change may move a pickup from further away into the range: take its planned date when
  // the plan has that pickup.
  for (const Change* c : changes) {
    if (!c->new_date || *c->new_date < from || *c->new_date > to) continue;
    if (c->date >= lo && c->date <= hi) continue;  // expanded above
    const bool exists =
        std::any_of(
            rhythms.begin(), rhythms.end(),
            [&](const Rhythm* r) { return r->type == c->type && rhythm_has(*r, c->date); }) ||
        std::any_of(one_offs.begin(), one_offs.end(),
                    [&](const OneOff* o) { return o->type == c->type && o->date == c->date; });
    if (exists) planned.push_back({c->date, &c->type});
  }

  // A rhythm and a one-off (or two rhythms) may plan the same pickup: keep one.
  std::sort(planned.begin(), planned.end(), [](const Candidate& a, const Candidate& b) {
    return a.planned != b.planned ? a.planned < b.planned : *a.type < *b.type;
  });
  planned.erase(std::unique(planned.begin(), planned.end(),
                            [](const Candidate& a, const Candidate& b) {
                              return a.planned == b.planned && *a.type == *b.type;
                            }),
                planned.end());

  std::optional<HolidayTable> table;
  if (holidays.enabled && !planned.empty())
    table.emplace(lo - days(7), hi + days(31), holidays.state);

  out.reserve(planned.size());
  for (const Candidate& p : planned) {
    Pickup pickup{p.planned, p.planned, *p.type, {}, false};
    const auto change = std::find_if(changes.begin(), changes.end(), [&](const Change* c) {
      return c->date == p.planned && c->type == *p.type;
    });
    if (change != changes.end()) {
      pickup.note = (*change)->note;
      if ((*change)->new_date) {
        pickup.date = *(*change)->new_date;
      } else {
        pickup.cancelled = true;
      }
    } else if (const auto shift = std::find_if(
                   shifts.begin(), shifts.end(),
                   [&](const Shift* s) {
                     return s->from <= p.planned && p.planned <= s->to &&
                            (s->types.empty() || std::find(s->types.begin(), s->types.end(),
                                                           *p.type) != s->types.end());
                   });
               shift != shifts.end()) {
      pickup.date = p.planned + days((*shift)->days);
      pickup.note = (*shift)->reason;
    } else if (table) {
      if (const auto moved = apply_holiday_rule(p.planned, *table)) {
        pickup.date = moved->date;
        pickup.note = moved->note;
      }
    }
    if (pickup.cancelled && !include_cancelled) continue;
    if (pickup.date < from || pickup.date > to) continue;
    out.push_back(std::move(pickup));
  }
  std::sort(out.begin(), out.end(), [](const Pickup& a, const Pickup& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.type != b.type) return a.type < b.type;
    return a.planned < b.planned;
  });
  return out;
}

}  // namespace mosaik::modules::waste
