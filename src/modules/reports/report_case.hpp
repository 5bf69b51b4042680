// The case-work rules of the Mängelmelder, as plain logic without HTTP or a database: what a
// PATCH of a case may say (read_case_change) and what it does to the case (apply_change).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "modules/reports/report.hpp"
#include "modules/reports/reports_settings.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::reports {

// The staff's changes of a case: the PATCH …/reports/cases/{id} body, checked.
struct CaseChange {
  std::optional<Status> status;
  std::optional<std::string> public_answer, comment, category, department, forwarded_to, district;
  std::optional<std::int64_t> duplicate_of;
  std::optional<bool> published;
};

// Reads a PATCH body strictly: unknown keys, a status, category, department or district the
// city does not have, an empty comment, and an empty body are validation_failed naming the field.
Result<CaseChange> read_case_change(const json::object& body, const tenants::City& city,
                                    const ReportsSettings& settings);

// Applies `change` to `r` as `actor` at `now` and returns the history entries it makes (internal
// ones for category, department, district, publishing and comments). A new category brings its
// department unless the change names one; closing sets closed_at, reopening clears it; a first
// status change other than rejected publishes the report (moderation "review").
// `report_exists(id)` says whether the city has report `id` (for duplicate_of).
// Errors: validation_failed (duplicate_of itself or unknown; forwarded without forwarded_to;
// duplicate without duplicate_of). On error `r` may be partly changed: discard it.
Result<std::vector<HistoryEntry>> apply_change(
    Report& r, const CaseChange& change, const ReportsSettings& settings, const std::string& actor,
    std::int64_t now, const std::function<bool(std::int64_t id)>& report_exists);

}  // namespace mosaik::modules::reports
