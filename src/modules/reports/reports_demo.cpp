#include "modules/reports/reports_demo.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "modules/reports/reports_module.hpp"
#include "modules/reports/reports_settings.hpp"
#include "modules/reports/reports_store.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::reports {

namespace {

constexpr std::int64_t kDayMs = 24 * 3'600'000;

NewReport read_demo_report(JsonReader& r, const tenants::City& city,
                           const ReportsSettings& settings, std::size_t index) {
  Submission s;
  s.submission_id = fmt::format("demo-{}-{:04d}-report", city.slug, index);
  s.category = r.text("category", 40);
  s.position = Position{r.number("lat", -90, 90), r.number("lon", -180, 180)};
  s.address = r.text("address", 200, "");
  s.description = r.text("description", 2000);
  if (const json::object* attributes = r.object("attributes", false)) s.attributes = *attributes;
  if (auto checked = check_submission(s, city, settings); !checked) throw checked.error();
  NewReport n;
  n.submission_id = s.submission_id;
  n.token_digest = "demo";  // no device holds a token of a demo report
  auto& report = n.report;
  report.category = s.category;
  report.department = settings.category(s.category)->department;
  report.position = s.position;
  report.address = s.address;
  report.description = s.description;
  report.attributes = s.attributes;
  report.published = true;
  report.source = "demo";
  report.district = r.text("district", 63, "");
  if (!report.district.empty() && !city.district(report.district))
    r.fail("district", fmt::format("'{}' is not a district of {}", report.district, city.name));
  auto status = parse_status(r.text("status", 20));
  if (!status) r.fail("status", "must be a status of a report");
  report.status = *status;
  report.public_answer = r.text("public_answer", 2000, "");
  report.forwarded_to = r.text("forwarded_to", 200, "");
  r.integer("days_ago", 0, 365);
  r.finish();
  return n;
}

}  // namespace

Result<std::size_t> load_demo_reports(storage::Store& store, const tenants::City& city,
                                      const json::object& doc, std::int64_t now) {
  auto settings = ReportsSettings::of(city);
  auto reports = read_strictly<std::vector<std::pair<NewReport, std::int64_t>>>([&] {
    JsonReader top(doc);
    std::vector<std::pair<NewReport, std::int64_t>> out;
    const json::array* list = top.array("reports", true, 100);
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto key = fmt::format("reports[{}]", i);
      if (!(*list)[i].is_object()) top.fail(key, "must be an object");
      const auto& item = (*list)[i].as_object();
      JsonReader r(item, top.path(key));
      auto report = read_demo_report(r, city, settings, i + 1);
      auto days = item.at("days_ago").to_number<std::int64_t>();
      out.emplace_back(std::move(report), now - days * kDayMs - (i + 1) * 3'600'000);
    }
    top.finish();
    return out;
  });
  if (!reports) return reports.error();
  // Oldest first, so ids follow time as they do for real reports (lists are newest first by id).
  std::stable_sort(reports->begin(), reports->end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  auto stored = store.write([&](storage::Transaction& tx) {
    for (auto& [n, created] : *reports) {
      Status final_status = n.report.status;
      n.report.status = Status::received;
      insert_report(tx, city.id, n, created);
      if (final_status == Status::received) continue;
      // The history a case worker would have left: status and answer, hours after the report.
      auto& report = n.report;
      auto at = created + 3 * 3'600'000;
      report.status = final_status;
      report.updated_at = at;
      if (!is_open(final_status)) report.closed_at = at;
      update_report(tx, report);
      add_history(tx, city.id, report.id, {at, "status", final_status, "", false, "Demo"});
      if (!report.public_answer.empty())
        add_history(tx, city.id, report.id,
                    {at, "answer", std::nullopt, report.public_answer, false, "Demo"});
    }
    return reports->size();
  });
  return stored;
}

namespace demo {
std::string_view embedded_file(std::string_view name);  // src/modules/reports/demo/, generated
}

Result<std::optional<std::string>> ReportsModule::load_demo(storage::Store& store,
                                                            const tenants::City& city) const {
  return load_demo_document("reports", city, demo::embedded_file,
                            [&](const json::object& doc) -> Result<std::string> {
                              auto n = load_demo_reports(store, city, doc, unix_millis());
                              if (!n) return n.error();
                              return fmt::format("{} defect reports", *n);
                            });
}

}  // namespace mosaik::modules::reports
