#include "modules/reports/open311.hpp"

#include <fmt/format.h>

#include <charconv>
#include <pugixml.hpp>
#include <sstream>

#include "core/clock.hpp"
#include "http/path_params.hpp"
#include "modules/reports/open311_format.hpp"
#include "modules/reports/reports_module.hpp"
#include "modules/reports/reports_store.hpp"
#include "platform/identity/api_tokens.hpp"
#include "platform/identity/secrets.hpp"
#include "platform/tenants/city.hpp"
#include "platform/tenants/city_directory.hpp"
#include "shared/internet_time.hpp"

namespace mosaik::modules::reports {

namespace {

using namespace open311;

constexpr std::int64_t kDefaultDays = 90;
constexpr std::string_view kPrefix = "/open311/v2/";

// The city of jurisdiction_id, when it has the module switched on.
Result<std::shared_ptr<const tenants::City>> jurisdiction(tenants::CityDirectory& cities,
                                                          const std::optional<std::string>& id) {
  if (!id || id->empty())
    return Error(Errc::bad_request, "jurisdiction_id is required (the city's slug)");
  auto snapshot = cities.snapshot();
  auto it = snapshot->by_slug.find(*id);
  if (it == snapshot->by_slug.end() || !it->second->module_enabled("reports"))
    return Error(Errc::not_found, fmt::format("jurisdiction_id '{}' is not known here", *id));
  return it->second;
}

}  // namespace

void add_open311_routes(http::Router& router, ModuleContext& context, ReportsRuntime& module) {
  storage::Store& store = context.store;
  tenants::CityDirectory& cities = context.cities;
  const Config& config = context.config;
  const tenants::PublicLinks& links = context.links;
  // Open311 has no city in its path: links follow the jurisdiction's own domain, if asked on it.
  auto origin_of = [&links](const http::RequestContext& ctx, const tenants::City& city) {
    return links.origin_for(&city, http::request_host_name(ctx.request));
  };
  const http::RouteOptions options{.blocking = true, .access = http::Access::public_};

  router.add(
      http::Method::get, std::string(kPrefix) + "{resource}",
      [&store, &cities, origin_of](http::RequestContext& ctx) -> http::Response {
        auto resource = split_format(ctx.param("resource"));
        if (!resource)
          return error(Format::json, 404,
                       "Use services.json, services.xml, requests.json or requests.xml");
        auto [name, format] = *resource;
        if (name != "services" && name != "requests")
          return error(format, 404, fmt::format("There is no resource '{}'", name));
        auto city = jurisdiction(cities, ctx.request.query_param("jurisdiction_id"));
        if (!city) return error(format, city.error());
        auto settings = ReportsSettings::of(**city);
        if (name == "services") {
          json::array services;
          for (const auto& c : settings.categories) services.push_back(service_json(c, settings));
          return answer(200, format, "services", services);
        }
        PublicFilter filter;
        if (auto ids = ctx.request.query_param("service_request_id")) {
          filter.ids = id_list(*ids);
          if (!filter.ids) return error(format, 400, "service_request_id must be a list of ids");
        }
        filter.category = ctx.request.query_param("service_code").value_or("");
        auto open = status_filter(ctx.request.query_param("status"));
        if (!open) return error(format, open.error());
        filter.open = *open;
        for (auto [key, target] :
             {std::pair{"start_date", &filter.from_ms}, std::pair{"end_date", &filter.to_ms}}) {
          if (auto text = ctx.request.query_param(key)) {
            *target = shared::parse_rfc3339(*text);
            if (!*target)
              return error(format, 400,
                           fmt::format("{} must be a time like 2026-11-24T00:00:00Z", key));
          }
        }
        if (!filter.ids && !filter.from_ms && !filter.to_ms)
          filter.from_ms = unix_millis() - kDefaultDays * 24 * 3'600'000;
        auto reports = store.read([&](storage::Transaction& tx) {
          return list_public(tx, (*city)->id, filter, std::numeric_limits<std::int64_t>::max(),
                             kMaxRequests, /*details=*/true);
        });
        if (!reports) return error(format, reports.error());
        auto origin = origin_of(ctx, **city);
        json::array items;
        for (const auto& r : *reports) items.push_back(request_json(r, **city, settings, origin));
        return answer(200, format, "service_requests", items);
      },
      options);

  router.add(
      http::Method::get, std::string(kPrefix) + "services/{code}",
      [&cities](http::RequestContext& ctx) -> http::Response {
        auto code = split_format(ctx.param("code"));
        if (!code) return error(Format::json, 404, "Use services/{code}.json or .xml");
        auto city = jurisdiction(cities, ctx.request.query_param("jurisdiction_id"));
        if (!city) return error(code->second, city.error());
        auto settings = ReportsSettings::of(**city);
        const Category* c = settings.category(code->first);
        if (!c)
          return error(code->second, 404,
                       fmt::format("service_code '{}' is not known", code->first));
        return answer(200, code->second, "service_definition", definition_json(*c));
      },
      options);

  router.add(
      http::Method::get, std::string(kPrefix) + "requests/{id}",
      [&store, &cities, origin_of](http::RequestContext& ctx) -> http::Response {
        auto id = split_format(ctx.param("id"));
        if (!id) return error(Format::json, 404, "Use requests/{id}.json or .xml");
        auto format = id->second;
        auto city = jurisdiction(cities, ctx.request.query_param("jurisdiction_id"));
        if (!city) return error(format, city.error());
        auto ids = id_list(id->first);
        if (!ids || ids->size() != 1)
          return error(format, 404, fmt::format("There is no request '{}'", id->first));
        auto settings = ReportsSettings::of(**city);
        PublicFilter filter;
        filter.ids = ids;
        auto reports = store.read([&](storage::Transaction& tx) {
          return list_public(tx, (*city)->id, filter, std::numeric_limits<std::int64_t>::max(), 1,
                             true);
        });
        if (!reports) return error(format, reports.error());
        if (reports->empty())
          return error(format, 404, fmt::format("There is no request '{}'", id->first));
        json::array items{request_json(reports->front(), **city, settings, origin_of(ctx, **city))};
        return answer(200, format, "service_requests", items);
      },
      options);

  router.add(
      http::Method::get, std::string(kPrefix) + "tokens/{token}",
      [&store, &cities](http::RequestContext& ctx) -> http::Response {
        auto token = split_format(ctx.param("token"));
        if (!token) return error(Format::json, 404, "Use tokens/{token}.json or .xml");
        auto format = token->second;
        auto city = jurisdiction(cities, ctx.request.query_param("jurisdiction_id"));
        if (!city) return error(format, city.error());
        if (token->first.size() > 64) return error(format, 404, "There is no such token");
        auto id = store.read([&](storage::Transaction& tx) {
          return report_of_submission(tx, (*city)->id, token->first);
        });
        if (!id) return error(format, id.error());
        if (!*id) return error(format, 404, "There is no such token");
        json::array items{
            json::object{{"service_request_id", std::to_string(**id)}, {"token", token->first}}};
        return answer(200, format, "service_requests", items);
      },
      options);

  router.add(
      http::Method::post, std::string(kPrefix) + "{resource}",
      [&context, &store, &cities, &config, &module](http::RequestContext& ctx) -> http::Response {
        auto resource = split_format(ctx.param("resource"));
        if (!resource || resource->first != "requests")
          return error(resource ? resource->second : Format::json, 404,
                       "POST requests.json or requests.xml");
        auto format = resource->second;
        auto type = ctx.request.header("Content-Type");
        if (!type.empty() && !type.starts_with("application/x-www-form-urlencoded"))
          return error(format, 415, "Send the fields as application/x-www-form-urlencoded");
        auto form = http::parse_form(ctx.request.body);
        if (!form) return error(format, 400, "The form is not properly URL-encoded");
        auto field = [&](std::string_view key) -> std::optional<std::string> {
          for (const auto& [k, v] : *form)
            if (k == key) return v;
          return std::nullopt;
        };
        auto city = jurisdiction(cities, field("jurisdiction_id"));
        if (!city) return error(format, city.error());
        auto settings = ReportsSettings::of(**city);
        auto client = module.client_keys().of(
            store, (*city)->slug, http::client_address(ctx.request, config.http.trusted_proxies));
        if (!client) return error(format, client.error());
        if (auto key = field("api_key"); key && !key->empty()) {
          auto token = identity::find_active_token(store, *key);
          if (!token) return error(format, token.error());
          bool allowed = false;
          if (*token && (*token)->city == (*city)->slug)
            for (const auto& s : (*token)->scopes)
              allowed = allowed || (s.module == "reports" && s.write);
          if (!allowed) return error(format, 403, "api_key is not valid for this jurisdiction");
          client->clear();  // a known integration: no per-client limit
        } else if (!settings.open311_anonymous) {
          return error(format, 403, "api_key is required");
        }
        auto submission = read_form(*form, settings);
        if (!submission) return error(format, submission.error());
        if (auto checked = check_submission(*submission, **city, settings); !checked)
          return error(format, checked.error());
        auto token = submission->submission_id;
        auto accepted =
            accept_report(context, **city, settings,
                          {std::move(*submission), std::move(*client), "open311"}, unix_millis());
        if (!accepted) return error(format, accepted.error());
        module.cache().invalidate((*city)->id);
        auto notice = settings.moderation == Moderation::review
                          ? "Die Meldung wird nach einer ersten Sichtung veröffentlicht."
                          : "";
        json::array items{json::object{{"service_request_id", std::to_string(accepted->report.id)},
                                       {"token", token},
                                       {"service_notice", notice},
                                       {"account_id", nullptr}}};
        return answer(201, format, "service_requests", items);
      },
      options);
}

}  // namespace mosaik::modules::reports
