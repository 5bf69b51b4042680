#include "shared/ical_text.hpp"

#include <fmt/format.h>

#include <utility>

namespace mosaik::shared {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::size_t VeventLines::line_of(std::string_view property) const {
  auto it = properties.find(property);
  return it == properties.end() ? begin : it->second;
}

IcalLayout scan_ical(std::string_view text) {
  IcalLayout layout;
  std::vector<std::pair<std::string, std::size_t>> open;  // BEGIN name, line
  std::size_t line_no = 0, pos = 0;
  bool first = true;
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') continue;  // a folded line's continuation
    auto colon = line.find(':');
    auto name = upper_ascii(line.substr(0, line.find_first_of(":;")));
    auto value =
        colon == std::string_view::npos ? std::string() : upper_ascii(trim(line.substr(colon + 1)));
    if (first) {
      first = false;
      if (name != "BEGIN" || value != "VCALENDAR") {
        layout.problems.push_back(
            {line_no, "", "not an iCalendar file: it must start with BEGIN:VCALENDAR"});
        return layout;
      }
    }
    if (colon == std::string_view::npos) {
      layout.problems.push_back(
          {line_no, "", fmt::format("line {} is not an iCalendar property (NAME:value)", line_no)});
      continue;
    }
    if (name == "BEGIN") {
      open.emplace_back(value, line_no);
      if (value == "VEVENT" && open.size() == 2) layout.vevents.push_back({line_no, {}});
    } else if (name == "END") {
      if (open.empty() || open.back().first != value) {
        layout.problems.push_back(
            {line_no, "",
             open.empty() ? fmt::format("END:{} without BEGIN:{}", value, value)
                          : fmt::format("END:{} where END:{} (of line {}) was expected", value,
                                        open.back().first, open.back().second)});
        return layout;
      }
      open.pop_back();
    } else if (open.size() == 2 && open.back().first == "VEVENT" && !layout.vevents.empty()) {
      layout.vevents.back().properties.emplace(name, line_no);
    } else if (open.empty()) {
      layout.problems.push_back({line_no, "", "content after END:VCALENDAR"});
    }
  }
  if (first) layout.problems.push_back({1, "", "the file is empty (no VCALENDAR)"});
  for (auto it = open.rbegin(); it != open.rend(); ++it)
    layout.problems.push_back({it->second, "", fmt::format("BEGIN:{} is never closed", it->first)});
  return layout;
}

IcalDocument read_ical(std::string_view text) {
  IcalDocument doc;
  auto layout = scan_ical(text);
  if (!layout.problems.empty()) {
    doc.problems = std::move(layout.problems);
    return doc;
  }
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  std::string copy(text);  // libical wants a terminated string
  IcalComponentPtr root(icalparser_parse_string(copy.c_str()));
  if (!root || icalcomponent_isa(root.get()) != ICAL_VCALENDAR_COMPONENT) {
    doc.problems.push_back({1, "", "not an iCalendar file (one VCALENDAR expected)"});
    return doc;
  }
  for (icalcomponent* ev = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT);
       ev && doc.vevents.size() < layout.vevents.size();
       ev = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT))
    doc.vevents.push_back({ev, std::move(layout.vevents[doc.vevents.size()])});
  doc.calendar = std::move(root);
  return doc;
}

std::vector<IcalProblem> property_problems(icalcomponent* vevent, const VeventLines& lines) {
  std::vector<IcalProblem> out;
  for (icalproperty* p = icalcomponent_get_first_property(vevent, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(vevent, ICAL_XLICERROR_PROPERTY)) {
    const char* text = icalproperty_get_xlicerror(p);
    std::string message = text ? text : "";
    IcalProblem problem{lines.begin, "VEVENT", message.empty() ? "malformed property" : message};
    for (const auto& [name, line] : lines.properties)
      if (message.find(" " + name + " property") != std::string::npos) {
        problem.line = line;
        problem.property = name;
      }
    out.push_back(std::move(problem));
  }
  return out;
}

std::string ical_string(icalcomponent* component) {
  char* text = icalcomponent_as_ical_string_r(component);
  std::string out = text ? text : "";
  icalmemory_free_buffer(text);
  return out;
}

icaltimetype ical_date(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd(day);
  icaltimetype t = icaltime_null_time();  // (null_date() sets the time to -1:-1:-1)
  t.is_date = 1;
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  return t;
}

}  // namespace mosaik::shared
