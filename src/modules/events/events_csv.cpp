#include "modules/events/events_csv.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <charconv>
#include <map>

namespace mosaik::modules::events {

const std::vector<std::string_view>& csv_columns() {
  static const std::vector<std::string_view> columns = {"uid",
                                                        "title",
                                                        "start",
                                                        "end",
                                                        "all_day",
                                                        "description",
                                                        "description_format",
                                                        "category",
                                                        "districts",
                                                        "venue_name",
                                                        "venue_address",
                                                        "lat",
                                                        "lon",
                                                        "organizer",
                                                        "free",
                                                        "price",
                                                        "accessibility",
                                                        "link",
                                                        "rrule",
                                                        "exdates",
                                                        "cancelled",
                                                        "image_url",
                                                        "image_alt"};
  return columns;
}

namespace {

struct Record {
  std::size_t end_line = 0;
  std::vector<std::string> cells;
};

struct ParseState {
  std::size_t line = 0;  // the physical line being fed
  std::vector<std::string> cells;
  std::vector<Record> records;
};

void on_field(void* data, std::size_t len, void* user) {
  auto* s = static_cast<ParseState*>(user);
  s->cells.emplace_back(static_cast<const char*>(data), len);
}

void on_row(int, void* user) {
  auto* s = static_cast<ParseState*>(user);
  s->records.push_back({s->line, std::move(s->cells)});
  s->cells.clear();
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::optional<bool> boolean_cell(std::string_view v) {
  std::string l(v);
  for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l == "true" || l == "ja" || l == "yes" || l == "1" || l == "x") return true;
  if (l == "false" || l == "nein" || l == "no" || l == "0") return false;
  return std::nullopt;
}

std::optional<double> number_cell(const std::string& v) {
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  return d;
}

json::array split_list(const std::string& v) {
  json::array out;
  std::string_view rest(v);
  while (!rest.empty()) {
    auto bar = rest.find('|');
    auto one = trim(rest.substr(0, bar));
    if (!one.empty()) out.emplace_back(one);
    if (bar == std::string_view::npos) break;
    rest.remove_prefix(bar + 1);
  }
  return out;
}

}  // namespace

ParsedImport parse_csv(std::string_view text, const CityRules& city,
                       std::string_view default_category) {
  ParsedImport out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Excel's byte-order mark
  // The delimiter: a header with semicolons and no commas is semicolon-separated.
  auto first_nl = text.find('\n');
  auto header_line = text.substr(0, first_nl);
  unsigned char delim = header_line.find(';') != std::string_view::npos &&
                                header_line.find(',') == std::string_view::npos
                            ? ';'
                            : ',';
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    out.errors.push_back({1, "", "the CSV reader could not start"});
    return out;
  }
  csv_set_delim(&parser, delim);
  ParseState state;
  std::vector<bool> blank_line{true};  // index 0 unused
  std::size_t pos = 0;
  bool failed = false;
  while (pos < text.size() && !failed) {
    auto nl = text.find('\n', pos);
    auto end = nl == std::string_view::npos ? text.size() : nl + 1;
    auto line = text.substr(pos, end - pos);
    ++state.line;
    blank_line.push_back(line.find_first_not_of("\r\n \t") == std::string_view::npos);
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_row, &state) != line.size()) {
      out.errors.push_back(
          {state.line, "",
           fmt::format("line {}: {}", state.line, csv_strerror(csv_error(&parser)))});
      failed = true;
    }
    pos = end;
  }
  if (!failed && csv_fini(&parser, on_field, on_row, &state) != 0)
    out.errors.push_back({state.line, "",
                          fmt::format("line {}: {} (a quote is never closed)", state.line,
                                      csv_strerror(csv_error(&parser)))});
  csv_free(&parser);
  if (!out.errors.empty()) return out;
  if (state.records.empty()) {
    out.errors.push_back({1, "", "the file has no header row"});
    return out;
  }

  // Start lines: the first non-blank line after the previous record.
  std::vector<std::size_t> start_lines;
  std::size_t prev_end = 0;
  for (const auto& r : state.records) {
    std::size_t start = prev_end + 1;
    while (start < r.end_line && start < blank_line.size() && blank_line[start]) ++start;
    start_lines.push_back(start);
    prev_end = r.end_line;
  }

  const auto& header = state.records.front().cells;
  std::map<std::string, std::size_t> column_index;
  for (std::size_t i = 0; i < header.size(); ++i) {
    auto name = trim(header[i]);
    bool known = false;
    for (auto c : csv_columns()) known = known || c == name;
    if (!known)
      out.errors.push_back({start_lines[0], name,
                            fmt::format("unknown column '{}' (see docs/events-import.md)", name)});
    else if (!column_index.emplace(name, i).second)
      out.errors.push_back({start_lines[0], name, fmt::format("column '{}' appears twice", name)});
  }
  for (auto required : {"uid", "title", "start"})
    if (!column_index.contains(required))
      out.errors.push_back(
          {start_lines[0], required, fmt::format("the header needs a column '{}'", required)});
  if (!out.errors.empty()) return out;

  for (std::size_t r = 1; r < state.records.size(); ++r) {
    const auto& cells = state.records[r].cells;
    std::size_t line = start_lines[r];
    if (cells.size() > header.size()) {
      out.errors.push_back(
          {line, "",
           fmt::format("{} cells, but the header names {} columns", cells.size(), header.size())});
      continue;
    }
    auto cell = [&](const char* name) -> std::string {
      auto it = column_index.find(name);
      if (it == column_index.end() || it->second >= cells.size()) return {};
      return trim(cells[it->second]);
    };
    ImportItem item;
    item.line = line;
    item.uid = cell("uid");
    bool row_ok = true;
    auto bad = [&](const char* column, std::string message) {
      out.errors.push_back({line, column, std::move(message)});
      row_ok = false;
    };
    if (item.uid.empty()) bad("uid", "every row needs a uid (it makes re-imports idempotent)");
    if (item.uid.size() > 255) bad("uid", "must be at most 255 bytes long");
    auto& in = item.input;
    auto text_field = [&](const char* column, const char* key) {
      auto v = cell(column);
      if (!v.empty()) in[key] = v;
      item.source_names[key] = column;
    };
    auto flag_field = [&](const char* column) -> std::optional<bool> {
      auto v = cell(column);
      if (v.empty()) return std::nullopt;
      auto b = boolean_cell(v);
      if (!b) bad(column, fmt::format("'{}' is not true/false (or ja/nein)", v));
      return b;
    };
    in["title"] = cell("title");
    item.source_names["title"] = "title";
    text_field("start", "start");
    text_field("end", "end");
    text_field("description", "description");
    text_field("description_format", "description_format");
    text_field("organizer", "organizer");
    text_field("accessibility", "accessibility");
    text_field("link", "link");
    auto all_day = flag_field("all_day");
    if (!all_day) all_day = cell("start").size() == 10;  // a date alone
    in["all_day"] = *all_day;
    item.source_names["all_day"] = "all_day";
    auto category = cell("category");
    if (category.empty())
      category = !default_category.empty() ? std::string(default_category)
                 : city.categories.empty() ? std::string()
                                           : city.categories.front().slug;
    in["category"] = category;
    item.source_names["category"] = "category";
    in["districts"] = split_list(cell("districts"));
    item.source_names["districts"] = "districts";
    if (auto name = cell("venue_name"); !name.empty() || !cell("venue_address").empty()) {
      json::object venue{{"name", name}, {"address", cell("venue_address")}};
      for (const char* c : {"lat", "lon"}) {
        auto v = cell(c);
        if (v.empty()) continue;
        if (auto d = number_cell(v))
          venue[c] = *d;
        else
          bad(c, fmt::format("'{}' is not a decimal number (use a point: 51.5136)", v));
      }
      in["venue"] = std::move(venue);
    }
    item.source_names["venue.name"] = "venue_name";
    item.source_names["venue.address"] = "venue_address";
    item.source_names["venue.lat"] = "lat";
    item.source_names["venue.lon"] = "lon";
    item.source_names["venue"] = "venue_name";
    auto free = flag_field("free");
    if (free || !cell("price").empty())
      in["price"] = json::object{{"free", free.value_or(false)}, {"text", cell("price")}};
    item.source_names["price.free"] = "free";
    item.source_names["price.text"] = "price";
    item.source_names["price"] = "price";
    if (auto rrule = cell("rrule"); !rrule.empty())
      in["recurrence"] = json::object{{"rrule", rrule}, {"exdates", split_list(cell("exdates"))}};
    else if (!cell("exdates").empty())
      bad("exdates", "exdates need an rrule");
    item.source_names["recurrence.rrule"] = "rrule";
    item.source_names["recurrence.exdates"] = "exdates";
    item.source_names["recurrence"] = "rrule";
    if (auto cancelled = flag_field("cancelled")) in["cancelled"] = *cancelled;
    item.source_names["cancelled"] = "cancelled";
    if (auto url = cell("image_url"); !url.empty())
      in["image"] = json::object{{"url", url}, {"alt", cell("image_alt")}};
    item.source_names["image.url"] = "image_url";
    item.source_names["image.alt"] = "image_alt";
    item.source_names["image"] = "image_url";
    in["status"] = "published";
    if (row_ok) out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace mosaik::modules::events
