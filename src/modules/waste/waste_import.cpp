#include "modules/waste/waste_import.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <map>
#include <optional>
#include <span>
#include <tuple>

#include "shared/calendar.hpp"
#include "shared/csv_table.hpp"
#include "shared/ical_text.hpp"

namespace mosaik::modules::waste {

namespace {

constexpr std::size_t kMaxStreetRows = 100'000;
constexpr std::size_t kMaxDateRows = 200'000;
constexpr std::size_t kMaxStreetChars = 120;
constexpr std::size_t kMaxExpandedDates = 400;  // per VEVENT with a non-weekly RRULE
constexpr int kMaxRecurrenceSteps = 50'000;     // iterator steps before giving up on a rule

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string list_types(const std::vector<WasteType>& types) {
  std::string out;
  for (const auto& t : types) {
    if (!out.empty()) out += ", ";
    out += t.title_de.empty() ? t.slug : fmt::format("{} ({})", t.slug, t.title_de);
  }
  return out;
}

Day year_start(int year) {
  return Day(std::chrono::year(year) / std::chrono::January / 1);
}
Day year_end(int year) {
  return Day(std::chrono::year(year) / std::chrono::December / 31);
}

// ---------------------------------------------------------------------------------------------
// CSV

// The table of `text`, its problems already in `errors`; no rows when it cannot be read.
shared::CsvTable read_table(std::string_view text, std::span<const std::string_view> known,
                            std::span<const std::string_view> required, std::size_t max_rows,
                            std::vector<ImportProblem>& errors) {
  auto table = shared::read_csv_table(text, {known, required, max_rows});
  for (auto& p : table.problems)
    errors.push_back({p.line, std::move(p.column), std::move(p.message)});
  return table;
}

// One data row: its cells by column name, and whether it has no problems (the reader's or its
// own).
class Row {
 public:
  Row(const shared::CsvTable& table, const shared::CsvRow& row, std::vector<ImportProblem>& errors)
      : table_(table), row_(row), errors_(errors), problems_before_(errors.size()) {}
  std::size_t line() const { return row_.line; }
  std::string cell(std::string_view column) const { return table_.cell(row_, column); }
  void fail(std::string field, std::string message) {
    errors_.push_back({row_.line, std::move(field), std::move(message)});
  }
  bool ok() const { return row_.well_formed && errors_.size() == problems_before_; }

