// CSV files as cities and their spreadsheet programs write them, read with libcsv into a table
// the importers (events, waste plans) check row by row: a header row naming the columns in any
// order, comma- or semicolon-separated, RFC 4180 quoting (a quoted cell may span lines), UTF-8
// with an optional byte-order mark. Every row keeps the physical line it starts on, so that a
// problem points at the line a person sees in an editor.
#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mosaik::shared {

struct CsvProblem {
  std::size_t line = 0;  // 1-based physical line (a row: the line it starts on)
  std::string column;    // lower case; empty for a problem of the file or a whole row
  std::string message;
};

struct CsvColumns {
  std::span<const std::string_view> known;     // lower case; any other header name is a problem
  std::span<const std::string_view> required;  // a header without one of these is a problem
  std::size_t max_rows = std::numeric_limits<std::size_t>::max();  // data rows, header excluded
};

struct CsvRow {
  std::size_t line = 0;  // the physical line it starts on
  std::vector<std::string> cells;
  // False when `problems` names the row: more cells than the header has columns, or a cell that
  // is not UTF-8. The caller may still check its cells, but must not import it.
  bool well_formed = true;
};

struct CsvTable {
  // The data rows (header excluded), in file order. Blank lines and rows of empty cells (";;;"
  // as spreadsheets save an empty row) are skipped; line numbers count them. Empty when the file
  // cannot be read: see `problems`.
  std::vector<CsvRow> rows;
  // In line order. A problem of the file (a stray or unclosed quote, no header row, more than
  // max_rows rows) or of its header (an unknown, repeated or missing column) leaves `rows` empty.
  std::vector<CsvProblem> problems;
  std::map<std::string, std::size_t, std::less<>> column_index;  // header name -> cell index

  // The cell of `column` (a known name) with surrounding blanks and tabs removed; empty when the
  // header has no such column or the row is shorter.
  std::string cell(const CsvRow& row, std::string_view column) const;
};

// Reads `text`. The delimiter is whichever of ';' and ',' the header line has more of (German
// spreadsheet programs write semicolons); header names are compared case-insensitively.
CsvTable read_csv_table(std::string_view text, const CsvColumns& columns);

}  // namespace mosaik::shared
