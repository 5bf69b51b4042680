#include "shared/csv_table.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/json_reader.hpp"

namespace mosaik::shared {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct ReadState {
  std::size_t line = 0;           // the physical line being fed
  std::vector<bool> blank{true};  // per physical line (index 0 unused)
  std::size_t previous_end = 0;   // the line the previous record ended on
  std::size_t max_records = 0;    // header included
  bool too_many = false;
  std::vector<std::string> cells;
  std::vector<CsvRow> records;

  // A record starts on the first non-blank line after the previous one (libcsv reports only
  // where a record ends).
  std::size_t next_start() const {
    std::size_t start = previous_end + 1;
    while (start < line && start < blank.size() && blank[start]) ++start;
    return start;
  }
};

void on_field(void* data, std::size_t len, void* user) {
  auto* s = static_cast<ReadState*>(user);
  s->cells.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void on_record(int, void* user) {
  auto* s = static_cast<ReadState*>(user);
  std::size_t start = s->next_start();
  s->previous_end = s->line;
  auto cells = std::move(s->cells);
  s->cells.clear();
  if (std::all_of(cells.begin(), cells.end(), [](const auto& c) { return trim(c).empty(); }))
    return;
  if (s->records.size() >= s->max_records) {
    s->too_many = true;
    return;
  }
  s->records.push_back({start, std::move(cells)});
}

// All records, the header first; a syntax error is one problem and no records.
std::vector<CsvRow> read_records(std::string_view text, std::size_t max_rows,
                                 std::vector<CsvProblem>& problems) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // Excel's byte-order mark
  // The delimiter, from the header line (the first line that is not blank).
  auto header = text.substr(std::min(text.find_first_not_of("\r\n \t"), text.size()));
  header = header.substr(0, header.find('\n'));
  unsigned char delim =
      std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',')
          ? ';'
          : ',';
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    problems.push_back({1, "", "the CSV reader could not start"});
    return {};
  }
  csv_set_delim(&parser, delim);
  ReadState state;
  state.max_records = max_rows == std::numeric_limits<std::size_t>::max() ? max_rows : max_rows + 1;
  bool failed = false;
  // Fed line by line, so that the state knows the physical line of every record's end.
  for (std::size_t pos = 0; pos < text.size() && !failed;) {
    auto nl = text.find('\n', pos);
    auto end = nl == std::string_view::npos ? text.size() : nl + 1;
    auto line = text.substr(pos, end - pos);
    ++state.line;
    state.blank.push_back(line.find_first_not_of("\r\n \t") == std::string_view::npos);
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_record, &state) != line.size()) {
      problems.push_back({state.line, "",
                          fmt::format("{}: a quote inside a cell that is not quoted, or text "
                                      "after a closing quote",
                                      csv_strerror(csv_error(&parser)))});
      failed = true;
    }
    pos = end;
  }
  if (!failed && csv_fini(&parser, on_field, on_record, &state) != 0) {
    problems.push_back(
        {state.next_start(), "",
         fmt::format("{} (a quote is never closed)", csv_strerror(csv_error(&parser)))});
    failed = true;
  }
  csv_free(&parser);
  if (failed) return {};
  if (state.records.empty()) {
    problems.push_back({1, "", "the file has no header row"});
    return {};
  }
  if (state.too_many) {
    problems.push_back(
        {1, "", fmt::format("the file has more than {} rows; split it or ask us", max_rows)});
    return {};
  }
  return std::move(state.records);
}

}  // namespace

std::string CsvTable::cell(const CsvRow& row, std::string_view column) const {
  auto it = column_index.find(column);
  if (it == column_index.end() || it->second >= row.cells.size()) return {};
  return std::string(trim(row.cells[it->second]));
}

CsvTable read_csv_table(std::string_view text, const CsvColumns& columns) {
  CsvTable table;
  auto records = read_records(text, columns.max_rows, table.problems);
  if (records.empty()) return table;

  const CsvRow& header = records.front();
  std::string all;
  for (auto k : columns.known) all += (all.empty() ? "" : ", ") + std::string(k);
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    auto name = lower_ascii(trim(header.cells[i]));
    if (std::find(columns.known.begin(), columns.known.end(), name) == columns.known.end())
      table.problems.push_back(
          {header.line, name, fmt::format("unknown column '{}' (the columns are: {})", name, all)});
    else if (!table.column_index.emplace(name, i).second)
      table.problems.push_back({header.line, name, fmt::format("column '{}' appears twice", name)});
  }
  for (auto r : columns.required)
    if (!table.column_index.contains(r))
      table.problems.push_back(
          {header.line, std::string(r), fmt::format("the header needs a column '{}'", r)});
  if (!table.problems.empty()) return table;

  const std::size_t width = header.cells.size();
  records.erase(records.begin());
  for (auto& row : records) {
    if (row.cells.size() > width) {
      table.problems.push_back(
          {row.line, "",
           fmt::format("{} cells, but the header names {} columns", row.cells.size(), width)});
      row.well_formed = false;
    }
    if (!std::all_of(row.cells.begin(), row.cells.end(),
                     [](const std::string& c) { return is_clean_utf8(c); })) {
      table.problems.push_back(
          {row.line, "", "a cell is not UTF-8 text (save the file as \"CSV UTF-8\")"});
      row.well_formed = false;
    }
  }
  table.rows = std::move(records);
  return table;
}

}  // namespace mosaik::shared