 private:
  const shared::CsvTable& table_;
  const shared::CsvRow& row_;
  std::vector<ImportProblem>& errors_;
  std::size_t problems_before_;
};

void sort_by_line(std::vector<ImportProblem>& errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
}

// ---------------------------------------------------------------------------------------------
// Streets

bool valid_area_code(std::string_view code) {
  if (code.empty() || code.size() > 40) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

// The street's name for comparing rows: lower case, umlauts and ß spelled out, spaces single.
// (A local fold; street_search.hpp will own the full normal form with "Str." and typos.)
std::string street_key(std::string_view name) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      auto next = static_cast<unsigned char>(name[i + 1]);
      const char* spelled = nullptr;
      switch (next) {
        case 0xA4:
        case 0x84:
          spelled = "ae";
          break;  // ä Ä
        case 0xB6:
        case 0x96:
          spelled = "oe";
          break;  // ö Ö
        case 0xBC:
        case 0x9C:
          spelled = "ue";
          break;  // ü Ü
        case 0x9F:
          spelled = "ss";
          break;  // ß
        default:
          break;
      }
      if (spelled) {
        if (space && !out.empty()) out += ' ';
        space = false;
        out += spelled;
        ++i;
        continue;
      }
    }
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

struct SegmentRow {
  std::size_t line = 0;
  const StreetSegment* segment = nullptr;
};

// The house numbers a segment covers, as bounds that compare across suffixes: a range's end
// without a suffix includes the suffixed numbers ("1-49" includes 49a), as contains() reads it.
bool starts_before_end(const std::optional<HouseNumber>& from,
                       const std::optional<HouseNumber>& to) {
  if (!from || !to) return true;
  if (from->number != to->number) return from->number < to->number;
  return to->suffix.empty() || from->suffix <= to->suffix;
}

// Whether a house number can lie in both segments.
bool overlap(const StreetSegment& a, const StreetSegment& b) {
  if (!starts_before_end(a.from, b.to) || !starts_before_end(b.from, a.to)) return false;
  if (a.parity != Parity::all && b.parity != Parity::all && a.parity != b.parity) return false;
  Parity p = a.parity != Parity::all ? a.parity : b.parity;
  if (p == Parity::all) return true;
  // The common numbers run from the larger start to the smaller end; one number of the parity?
  int lo = std::max(a.from ? a.from->number : 1, b.from ? b.from->number : 1);
  int hi = std::min(a.to ? a.to->number : INT_MAX, b.to ? b.to->number : INT_MAX);
  if (hi > lo) return true;
  return (lo % 2 == 1) == (p == Parity::odd);
}

void check_overlaps(const std::vector<StreetSegment>& streets,
                    const std::vector<std::size_t>& lines, std::vector<ImportProblem>& errors) {
  // Rows of one street (name and district), sorted by where their range starts; each row is
  // compared with the rows starting before its end, so a long file of short ranges stays linear.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> by_street;
  for (std::size_t i = 0; i < streets.size(); ++i)
    by_street[{street_key(streets[i].street), streets[i].district}].push_back(i);
  // The later row of each conflicting pair, with the earliest row it conflicts with.
  std::map<std::size_t, std::size_t> conflict;
  for (auto& [key, rows] : by_street) {
    if (rows.size() < 2) continue;
    auto start_of = [&](std::size_t i) {
      const auto& f = streets[i].from;
      return f ? std::pair<int, std::string>(f->number, f->suffix)
               : std::pair<int, std::string>(0, "");
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](std::size_t a, std::size_t b) { return start_of(a) < start_of(b); });
    for (std::size_t x = 0; x < rows.size(); ++x) {
      const auto& a = streets[rows[x]];
      for (std::size_t y = x + 1; y < rows.size(); ++y) {
        const auto& b = streets[rows[y]];
        if (!starts_before_end(b.from, a.to)) break;  // sorted: later rows start later still
        if (!a.whole_street() && !b.whole_street() && !overlap(a, b)) continue;
        auto [earlier, later] = std::minmax(rows[x], rows[y]);
        auto [it, inserted] = conflict.emplace(later, earlier);
        if (!inserted) it->second = std::min(it->second, earlier);
      }
    }
  }
  for (auto [later, earlier] : conflict) {
    const auto& a = streets[earlier];
    const auto& b = streets[later];
    std::string message;
    if (a.whole_street() && b.whole_street())
      message = fmt::format("{} is already listed in line {}", b.street, lines[earlier]);
    else if (a.whole_street() || b.whole_street())
      message = fmt::format(
          "{} is both a whole street and split by house numbers (line {}); list either the "
          "whole street or its parts",
          b.street, lines[earlier]);
    else
      message =
          fmt::format("these house numbers overlap with line {} (the same street)", lines[earlier]);
    errors.push_back({lines[later], b.whole_street() ? "street" : "house_from", message});
  }
}

}  // namespace

