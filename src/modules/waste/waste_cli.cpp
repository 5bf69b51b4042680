// `mosaik waste import --city SLUG --kind streets|dates|calendar [--year Y] [--area A]
// [--dry-run] FILE`: the same import as POST …/waste/admin/imports/{kind}, from the command line.
#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>

#include "modules/waste/waste_module.hpp"
#include "platform/identity/audit.hpp"
#include "platform/tenants/city_store.hpp"

namespace mosaik::modules::waste {
namespace {

Error usage(std::string message) {
  return Error(Errc::bad_request, std::move(message));
}

Result<std::string> import_command(const CliInvocation& in) {
  auto kind = parse_import_kind(in.value("kind"));
  if (!kind) return usage("--kind must be streets, dates or calendar");
  int year = 0;
  if (auto text = in.value("year"); !text.empty()) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size() || year < 2000 || year > 2100)
      return usage("--year must be a year such as 2027");
  }
  if (*kind != ImportKind::streets && year == 0)
    return usage("--year is required for dates and calendar imports");
  auto area = in.value("area");
  if (*kind == ImportKind::calendar && area.empty())
    return usage("--area is required for calendar imports");
  auto file = in.value("file");
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return Error(Errc::not_found, fmt::format("cannot read {}", file));
  std::stringstream ss;
  ss << stream.rdbuf();
  auto text = ss.str();

  auto city = tenants::CityStore(in.store, in.catalog).get(in.value("city"));
  if (!city) return Error(city.error().code(), "cannot read city: " + city.error().detail());
  if (!city->module_enabled("waste"))
    return Error(
        Errc::conflict,
        fmt::format("{} has not enabled the waste module (mosaik module enable)", city->name));
  PlanCache plans;
  std::vector<json::object> problems;
  auto summary =
      run_import(in.store, plans, *city, {*kind, text, year, area, in.value("dry-run") == "true"},
                 identity::cli_actor(), problems);
  if (!summary) {
    std::string lines;
    for (const auto& p : problems) {
      const auto& field = p.at("field").as_string();
      lines += fmt::format("\nline {}{}: {}", p.at("line").to_number<std::int64_t>(),
                           field.empty() ? "" : fmt::format(" ({})", field.c_str()),
                           p.at("message").as_string().c_str());
    }
    return Error(summary.error().code(), "import failed: " + summary.error().detail() + lines);
  }
  return json::serialize(*summary) + "\n";
}

}  // namespace

std::vector<CliCommand> WasteModule::cli_commands() const {
  return {{"import",
           "import streets, dates or an area's iCalendar file (docs/waste.md); prints the "
           "summary as JSON, or every problem of the file",
           {{"--city", "city slug", true},
            {"--kind", "streets, dates or calendar", true},
            {"--year", "the year a dates or calendar file replaces"},
            {"--area", "the area of a calendar file"},
            {"--dry-run", "check and report only; change nothing", false, true},
            {"file", "the file (CSV or iCalendar)", true}},
           import_command}};
}

}  // namespace mosaik::modules::waste
