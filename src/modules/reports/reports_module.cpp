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
constexpr std::size_t kMapLimit = 2000;
constexpr std::size_t kMaxBodyBytes = 40 * 1024 * 1024;
constexpr std::string_view kTokenHeader = "X-Report-Token";

Result<std::int64_t> number_param(const http::RequestContext& ctx, std::string_view name,
                                  std::string_view what) {
  auto text = ctx.param(name);
  auto n = http::parse_positive_id(text);
  if (!n)
    return Error(Errc::not_found, fmt::format("There is no {} '{}'", what, text),
                 std::string(name));
  return *n;
}

Error no_report(std::int64_t id) {
  return Error(Errc::not_found, fmt::format("There is no report {}", id), "id");
}

// "S,W,N,E" -> Box. Errors: validation_failed (field `name`).
Result<std::optional<Box>> read_box(const http::RequestContext& ctx) {
  auto text = ctx.request.query_param("bbox");
  if (!text) return std::optional<Box>{};
  double v[4];
  std::size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    auto end = i < 3 ? text->find(',', start) : text->size();
    if (end == std::string::npos) return validation_error("bbox", "must be S,W,N,E in degrees");
    auto [p, ec] = std::from_chars(text->data() + start, text->data() + end, v[i]);
    if (ec != std::errc() || p != text->data() + end || !std::isfinite(v[i]))
      return validation_error("bbox", "must be S,W,N,E in degrees");
    start = end + 1;
  }
  if (v[0] > v[2] || v[1] > v[3] || v[0] < -90 || v[2] > 90 || v[1] < -180 || v[3] > 180)
    return validation_error("bbox", "must be S,W,N,E with S <= N and W <= E");
  return std::optional<Box>{Box{v[0], v[1], v[2], v[3]}};
}

Result<std::optional<bool>> read_open(const http::RequestContext& ctx) {
  auto text = ctx.request.query_param("status");
  if (!text || text->empty()) return std::optional<bool>{};
  if (*text == "open") return std::optional<bool>{true};
  if (*text == "closed") return std::optional<bool>{false};
  return validation_error("status", "must be open or closed");
}

Result<double> read_coordinate(const http::RequestContext& ctx, std::string_view name, double max) {
  auto text = ctx.request.query_param(name);
  double v = 0;
  if (!text) return validation_error(std::string(name), fmt::format("{} is required", name));
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size() || std::abs(v) > max)
    return validation_error(std::string(name), "must be a coordinate in degrees");
  return v;
}

// A valid X-Report-Token of the report.
bool has_token(storage::Transaction& tx, const http::RequestContext& ctx, std::int64_t id) {
  auto token = ctx.request.header(kTokenHeader);
  return !token.empty() && token.size() <= 100 &&
         token_matches(tx, ctx.city->id, id, identity::secret_digest(token));
}

Result<std::string> client_key_of(ClientKeys& keys, storage::Store& store,
                                  const http::RequestContext& ctx, const Config& config) {
  return keys.of(store, ctx.city->slug,
                 http::client_address(ctx.request, config.http.trusted_proxies));
}

json::object case_summary(const Report& r, const tenants::City& city) {
  return {{"id", r.id},
          {"category", r.category},
          {"department", r.department},
          {"status", to_string(r.status)},
          {"published", r.published},
          {"district", r.district.empty() ? json::value(nullptr) : json::value(r.district)},
          {"address", r.address},
          {"lat", r.position ? json::value(r.position->lat) : json::value(nullptr)},
          {"lon", r.position ? json::value(r.position->lon) : json::value(nullptr)},
          {"description", r.description.substr(0, 200)},
          {"supporters", r.supporters},
          {"created_at", format_time(r.created_at, city)},
          {"updated_at", format_time(r.updated_at, city)}};
}

// The audit form of a case: what staff change, without photos and history.
json::object audit_json(const Report& r) {
  return {{"category", r.category},
          {"department", r.department},
          {"status", to_string(r.status)},
          {"district", r.district},
          {"public_answer", r.public_answer},
          {"forwarded_to", r.forwarded_to},
          {"duplicate_of", r.duplicate_of ? json::value(*r.duplicate_of) : json::value(nullptr)},
          {"published", r.published}};
}