StreetsImport parse_streets_csv(std::string_view text, const std::set<std::string>& districts) {
  static constexpr std::string_view kColumns[] = {"street", "house_from", "house_to", "parity",
                                                  "area",   "area_name",  "district"};
  static constexpr std::string_view kRequired[] = {"street", "area"};
  StreetsImport out;
  auto table = read_table(text, kColumns, kRequired, kMaxStreetRows, out.errors);
  out.rows = table.rows.size();

  std::map<std::string, std::size_t> area_index;  // code -> index in out.areas
  std::map<std::string, std::size_t> area_name_line;
  std::vector<std::size_t> lines;  // of out.streets
  for (const auto& record : table.rows) {
    Row row(table, record, out.errors);
    StreetSegment s;
    s.street = row.cell("street");
    if (s.street.empty())
      row.fail("street", "every row needs a street");
    else if (code_points(s.street) > kMaxStreetChars)
      row.fail("street", fmt::format("at most {} characters", kMaxStreetChars));
    s.area = row.cell("area");
    if (s.area.empty())
      row.fail("area", "every row needs an area (the code of its collection area)");
    else if (!valid_area_code(s.area))
      row.fail("area", fmt::format("'{}' is not an area code (letters, digits, '.', '_', '-'; at "
                                   "most 40)",
                                   s.area));
    for (auto [column, target] : {std::pair{"house_from", &s.from}, std::pair{"house_to", &s.to}}) {
      auto v = row.cell(column);
      if (v.empty()) continue;
      *target = parse_house_number(v);
      if (!*target) row.fail(column, fmt::format("'{}' is not a house number (12, 12a)", v));
    }
    if (s.from && s.to && *s.to < *s.from)
      row.fail("house_to", fmt::format("{} is below house_from {}", format_house_number(*s.to),
                                       format_house_number(*s.from)));
    auto parity = row.cell("parity");
    if (auto p = parse_parity(parity))
      s.parity = *p;
    else
      row.fail("parity",
               fmt::format("'{}' is not all, odd or even (alle, ungerade, gerade)", parity));
    s.district = row.cell("district");
    if (!s.district.empty() && !districts.contains(s.district))
      row.fail("district", fmt::format("'{}' is not a district of the city", s.district));

    if (valid_area_code(s.area)) {
      auto name = row.cell("area_name");
      auto [it, added] = area_index.emplace(s.area, out.areas.size());
      if (added) out.areas.push_back({s.area, "", ""});
      Area& area = out.areas[it->second];
      if (!name.empty()) {
        if (area.name.empty()) {
          area.name = name;
          area_name_line[s.area] = row.line();
        } else if (area.name != name) {
          row.fail("area_name", fmt::format("area {} is named '{}' in line {}", s.area, area.name,
                                            area_name_line[s.area]));
        }
      }
      if (area.district.empty() && districts.contains(s.district)) area.district = s.district;
    }
    if (row.ok()) {
      out.streets.push_back(std::move(s));
      lines.push_back(row.line());
    }
  }
  check_overlaps(out.streets, lines, out.errors);
  sort_by_line(out.errors);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dates

DatesImport parse_dates_csv(std::string_view text, int year, const std::set<std::string>& areas,
                            const std::vector<WasteType>& types) {
  static constexpr std::string_view kColumns[] = {"area", "type", "date", "every_weeks", "until"};
  static constexpr std::string_view kRequired[] = {"area", "type", "date"};
  DatesImport out;
  auto table = read_table(text, kColumns, kRequired, kMaxDateRows, out.errors);
  out.rows = table.rows.size();

  const Day first_day = year_start(year), last_day = year_end(year);
  auto in_year = [&](Day d) { return d >= first_day && d <= last_day; };
  std::map<std::tuple<std::string, std::string, Day>, std::size_t> seen;  // -> line
  for (const auto& record : table.rows) {
    Row row(table, record, out.errors);
    auto area = row.cell("area");
    if (area.empty())
      row.fail("area", "every row needs an area");
    else if (!areas.contains(area))
      row.fail("area",
               fmt::format("'{}' is not an area of the city (import the streets first)", area));
    auto type = row.cell("type");
    if (type.empty())
      row.fail("type", "every row needs a waste type");
    else if (std::none_of(types.begin(), types.end(),
                          [&](const auto& t) { return t.slug == type; }))
      row.fail("type", fmt::format("'{}' is not a waste type of the city (the types: {})", type,
                                   list_types(types)));
    auto date_text = row.cell("date");
    auto date = parse_day(date_text);
    if (!date)
      row.fail("date", fmt::format("'{}' is not a date (YYYY-MM-DD)", date_text));
    else if (!in_year(*date))
      row.fail("date", fmt::format("{} is not in {} (an import covers one year)", date_text, year));

    std::optional<int> every;
    if (auto v = row.cell("every_weeks"); !v.empty()) {
      int n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (ec != std::errc() || p != v.data() + v.size() || n < 1 || n > 4)
        row.fail("every_weeks", fmt::format("'{}' is not 1, 2, 3 or 4", v));
      else
        every = n;
    }
    std::optional<Day> until;
    if (auto v = row.cell("until"); !v.empty()) {
      until = parse_day(v);
      if (!until)
        row.fail("until", fmt::format("'{}' is not a date (YYYY-MM-DD)", v));
      else if (!in_year(*until))
        row.fail("until", fmt::format("{} is not in {} (an import covers one year)", v, year));
      else if (date && *until < *date)
        row.fail("until", fmt::format("{} is before the date {}", v, date_text));
      else if (row.cell("every_weeks").empty())
        row.fail("until", "until is the end of a rhythm: it needs every_weeks");
    }
    if (!row.ok()) continue;
    auto [it, added] = seen.emplace(std::tuple{area, type, *date}, row.line());
    if (!added) {
      row.fail("date",
               fmt::format("{} {} on {} is already in line {}", area, type, date_text, it->second));
      continue;
    }
    if (every)
      out.rhythms.push_back({area, type, *date, until.value_or(last_day), *every});
    else
      out.one_offs.push_back({area, type, *date});
  }
  sort_by_line(out.errors);
  return out;
}

// ---------------------------------------------------------------------------------------------
// iCalendar

namespace {

// For matching SUMMARY to a type: lower case, umlauts and their spellings (ae, oe, ue) to the
// bare vowel, ß to ss, only letters and digits. "Restmülltonne" -> "restmulltonne".
std::string type_key(std::string_view text) {
  std::string folded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[++i]);
      switch (next) {
        case 0xA4:
        case 0x84:
          folded += 'a';
          break;  // ä Ä
        case 0xB6:
        case 0x96:
          folded += 'o';
          break;  // ö Ö
        case 0xBC:
        case 0x9C:
          folded += 'u';
          break;  // ü Ü
        case 0x9F:
          folded += "ss";
          break;  // ß
        default:
          break;
      }
      continue;
    }
    if (std::isalnum(c)) folded += static_cast<char>(std::tolower(c));
  }
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    out += folded[i];
    if (i + 1 < folded.size() && folded[i + 1] == 'e' &&
        (folded[i] == 'a' || folded[i] == 'o' || folded[i] == 'u'))
      ++i;
  }
  return out;
}

