#include "modules/reports/reports_module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "modules/reports/open311.hpp"
#include "modules/reports/report_mail.hpp"
#include "modules/reports/reports_store.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/secrets.hpp"
#include "platform/tenants/city.hpp"
#include "platform/tenants/city_directory.hpp"
#include "shared/media.hpp"

namespace mosaik::modules::reports {

namespace {

constexpr int kThumbnailEdge = 320;
constexpr std::int64_t kHourMs = 3'600'000;

}  // namespace

Result<std::string> ClientKeys::of(storage::Store& store, std::string_view city_slug,
                                   std::string_view address) {
  std::string secret;
  {
    std::lock_guard lock(mutex_);
    secret = secret_;
  }
  if (secret.empty()) {
    auto loaded = store.write([](storage::Transaction& tx) { return client_key_secret(tx); });
    if (!loaded) return loaded.error();
    std::lock_guard lock(mutex_);
    secret_ = secret = *loaded;
  }
  return identity::secret_digest(fmt::format("{}\n{}\n{}", secret, city_slug, address));
}

Result<Accepted> accept_report(const ModuleContext& context, const tenants::City& city,
                               const ReportsSettings& settings, Intake intake, std::int64_t now) {
  storage::Store& store = context.store;
  const Config& config = context.config;
  auto& s = intake.submission;
  // The images first, outside the transaction: decoding is the slow part.
  std::vector<StoredPhoto> photos;
  for (std::size_t i = 0; i < s.photos.size(); ++i) {
    auto field = fmt::format("photos[{}]", i);
    auto image = shared::reencode_image(s.photos[i], config.media);
    if (!image) return Error(image.error().code(), image.error().detail(), field);
    MediaConfig small = config.media;
    small.max_edge = kThumbnailEdge;
    auto thumbnail = shared::reencode_image(image->bytes, small);
    if (!thumbnail) return Error(thumbnail.error().code(), thumbnail.error().detail(), field);
    StoredPhoto stored;
    stored.photo.position = static_cast<int>(i + 1);
    stored.photo.width = image->width;
    stored.photo.height = image->height;
    stored.photo.content_type = image->content_type;
    stored.image = std::move(image->bytes);
    stored.thumbnail = std::move(thumbnail->bytes);
    stored.thumbnail_type = thumbnail->content_type;
    photos.push_back(std::move(stored));
  }
  const auto& key = intake.client_key;
  auto token = identity::random_secret();
  const Category* category = settings.category(s.category);
  auto result = store.write([&](storage::Transaction& tx) -> Accepted {
    if (auto id = report_of_submission(tx, city.id, s.submission_id)) {
      // The device sent this report before and lost the answer: the same report, a new token.
      set_token_digest(tx, city.id, *id, identity::secret_digest(token));
      return {*load_report(tx, city.id, *id), token, false};
    }
    if (!key.empty() &&
        reports_of_client(tx, city.id, key, now - kHourMs) >= settings.max_reports_per_hour)
      throw Error(Errc::too_many_requests,
                  fmt::format("At most {} reports an hour can be sent from one device; please "
                              "try again later",
                              settings.max_reports_per_hour))
          .with_retry_after(600);
    NewReport n;
    n.report.category = s.category;
    n.report.department = category->department;
    n.report.position = s.position;
    n.report.address = s.address;
    n.report.description = s.description;
    n.report.attributes = s.attributes;
    n.report.published = settings.moderation == Moderation::immediate;
    n.report.locale = s.locale;
    n.report.email = s.email;
    n.report.name = s.name;
    n.report.source = intake.source;
    n.submission_id = s.submission_id;
    n.token_digest = identity::secret_digest(token);
    n.client_key = key;
    n.photos = std::move(photos);
    insert_report(tx, city.id, n, now);
    if (const Department* d = settings.department(n.report.department); d && !d->email.empty())
      queue_mail(tx, department_notice(city, settings, n.report, d->email, context.links.origin()),
                 now);
    return {std::move(n.report), token, true};
  });
  if (!result) return result.error();
  return result;
}

Result<std::size_t> run_retention(storage::Store& store, tenants::CityDirectory& cities,
                                  std::int64_t now) {
  std::size_t cleared = 0;
  auto snapshot = cities.snapshot();
  for (const auto& city : snapshot->cities) {
    if (!city->module_enabled("reports")) continue;
    auto settings = ReportsSettings::of(*city);
    auto cutoff = now - std::int64_t{settings.retention_days} * 24 * kHourMs;
    auto done = store.write(
        [&](storage::Transaction& tx) { return apply_retention(tx, city->id, cutoff, now); });
    if (!done) return done.error();
    cleared += *done;
  }
  return cleared;
}

std::vector<MapLayer> ReportsModule::map_layers(std::string_view city_slug) const {
  return {{"reports", fmt::format("/api/v1/cities/{}/reports/map.geojson", city_slug),
           "Mängelmeldungen", "Reported problems"}};
}

std::vector<storage::Migration> ReportsModule::migrations() const {
  return reports_migrations();
}

std::vector<Job> ReportsRuntime::jobs() {
  ModuleContext& context = context_;
  storage::Store& store = context.store;
  tenants::CityDirectory& cities = context.cities;
  const MailConfig& mail = context.config.mail;
  return {{"reports retention", std::chrono::minutes(10),
           [&store, &cities] {
             auto cleared = run_retention(store, cities, unix_millis());
             if (!cleared) throw std::runtime_error(cleared.error().detail());
           }},
          {"reports mail", mail.interval, [&store, &mail] {
             auto sent = send_due_mail(store, mail, unix_millis());
             if (!sent) throw std::runtime_error(sent.error().detail());
           }}};
}

void ReportsRuntime::register_root_routes(http::Router& router) {
  add_open311_routes(router, context_, *this);
}

}  // namespace mosaik::modules::reports
