#include "modules/reports/report_case.hpp"

#include <fmt/format.h>

#include <limits>

#include "core/json_reader.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::reports {

Result<CaseChange> read_case_change(const json::object& body, const tenants::City& city,
                                    const ReportsSettings& settings) {
  return read_strictly<CaseChange>([&] {
    JsonReader r(body);
    CaseChange c;
    auto optional_text = [&](std::string_view key, std::size_t max) -> std::optional<std::string> {
      if (!body.contains(key) || body.at(key).is_null()) {
        r.text(key, max, "");
        return std::nullopt;
      }
      auto text = r.text(key, max);
      if (!is_clean_utf8(text)) r.fail(key, "must be UTF-8 text");
      return text;
    };
    if (auto status = optional_text("status", 20)) {
      c.status = parse_status(*status);
      if (!c.status)
        r.fail("status", "must be received, in_progress, done, rejected, forwarded or duplicate");
    }
    c.public_answer = optional_text("public_answer", 2000);
    c.comment = optional_text("comment", 2000);
    if (c.comment && c.comment->find_first_not_of(" \t\r\n") == std::string::npos)
      r.fail("comment", "must not be empty");
    c.category = optional_text("category", 40);
    if (c.category && !settings.category(*c.category))
      r.fail("category", fmt::format("'{}' is not a category of {}", *c.category, city.name));
    c.department = optional_text("department", 40);
    if (c.department && !settings.department(*c.department))
      r.fail("department", fmt::format("'{}' is not a department of {}", *c.department, city.name));
    c.forwarded_to = optional_text("forwarded_to", 200);
    c.district = optional_text("district", 63);
    if (c.district && !c.district->empty() && !city.district(*c.district))
      r.fail("district", fmt::format("'{}' is not a district of {}", *c.district, city.name));
    if (body.contains("duplicate_of") && !body.at("duplicate_of").is_null())
      c.duplicate_of = r.integer("duplicate_of", 1, std::numeric_limits<std::int64_t>::max());
    else
      r.text("duplicate_of", 0, "");
    if (body.contains("published") && !body.at("published").is_null())
      c.published = r.boolean("published");
    else
      r.text("published", 0, "");
    r.finish();
    if (body.empty()) r.fail("body", "names nothing to change");
    return c;
  });
}

Result<std::vector<HistoryEntry>> apply_change(
    Report& r, const CaseChange& c, const ReportsSettings& settings, const std::string& actor,
    std::int64_t now, const std::function<bool(std::int64_t id)>& report_exists) {
  std::vector<HistoryEntry> entries;
  auto note = [&](std::string kind, std::string text, bool internal,
                  std::optional<Status> status = std::nullopt) {
    entries.push_back({now, std::move(kind), status, std::move(text), internal, actor});
  };
  if (c.category && *c.category != r.category) {
    note("category", fmt::format("{} → {}", r.category, *c.category), true);
    r.category = *c.category;
    if (!c.department) {
      auto department = settings.category(r.category)->department;
      if (department != r.department)
        note("department", fmt::format("{} → {}", r.department, department), true);
      r.department = department;
    }
  }
  if (c.department && *c.department != r.department) {
    note("department", fmt::format("{} → {}", r.department, *c.department), true);
    r.department = *c.department;
  }
  if (c.district && *c.district != r.district) {
    note("district", fmt::format("{} → {}", r.district, *c.district), true);
    r.district = *c.district;
  }
  if (c.forwarded_to) r.forwarded_to = *c.forwarded_to;
  if (c.duplicate_of) {
    if (*c.duplicate_of == r.id)
      return validation_error("duplicate_of", "a report cannot duplicate itself");
    if (!report_exists(*c.duplicate_of))
      return validation_error("duplicate_of",
                              fmt::format("there is no report {}", *c.duplicate_of));
    r.duplicate_of = *c.duplicate_of;
  }
  if (c.status && *c.status != r.status) {
    if (*c.status == Status::forwarded && r.forwarded_to.empty())
      return validation_error("forwarded_to", "name the authority the report goes to");
    if (*c.status == Status::duplicate && !r.duplicate_of)
      return validation_error("duplicate_of", "name the report this one duplicates");
    bool was_open = is_open(r.status);
    r.status = *c.status;
    if (was_open && !is_open(r.status)) r.closed_at = now;
    if (is_open(r.status)) r.closed_at.reset();
    note("status", "", false, r.status);
    // A first look by staff publishes the report (moderation "review"), unless it is rejected.
    if (r.status != Status::rejected && !r.published && !c.published) {
      r.published = true;
      note("published", "", true);
    }
  }
  if (c.public_answer && *c.public_answer != r.public_answer) {
    r.public_answer = *c.public_answer;
    note("answer", r.public_answer, false);
  }
  if (c.published && *c.published != r.published) {
    r.published = *c.published;
    note(r.published ? "published" : "unpublished", "", true);
  }
  if (c.comment) note("comment", *c.comment, true);
  return entries;
}

}  // namespace mosaik::modules::reports
