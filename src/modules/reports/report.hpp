// A defect report and what can be said of it: statuses, the citizen's submission (checked
// against the city's categories), and the three views of a report (public, reporter, staff).
// Plain logic, no HTTP and no database: unit-tested in tests/unit/reports_test.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/geo.hpp"
#include "core/json.hpp"
#include "modules/reports/reports_settings.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::reports {

enum class Status { received, in_progress, done, rejected, forwarded, duplicate };
std::string_view to_string(Status status) noexcept;
std::optional<Status> parse_status(std::string_view text) noexcept;
// received and in_progress; the others are closed.
bool is_open(Status status) noexcept;
Text status_label(Status status);

// A report's pin (the one point type, core/geo.hpp).
using Position = GeoPoint;

struct Photo {
  int position = 0;  // 1..3
  int width = 0, height = 0;
  bool hidden = false;
  std::string content_type;
};

struct HistoryEntry {
  std::int64_t at = 0;  // unix ms
  std::string kind;     // "created", "status", "answer", "comment", "category", "department",
                        // "published", "photo", "supporters"
  std::optional<Status> status;
  std::string text;
  bool internal = false;
  std::string actor;  // staff label; empty for the citizen / system
};

struct Report {
  std::int64_t id = 0;
  std::int64_t city_id = 0;
  std::string category;
  std::string department;
  Status status = Status::received;
  std::optional<Position> position;
  std::string address;
  std::string district;
  std::string description;
  json::object attributes;
  std::string public_answer;
  std::string forwarded_to;
  std::optional<std::int64_t> duplicate_of;
  bool published = false;
  std::int64_t supporters = 0;
  std::string locale = "de";
  std::int64_t created_at = 0, updated_at = 0;
  std::optional<std::int64_t> closed_at;
  // Personal data: never in a public view.
  std::optional<std::string> email;
  std::optional<std::string> name;
  bool personal_data_deleted = false;
  std::string source = "app";  // "app", "open311" or "demo"
  std::vector<Photo> photos;
  std::vector<HistoryEntry> history;

  // Public: published and not rejected.
  bool is_public() const noexcept { return published && status != Status::rejected; }
};

// What a citizen (app or Open311) sends, checked at the edge.
struct Submission {
  std::string submission_id;
  std::string category;
  std::optional<Position> position;
  std::string address;
  std::string description;
  json::object attributes;          // normalised: code -> string | number | array of strings
  std::vector<std::string> photos;  // raw image bytes
  std::optional<std::string> email;
  std::optional<std::string> name;
  std::string locale = "de";
};

// Reads the app's JSON body (docs/reports.md, "Citizen API"). Photos are decoded from base64
// but not yet checked as images. Errors: validation_failed naming the field (the honeypot
// `website`: bad_request).
Result<Submission> read_submission(const json::object& body, const tenants::City& city,
                                   const ReportsSettings& settings, std::size_t max_photo_bytes);

// Checks what every submission must satisfy, whatever its source: the category exists, the
// position is inside the city, required position and questions are given, answers fit their
// question. Normalises `attributes`. Errors: validation_failed naming the field.
Result<void> check_submission(Submission& submission, const tenants::City& city,
                              const ReportsSettings& settings);

bool plausible_email(std::string_view text) noexcept;

// The views; photo URLs are root-relative.
json::object public_json(const Report& report, const tenants::City& city,
                         const ReportsSettings& settings);
// The reporter's: adds published, has_email; photos and history as the public view.
json::object reporter_json(const Report& report, const tenants::City& city,
                           const ReportsSettings& settings);
// Staff: everything.
json::object case_json(const Report& report, const tenants::City& city,
                       const ReportsSettings& settings);

std::string format_time(std::int64_t unix_ms, const tenants::City& city);

}  // namespace mosaik::modules::reports