// The type a SUMMARY names: a slug or title equal to it, else one it starts with (the longest),
// else one it contains ("Blaue Tonne (Papier)"). nullptr when none, or when two types match
// equally well.
const WasteType* match_type(std::string_view summary, const std::vector<WasteType>& types,
                            bool& ambiguous) {
  auto key = type_key(summary);
  ambiguous = false;
  if (key.empty()) return nullptr;
  const WasteType* best = nullptr;
  std::pair<int, std::size_t> best_score{0, 0};  // (3 equal / 2 prefix / 1 contained, length)
  for (const auto& t : types) {
    for (const auto* name : {&t.slug, &t.title_de, &t.title_en}) {
      auto k = type_key(*name);
      if (k.empty()) continue;
      int level = key == k                                            ? 3
                  : key.starts_with(k)                                ? 2
                  : k.size() >= 3 && key.find(k) != std::string::npos ? 1
                                                                      : 0;
      if (level == 0) continue;
      std::pair<int, std::size_t> score{level, k.size()};
      if (score > best_score) {
        best = &t;
        best_score = score;
        ambiguous = false;
      } else if (score == best_score && best != &t) {
        ambiguous = true;
      }
    }
  }
  return ambiguous ? nullptr : best;
}

std::optional<Day> day_of(const icaltimetype& t) {
  if (icaltime_is_null_time(t)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(t.year),
                                  std::chrono::month(static_cast<unsigned>(t.month)),
                                  std::chrono::day(static_cast<unsigned>(t.day))};
  if (!ymd.ok()) return std::nullopt;
  return Day(ymd);
}

