// The Mängelmelder's routes under /api/v1/cities/{city}/reports: thin handlers over the plain
// logic (report.hpp, report_case.hpp) and the store (reports_store.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/clock.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "modules/reports/report_case.hpp"
#include "modules/reports/report_mail.hpp"
#include "modules/reports/reports_module.hpp"
#include "modules/reports/reports_store.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/secrets.hpp"
#include "platform/tenants/city.hpp"
#include "shared/media.hpp"

namespace mosaik::modules::reports {

namespace {

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

}  // namespace

std::unique_ptr<ModuleRuntime> ReportsModule::start(ModuleContext& context) const {
  return std::make_unique<ReportsRuntime>(context);
}

void ReportsRuntime::register_routes(ModuleRouter& router) {
  ModuleContext& context = context_;
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

  router.add(
      http::Method::patch, base + "/cases/{id}",
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
              auto entries =
                  apply_change(*r, *change, settings, actor.label, now, [&](std::int64_t other) {
                    return static_cast<bool>(load_report(tx, r->city_id, other, false));
                  });
              if (!entries) throw entries.error();
              if (entries->empty()) return r;
              r->updated_at = now;
              update_report(tx, *r);
              for (const auto& e : *entries) add_history(tx, ctx.city->id, r->id, e);
              identity::record_audit(tx, actor,
                                     {ctx.city->slug, "reports.case.update", "report",
                                      std::to_string(r->id), before, audit_json(*r)});
              if (r->status != old_status && r->email)
                queue_mail(tx, status_mail(*ctx.city, settings, *r, *r->email, links.origin()),
                           now);
              return load_report(tx, ctx.city->id, *id);
            });
            if (!saved) return saved.error();
            if (!*saved) return no_report(*id);
            return http::json_response(200,
                                       json::serialize(case_json(**saved, *ctx.city, settings)));
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