http::Response photo_response(const PhotoBytes& photo, bool shared) {
  auto entity = http::make_entity(photo.content_type, photo.bytes, /*compress=*/false,
                                  shared ? "public, max-age=300" : "private, max-age=300");
  return http::entity_response(std::move(entity));
}

// The staff's changes of a case (PATCH body), checked.
struct CaseChange {
  std::optional<Status> status;
  std::optional<std::string> public_answer, comment, category, department, forwarded_to, district;
  std::optional<std::int64_t> duplicate_of;
  std::optional<bool> published;
};

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

// Applies `change` to `r`, adding history entries. Errors: validation_failed.
Result<std::vector<HistoryEntry>> apply_change(storage::Transaction& tx, Report& r,
                                               const CaseChange& c, const ReportsSettings& settings,
                                               const std::string& actor, std::int64_t now) {
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
    if (!load_report(tx, r.city_id, *c.duplicate_of, false))
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

std::vector<storage::Migration> ReportsModule::migrations() const {
  return reports_migrations();
}

std::vector<Job> ReportsModule::jobs(ModuleContext& context) {
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

void ReportsModule::register_root_routes(http::Router& router, ModuleContext& context) {
  add_open311_routes(router, context, *this);
}

void ReportsModule::register_routes(ModuleRouter& router, ModuleContext& context) {
  storage::Store& store = context.store;
  const Config& config = context.config;
  shared::ReadCache& cache = cache_;
  ClientKeys& keys = client_keys_;
  const std::string base = "/api/v1/cities/{city}/reports";

  // ------------------------------------------------------------------ citizens

  router
      .add(http::Method::post, base,
           shared::invalidating(
               cache,
               [&context, &store, &config, &keys](http::RequestContext& ctx) -> http::Response {
                 auto body = http::json_body(ctx.request);
                 if (!body) return body.error();
                 auto settings = ReportsSettings::of(*ctx.city);
                 auto submission =
                     read_submission(*body, *ctx.city, settings, config.media.max_upload_bytes);
                 if (!submission) return submission.error();
                 auto key = client_key_of(keys, store, ctx, config);
                 if (!key) return key.error();
                 auto accepted =
                     accept_report(context, *ctx.city, settings,
                                   {std::move(*submission), std::move(*key), "app"}, unix_millis());
                 if (!accepted) return accepted.error();
                 auto out = reporter_json(accepted->report, *ctx.city, settings);
                 out["access_token"] = accepted->access_token;
                 return http::json_response(accepted->created ? 201 : 200, json::serialize(out));
               }),
           http::Access::public_, /*blocking=*/true)
      .options.max_body_bytes = kMaxBodyBytes;

  router.add(
      http::Method::get, base,
      shared::cached_read(
          cache, context.links,
          [&store](http::RequestContext& ctx) -> http::Response {
            auto page = http::parse_page(ctx.request, 20, 100);
            if (!page) return page.error();
            auto before = http::integer_cursor(*page, std::numeric_limits<std::int64_t>::max());
            if (!before) return before.error();
            PublicFilter filter;
            auto box = read_box(ctx);
            if (!box) return box.error();
            filter.box = *box;
            auto open = read_open(ctx);
            if (!open) return open.error();
            filter.open = *open;
            filter.category = ctx.request.query_param("category").value_or("");
            auto settings = ReportsSettings::of(*ctx.city);
            if (!filter.category.empty() && !settings.category(filter.category))
              return validation_error("category", "is not a category of the city");
            auto reports = store.read([&](storage::Transaction& tx) {
              return list_public(tx, ctx.city->id, filter, *before, page->limit, true);
            });
            if (!reports) return reports.error();
            json::array items;
            for (const auto& r : *reports) items.push_back(public_json(r, *ctx.city, settings));
            json::value next = nullptr;
            if (reports->size() == page->limit)
              next = http::encode_cursor(std::to_string(reports->back().id));
            return http::json_response(
                200,
                json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", next}}));
          }),
      http::Access::public_, /*blocking=*/true);

  router.add(http::Method::get, base + "/map.geojson",
             shared::cached_read(
                 cache, context.links,
                 [&store](http::RequestContext& ctx) -> http::Response {
                   auto box = read_box(ctx);
                   if (!box) return box.error();
                   auto open = read_open(ctx);
                   if (!open) return open.error();
                   const auto& b = ctx.city->bounds;
                   Box city{b.south_west.lat, b.south_west.lon, b.north_east.lat, b.north_east.lon};
                   Box area = box->value_or(city);
                   // A quarter of the city or more: walk the newest reports rather than the
                   // position index (see map_points).
                   auto size = [](const Box& x) {
                     return std::max(0.0, x.north - x.south) * std::max(0.0, x.east - x.west);
                   };
                   Box overlap{std::max(area.south, city.south), std::max(area.west, city.west),
                               std::min(area.north, city.north), std::min(area.east, city.east)};
                   bool wide = size(overlap) >= size(city) / 4;
                   auto points = store.read([&](storage::Transaction& tx) {
                     return map_points(tx, ctx.city->id, area, *open, kMapLimit + 1, wide);
                   });
                   if (!points) return points.error();
                   bool truncated = points->size() > kMapLimit;
                   if (truncated) points->pop_back();
                   json::array features;
                   features.reserve(points->size());
                   for (const auto& p : *points)
                     features.push_back(json::object{
                         {"type", "Feature"},
                         {"id", p.id},
                         {"geometry", json::object{{"type", "Point"},
                                                   {"coordinates", json::array{p.lon, p.lat}}}},
                         {"properties",
                          json::object{{"id", p.id},
                                       {"category", p.category},
                                       {"status", to_string(p.status)},
                                       {"created_at", format_time(p.created_at, *ctx.city)}}}});
                   auto body = json::serialize(json::object{{"type", "FeatureCollection"},
                                                            {"features", std::move(features)},
                                                            {"truncated", truncated}});
                   return http::text_response(200, "application/geo+json", std::move(body));
                 }),
             http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/nearby",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto lat = read_coordinate(ctx, "lat", 90);
        if (!lat) return lat.error();
        auto lon = read_coordinate(ctx, "lon", 180);
        if (!lon) return lon.error();
        auto settings = ReportsSettings::of(*ctx.city);
        auto category = ctx.request.query_param("category").value_or("");
        if (!settings.category(category))
          return validation_error("category", "must be a category of the city");
        double radius = settings.duplicate_radius_m;
        constexpr double kMetresPerDegree = 111'320;
        double dlat = radius / kMetresPerDegree;
        double dlon = radius / (kMetresPerDegree * std::max(0.01, std::cos(*lat * M_PI / 180)));
        Position here{*lat, *lon};
        auto reports = store.read([&](storage::Transaction& tx) {
          auto found = open_reports_in(tx, ctx.city->id, category,
                                       {*lat - dlat, *lon - dlon, *lat + dlat, *lon + dlon});
          std::vector<std::pair<double, Report>> near;
          for (auto& r : found) {
            double d = distance_m(here, *r.position);
            if (d <= radius) near.emplace_back(d, std::move(r));
          }
          std::sort(near.begin(), near.end(),
                    [](const auto& a, const auto& b) { return a.first < b.first; });
          if (near.size() > 10) near.resize(10);
          // The public ones are shown with their photos.
          for (auto& [d, r] : near)
            if (r.is_public())
              if (auto full = load_report(tx, ctx.city->id, r.id)) r = std::move(*full);
          return near;
        });
        if (!reports) return reports.error();
        json::array items;
        for (const auto& [d, r] : *reports) {
          json::object item{{"id", r.id},
                            {"distance_m", std::round(d)},
                            {"status", to_string(r.status)},
                            {"created_at", format_time(r.created_at, *ctx.city)},
                            {"supporters", r.supporters},
                            {"public", r.is_public()}};
          if (r.is_public()) {
            auto view = public_json(r, *ctx.city, settings);
            item["description"] = view.at("description");
            item["photos"] = view.at("photos");
          }
          items.push_back(std::move(item));
        }
        return http::json_response(
            200, json::serialize(json::object{{"radius_m", radius}, {"items", std::move(items)}}));
      },
      http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/{id}",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto id = number_param(ctx, "id", "report");
        if (!id) return id.error();
        auto found = store.read([&](storage::Transaction& tx) {
          auto r = load_report(tx, ctx.city->id, *id);
          bool own = r && has_token(tx, ctx, *id);
          return std::pair{std::move(r), own};
        });
        if (!found) return found.error();
        auto& [report, own] = *found;
        if (!report || (!own && !report->is_public())) return no_report(*id);
        auto settings = ReportsSettings::of(*ctx.city);
        auto body = own ? reporter_json(*report, *ctx.city, settings)
                        : public_json(*report, *ctx.city, settings);
        auto response = http::json_response(200, json::serialize(body));
        if (own) response.set_header("Cache-Control", "private, no-store");
        return response;
      },
      http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::post, base + "/{id}/supports",
      shared::invalidating(
          cache,
          [&store, &config, &keys](http::RequestContext& ctx) -> http::Response {
            auto id = number_param(ctx, "id", "report");
            if (!id) return id.error();
            auto key = client_key_of(keys, store, ctx, config);
            if (!key) return key.error();
            auto count = store.write([&](storage::Transaction& tx) -> std::optional<std::int64_t> {
              auto r = load_report(tx, ctx.city->id, *id, false);
              if (!r || !is_open(r->status) || r->status == Status::rejected) return std::nullopt;
              return add_support(tx, ctx.city->id, *id, *key);
            });
            if (!count) return count.error();
            if (!*count) return no_report(*id);
            return http::json_response(200, json::serialize(json::object{{"supporters", **count}}));
          }),
      http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::delete_, base + "/{id}/personal-data",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto id = number_param(ctx, "id", "report");
        if (!id) return id.error();
        auto done = store.write([&](storage::Transaction& tx) {
          if (!has_token(tx, ctx, *id)) return false;
          delete_personal_data(tx, ctx.city->id, *id, unix_millis());
          add_history(tx, ctx.city->id, *id,
                      {unix_millis(), "personal_data", std::nullopt,
                       "Personal data deleted at the reporter's request", true, ""});
          return true;
        });
        if (!done) return done.error();
        if (!*done) return no_report(*id);
        return http::no_content();
      },
      http::Access::public_, /*blocking=*/true);

  auto public_photo = [&store](bool thumbnail) {
    return [&store, thumbnail](http::RequestContext& ctx) -> http::Response {
      auto id = number_param(ctx, "id", "report");
      if (!id) return id.error();
      auto n = number_param(ctx, "n", "photo");
      if (!n || *n > 3) return Error(Errc::not_found, "There is no such photo", "n");
      auto found =
          store.read([&](storage::Transaction& tx) -> std::optional<std::pair<PhotoBytes, bool>> {
            auto r = load_report(tx, ctx.city->id, *id, false);
            if (!r) return std::nullopt;
            bool own = has_token(tx, ctx, *id);
            auto photo = load_photo(tx, ctx.city->id, *id, static_cast<int>(*n), thumbnail);
            if (!photo || (!own && (!r->is_public() || photo->hidden))) return std::nullopt;
            return std::pair{std::move(*photo), !own};
          });
      if (!found) return found.error();
      if (!*found) return Error(Errc::not_found, "There is no such photo", "n");
      return photo_response((*found)->first, (*found)->second);
    };
  };
  router.add(http::Method::get, base + "/{id}/photos/{n}", public_photo(false),
             http::Access::public_, /*blocking=*/true);
  router.add(http::Method::get, base + "/{id}/photos/{n}/thumbnail", public_photo(true),
             http::Access::public_, /*blocking=*/true);

  // ------------------------------------------------------------------ staff

  router.add(
      http::Method::get, base + "/cases",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto page = http::parse_page(ctx.request, 50, 200);
        if (!page) return page.error();
        auto after = http::integer_cursor(*page, 0);
        if (!after) return after.error();
        CaseFilter filter;
        auto status = ctx.request.query_param("status").value_or("");
        if (status == "open" || status == "closed") {
          filter.open = status == "open";
        } else if (!status.empty()) {
          filter.status = parse_status(status);
          if (!filter.status)
            return validation_error("status", "must be open, closed or a status of a report");
        }
        filter.category = ctx.request.query_param("category").value_or("");
        filter.department = ctx.request.query_param("department").value_or("");
        filter.district = ctx.request.query_param("district").value_or("");
        filter.query = ctx.request.query_param("q").value_or("");
        if (filter.query.size() > 100) return validation_error("q", "at most 100 characters");
        if (auto days = ctx.request.query_param("older_than_days")) {
          int n = 0;
          auto [p, ec] = std::from_chars(days->data(), days->data() + days->size(), n);
          if (ec != std::errc() || p != days->data() + days->size() || n < 0 || n > 3650)
            return validation_error("older_than_days", "must be 0 to 3650");
          filter.created_before_ms = unix_millis() - std::int64_t{n} * 24 * kHourMs;
        }
        auto reports = store.read([&](storage::Transaction& tx) {
          return list_cases(tx, ctx.city->id, filter, *after, page->limit);
        });
        if (!reports) return reports.error();
        json::array items;
        for (const auto& r : *reports) items.push_back(case_summary(r, *ctx.city));
        json::value next = nullptr;
        if (reports->size() == page->limit)
          next = http::encode_cursor(std::to_string(reports->back().id));
        return http::json_response(
            200, json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", next}}));
      },
      http::Access::city_cases);

  router.add(
      http::Method::get, base + "/cases/{id}",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto id = number_param(ctx, "id", "report");
        if (!id) return id.error();
        auto report = store.read(
            [&](storage::Transaction& tx) { return load_report(tx, ctx.city->id, *id); });
        if (!report) return report.error();
        if (!*report) return no_report(*id);
        return http::json_response(
            200, json::serialize(case_json(**report, *ctx.city, ReportsSettings::of(*ctx.city))));
      },
      http::Access::city_cases);

  router.add(http::Method::patch, base + "/cases/{id}",
             shared::invalidating(
                 cache,
                 [&store, &links = context.links](http::RequestContext& ctx) -> http::Response {
                   auto id = number_param(ctx, "id", "report");
                   if (!id) return id.error();
                   auto body = http::json_body(ctx.request);
                   if (!body) return body.error();
                   auto settings = ReportsSettings::of(*ctx.city);
                   auto change = read_case_change(*body, *ctx.city, settings);
                   if (!change) return change.error();
                   auto actor = identity::actor_of(ctx);
                   auto now = unix_millis();
                   auto saved = store.write([&](storage::Transaction& tx) -> std::optional<Report> {
                     auto r = load_report(tx, ctx.city->id, *id);
                     if (!r) return std::nullopt;
                     auto before = audit_json(*r);
                     auto old_status = r->status;
                     auto entries = apply_change(tx, *r, *change, settings, actor.label, now);
                     if (!entries) throw entries.error();
                     if (entries->empty()) return r;
                     r->updated_at = now;
                     update_report(tx, *r);
                     for (const auto& e : *entries) add_history(tx, ctx.city->id, r->id, e);
                     identity::record_audit(tx, actor,
                                            {ctx.city->slug, "reports.case.update", "report",
                                             std::to_string(r->id), before, audit_json(*r)});
                     if (r->status != old_status && r->email)
                       queue_mail(tx,
                                  status_mail(*ctx.city, settings, *r, *r->email, links.origin()),
                                  now);
                     return load_report(tx, ctx.city->id, *id);
                   });
                   if (!saved) return saved.error();
                   if (!*saved) return no_report(*id);
                   return http::json_response(
                       200, json::serialize(case_json(**saved, *ctx.city, settings)));
                 }),
             http::Access::city_cases);

  router.add(
      http::Method::post, base + "/cases/reject",
      shared::invalidating(
          cache,
          [&store](http::RequestContext& ctx) -> http::Response {
            auto body = http::json_body(ctx.request);
            if (!body) return body.error();
            struct Reject {
              std::vector<std::int64_t> ids;
              std::string reason;
            };
            auto request = read_strictly<Reject>([&] {
              JsonReader r(*body);
              Reject out;
              const json::array* ids = r.array("ids", true, 500);
              if (ids->empty()) r.fail("ids", "name at least one report");
              for (std::size_t i = 0; i < ids->size(); ++i) {
                if (!(*ids)[i].is_int64() || (*ids)[i].as_int64() < 1)
                  r.fail(fmt::format("ids[{}]", i), "must be a report id");
                out.ids.push_back((*ids)[i].as_int64());
              }
              out.reason = r.text("reason", 2000, "");
              r.finish();
              return out;
            });
            if (!request) return request.error();
            auto actor = identity::actor_of(ctx);
            auto now = unix_millis();
            auto rejected = store.write([&](storage::Transaction& tx) {
              json::array done;
              for (auto id : request->ids) {
                auto r = load_report(tx, ctx.city->id, id, false);
                if (!r || r->status == Status::rejected) continue;
                bool was_open = is_open(r->status);
                r->status = Status::rejected;
                if (was_open) r->closed_at = now;
                r->updated_at = now;
                update_report(tx, *r);
                add_history(tx, ctx.city->id, id,
                            {now, "status", Status::rejected, "", false, actor.label});
                if (!request->reason.empty())
                  add_history(tx, ctx.city->id, id,
                              {now, "comment", std::nullopt, request->reason, true, actor.label});
                done.emplace_back(id);
              }
              if (!done.empty())
                identity::record_audit(
                    tx, actor,
                    {ctx.city->slug, "reports.case.reject", "report", "bulk", nullptr,
                     json::object{{"ids", done}, {"reason", request->reason}}});
              return done.size();
            });
            if (!rejected) return rejected.error();
            return http::json_response(200, json::serialize(json::object{{"rejected", *rejected}}));
          }),
      http::Access::city_cases);

  router.add(http::Method::patch, base + "/cases/{id}/photos/{n}",
             shared::invalidating(
                 cache,
                 [&store](http::RequestContext& ctx) -> http::Response {
                   auto id = number_param(ctx, "id", "report");
                   if (!id) return id.error();
                   auto n = number_param(ctx, "n", "photo");
                   if (!n || *n > 3) return Error(Errc::not_found, "There is no such photo", "n");
                   auto body = http::json_body(ctx.request);
                   if (!body) return body.error();
                   auto hidden = read_strictly<bool>([&] {
                     JsonReader r(*body);
                     auto value = r.boolean("hidden");
                     r.finish();
                     return value;
                   });
                   if (!hidden) return hidden.error();
                   auto actor = identity::actor_of(ctx);
                   auto done = store.write([&](storage::Transaction& tx) {
                     if (!set_photo_hidden(tx, ctx.city->id, *id, static_cast<int>(*n), *hidden))
                       return false;
                     add_history(tx, ctx.city->id, *id,
                                 {unix_millis(), "photo", std::nullopt,
                                  fmt::format("Photo {} {}", *n, *hidden ? "hidden" : "shown"),
                                  true, actor.label});
                     identity::record_audit(tx, actor,
                                            {ctx.city->slug, "reports.photo.hide", "report_photo",
                                             fmt::format("{}/{}", *id, *n), nullptr,
                                             json::object{{"hidden", *hidden}}});
                     return true;
                   });
                   if (!done) return done.error();
                   if (!*done) return Error(Errc::not_found, "There is no such photo", "n");
                   return http::json_response(
                       200, json::serialize(json::object{{"position", *n}, {"hidden", *hidden}}));
                 }),
             http::Access::city_cases);

  auto staff_photo = [&store](bool thumbnail) {
    return [&store, thumbnail](http::RequestContext& ctx) -> http::Response {
      auto id = number_param(ctx, "id", "report");
      if (!id) return id.error();
      auto n = number_param(ctx, "n", "photo");
      if (!n || *n > 3) return Error(Errc::not_found, "There is no such photo", "n");
      auto photo = store.read([&](storage::Transaction& tx) {
        return load_photo(tx, ctx.city->id, *id, static_cast<int>(*n), thumbnail);
      });
      if (!photo) return photo.error();
      if (!*photo) return Error(Errc::not_found, "There is no such photo", "n");
      return photo_response(**photo, false);
    };
  };
  router.add(http::Method::get, base + "/cases/{id}/photos/{n}", staff_photo(false),
             http::Access::city_cases);
  router.add(http::Method::get, base + "/cases/{id}/photos/{n}/thumbnail", staff_photo(true),
             http::Access::city_cases);
}

}  // namespace mosaik::modules::reports
