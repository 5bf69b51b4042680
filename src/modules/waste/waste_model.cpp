#include "modules/waste/waste_model.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

namespace mosaik::modules::waste {

namespace {

bool read_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!read_int(text.substr(0, 4), y) || !read_int(text.substr(5, 2), m) ||
      !read_int(text.substr(8, 2), d))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y),
                                  std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return Day(ymd);
}

std::string format_day(Day day) {
  std::chrono::year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

int iso_weekday(Day day) {
  return static_cast<int>(std::chrono::weekday(day).iso_encoding());
}

int year_of(Day day) {
  return static_cast<int>(std::chrono::year_month_day(day).year());
}

std::optional<HouseNumber> parse_house_number(std::string_view text) {
  text = trim(text);
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 5) return std::nullopt;
  HouseNumber n;
  if (!read_int(text.substr(0, digits), n.number) || n.number < 1) return std::nullopt;
  auto rest = trim(text.substr(digits));
  // "12-14" / "12/14": a building with two numbers is found under the first.
  if (!rest.empty() && (rest.front() == '-' || rest.front() == '/')) {
    auto second = trim(rest.substr(1));
    int ignored = 0;
    if (!read_int(second, ignored)) return std::nullopt;
    return n;
  }
  if (rest.size() > 2) return std::nullopt;
  for (char c : rest) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
    n.suffix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return n;
}

std::string format_house_number(const HouseNumber& n) {
  return std::to_string(n.number) + n.suffix;
}

std::string_view to_string(Parity p) {
  switch (p) {
    case Parity::odd:
      return "odd";
    case Parity::even:
      return "even";
    case Parity::all:
      break;
  }
  return "all";
}

std::optional<Parity> parse_parity(std::string_view text) {
  std::string lower;
  for (char c : trim(text)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty() || lower == "all" || lower == "alle") return Parity::all;
  if (lower == "odd" || lower == "ungerade" || lower == "u") return Parity::odd;
  if (lower == "even" || lower == "gerade" || lower == "g") return Parity::even;
  return std::nullopt;
}

bool StreetSegment::contains(const HouseNumber& n) const {
  if (parity == Parity::odd && n.number % 2 == 0) return false;
  if (parity == Parity::even && n.number % 2 != 0) return false;
  // A range's ends compare by number only when they carry no suffix: "1-49" includes 49a.
  if (from && (from->suffix.empty() ? n.number < from->number : n < *from)) return false;
  if (to && (to->suffix.empty() ? n.number > to->number : n > *to)) return false;
  return true;
}

}  // namespace mosaik::modules::waste
