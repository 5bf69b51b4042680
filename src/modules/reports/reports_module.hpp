// Mängelmelder: citizens report defects (category, pin, description, photos, optional e-mail)
// without an account and follow them; case workers triage and answer them; the public sees
// moderated reports on a map. Open311 GeoReport v2 (open311.hpp) serves the same reports to
// third-party apps. Design and API: docs/reports.md.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "modules/reports/report.hpp"
#include "modules/reports/reports_settings.hpp"
#include "platform/module.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::reports {

// What both the app and Open311 hand over to make a report.
struct Intake {
  Submission submission;
  std::string client_key;  // ClientKeys::of the client's address; empty: no per-client limit
  std::string source = "app";
};

struct Accepted {
  Report report;
  std::string access_token;
  bool created = true;  // false: the submission_id had been sent before
};

// Turns photos into stored images, applies the rate limit, stores the report with its history
// and (when the category's department has an address) a notice to the department, all in one
// transaction. A repeated submission_id answers the first report with a new access token.
// Errors: validation_failed / unsupported_media_type for photos (field photos[i]),
// too_many_requests past the city's limit, or the store's.
Result<Accepted> accept_report(const ModuleContext& context, const tenants::City& city,
                               const ReportsSettings& settings, Intake intake, std::int64_t now);

// The keyed hashes that stand for client addresses in the database (rate limit, supports): the
// address is never stored, and the key (made once per database) keeps the hash from being
// reversed by trying all addresses. Thread-safe.
class ClientKeys {
 public:
  // Errors: the store's, when the key cannot be read or made.
  Result<std::string> of(storage::Store& store, std::string_view city_slug,
                         std::string_view address);

 private:
  std::mutex mutex_;
  std::string secret_;
};

// Clears the personal data of reports closed longer than their city's retention_days; returns
// how many reports were cleared.
Result<std::size_t> run_retention(storage::Store& store, tenants::CityDirectory& cities,
                                  std::int64_t now);

class ReportsModule final : public Module {
 public:
  std::string_view name() const override { return "reports"; }
  std::string_view title_de() const override { return "Mängelmelder"; }
  std::string_view title_en() const override { return "Report a problem"; }
  StaffWork staff_work() const override { return StaffWork::cases; }
  std::vector<storage::Migration> migrations() const override;
  std::unique_ptr<ModuleRuntime> start(ModuleContext& context) const override;
  std::vector<MapLayer> map_layers(std::string_view city_slug) const override;
  Result<std::optional<std::string>> load_demo(storage::Store& store,
                                               const tenants::City& city) const override;
  Result<json::object> validate_settings(const json::object& settings) const override {
    return validate_reports_settings(settings);
  }
  json::object public_settings(const json::object& settings) const override {
    return public_reports_settings(settings);
  }
};

// The running Mängelmelder: the read cache of the public answers and the client keys.
class ReportsRuntime final : public ModuleRuntime {
 public:
  explicit ReportsRuntime(ModuleContext& context) : context_(context) {}
  void register_routes(ModuleRouter& router) override;
  // Open311 GeoReport v2 under /open311/v2/ (open311.hpp).
  void register_root_routes(http::Router& router) override;
  std::vector<Job> jobs() override;

  shared::ReadCache& cache() { return cache_; }
  ClientKeys& client_keys() { return client_keys_; }

 private:
  ModuleContext& context_;
  shared::ReadCache cache_;  // public lists and the map
  ClientKeys client_keys_;
};

}  // namespace mosaik::modules::reports
