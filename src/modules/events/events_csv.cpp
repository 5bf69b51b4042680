#include "modules/events/events_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "shared/csv_table.hpp"

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
  static constexpr std::string_view kRequired[] = {"uid", "title", "start"};
  ParsedImport out;
  auto table = shared::read_csv_table(text, {csv_columns(), kRequired});
  for (auto& p : table.problems)
    out.errors.push_back({p.line, std::move(p.column), std::move(p.message)});
  for (const auto& row : table.rows) {
    if (!row.well_formed) continue;
    std::size_t line = row.line;
    auto cell = [&](const char* name) { return table.cell(row, name); };
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
  // The reader's problems of a row come before the row's own.
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  return out;
}

}  // namespace mosaik::modules::events