bool array_empty(const short* a) {
  return a[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

// A weekly rule a Rhythm can hold: FREQ=WEEKLY, INTERVAL 1-4, at most BYDAY naming the start's
// weekday, nothing else.
bool rhythm_rule(const icalrecurrencetype& rule, Day start) {
  if (rule.freq != ICAL_WEEKLY_RECURRENCE || rule.interval < 1 || rule.interval > 4) return false;
  if (!array_empty(rule.by_second) || !array_empty(rule.by_minute) || !array_empty(rule.by_hour) ||
      !array_empty(rule.by_month_day) || !array_empty(rule.by_year_day) ||
      !array_empty(rule.by_week_no) || !array_empty(rule.by_month) || !array_empty(rule.by_set_pos))
    return false;
  if (array_empty(rule.by_day)) return true;
  if (rule.by_day[1] != ICAL_RECURRENCE_ARRAY_MAX) return false;
  if (icalrecurrencetype_day_position(rule.by_day[0]) != 0) return false;
  // libical: 1 = Sunday ... 7 = Saturday.
  auto weekday = static_cast<unsigned>(icalrecurrencetype_day_day_of_week(rule.by_day[0])) - 1;
  return std::chrono::weekday(start).c_encoding() == weekday;
}

struct IcsReader {
  int year;
  std::string area;
  const std::vector<WasteType>& types;
  DatesImport& out;
  Day first_day = year_start(year), last_day = year_end(year);
  std::map<std::pair<std::string, Day>, std::size_t> seen;  // (type, date) -> line
  // UID -> dates of occurrences overridden (RECURRENCE-ID) or cancelled by another VEVENT.
  std::map<std::string, std::set<Day>> overridden;

  bool in_year(Day d) const { return d >= first_day && d <= last_day; }

  // Records a pickup date; false (and a problem) when the type already has that date.
  bool claim(const std::string& type, Day d, std::size_t line) {
    auto [it, added] = seen.emplace(std::pair{type, d}, line);
    if (!added)
      out.errors.push_back(
          {line, "DTSTART",
           fmt::format("{} on {} is already in line {}", type, format_day(d), it->second)});
    return added;
  }

  void read(icalcomponent* ev, const shared::VeventLines& block) {
    auto fail = [&](const char* property, std::string message) {
      out.errors.push_back({block.line_of(property), property, std::move(message)});
    };
    auto broken = shared::property_problems(ev, block);
    for (auto& p : broken)
      out.errors.push_back({p.line, std::move(p.property), std::move(p.message)});
    if (!broken.empty()) return;
    // A moved or cancelled occurrence of a recurring event is a VEVENT of its own; the
    // recurring one leaves that date out (see `overridden`).
    if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) return;

    icalproperty* dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    if (!dtstart) return fail("DTSTART", "every pickup needs a DTSTART (its date)");
    auto start = day_of(icalproperty_get_dtstart(dtstart));
    if (!start) return fail("DTSTART", "DTSTART is not a valid date");
    const char* summary = icalcomponent_get_summary(ev);
    if (!summary || std::string_view(summary).find_first_not_of(" \t") == std::string_view::npos)
      return fail("SUMMARY", "every pickup needs a SUMMARY (its waste type)");
    bool ambiguous = false;
    const WasteType* type = match_type(summary, types, ambiguous);
    if (!type)
      return fail("SUMMARY", fmt::format("'{}' {} of the city's waste types ({})", summary,
                                         ambiguous ? "matches more than one" : "names none",
                                         list_types(types)));

    icalproperty* rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    if (!rrule) {
      if (in_year(*start) && claim(type->slug, *start, block.line_of("DTSTART")))
        out.one_offs.push_back({area, type->slug, *start});
      return;
    }
    if (icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY))
      return fail("RRULE", "only one RRULE per event is supported");
    icalrecurrencetype rule = icalproperty_get_rrule(rrule);

    std::set<Day> excluded;
    for (icalproperty* x = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); x;
         x = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY))
      if (auto d = day_of(icalproperty_get_exdate(x))) excluded.insert(*d);
    if (const char* uid = icalcomponent_get_uid(ev))
      if (auto it = overridden.find(uid); it != overridden.end())
        excluded.insert(it->second.begin(), it->second.end());
    bool extra_dates = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY) != nullptr;

    // A weekly rule without exceptions is a Rhythm; anything else is read as its dates.
    if (rhythm_rule(rule, *start) && excluded.empty() && !extra_dates) {
      int step = 7 * rule.interval;
      Day last = last_day;
      if (!icaltime_is_null_time(rule.until)) {
        auto until = day_of(rule.until);
        if (!until) return fail("RRULE", "UNTIL is not a valid date");
        last = std::min(last, *until);
      } else if (rule.count > 0) {
        last = std::min(last, *start + std::chrono::days((rule.count - 1) * step));
      }
      Day first = *start;
      if (first < first_day) {
        auto behind = (first_day - first).count();
        first += std::chrono::days((behind + step - 1) / step * step);
      }
      if (first > last) return;  // no pickup in the year
      bool clean = true;
      for (Day d = first; d <= last; d += std::chrono::days(step))
        clean = claim(type->slug, d, block.line_of("DTSTART")) && clean;
      if (clean) out.rhythms.push_back({area, type->slug, first, last, rule.interval});
      return;
    }

    std::vector<Day> dates;
    icalrecur_iterator* it = icalrecur_iterator_new(rule, shared::ical_date(*start));
    if (!it) return fail("RRULE", "the RRULE cannot be expanded");
    for (int n = 0; n < kMaxRecurrenceSteps; ++n) {
      auto next = day_of(icalrecur_iterator_next(it));
      if (!next || *next > last_day) break;
      if (*next >= first_day && !excluded.contains(*next)) dates.push_back(*next);
      if (dates.size() > kMaxExpandedDates) break;
    }
    icalrecur_iterator_free(it);
    for (icalproperty* x = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); x;
         x = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY))
      if (auto d = day_of(icalproperty_get_rdate(x).time);
          d && in_year(*d) && !excluded.contains(*d))
        dates.push_back(*d);
    if (dates.size() > kMaxExpandedDates)
      return fail("RRULE",
                  fmt::format("the RRULE has more than {} dates in {}", kMaxExpandedDates, year));
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    for (Day d : dates)
      if (claim(type->slug, d, block.line_of("DTSTART")))
        out.one_offs.push_back({area, type->slug, d});
  }
};

}  // namespace

DatesImport parse_area_ics(std::string_view text, int year, std::string_view area,
                           const std::vector<WasteType>& types) {
  DatesImport out;
  shared::LibicalLock lock;
  auto doc = shared::read_ical(text);
  for (auto& p : doc.problems)
    out.errors.push_back({p.line, std::move(p.property), std::move(p.message)});
  out.rows = doc.vevents.size();

  IcsReader reader{year, std::string(area), types, out};
  // First the overrides of single occurrences (RECURRENCE-ID), so that their recurring event
  // leaves those dates out; a cancelled override only removes its date.
  for (const auto& ev : doc.vevents) {
    icalproperty* rid = icalcomponent_get_first_property(ev.component, ICAL_RECURRENCEID_PROPERTY);
    const char* uid = icalcomponent_get_uid(ev.component);
    if (!rid || !uid) continue;
    if (auto d = day_of(icalproperty_get_recurrenceid(rid))) reader.overridden[uid].insert(*d);
  }
  for (const auto& ev : doc.vevents) reader.read(ev.component, ev.lines);
  sort_by_line(out.errors);
  return out;
}

}  // namespace mosaik::modules::waste
