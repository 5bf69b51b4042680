#include "platform/tenants/city_routes.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/json_body.hpp"
#include "http/preconditions.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/roles.hpp"

namespace mosaik::tenants {

void add_city_routes(http::Router& router, CityDirectory& directory, CityStore& store,
                     const modules::ModuleCatalog& catalog) {
  const http::RouteOptions open{.access = http::Access::public_};
  router.add(
      http::Method::get, "/api/v1/cities",
      [&directory](http::RequestContext&) {
        return http::entity_response(directory.snapshot()->list);
      },
      open);
  // The tenant middleware resolved ctx.city, by path or by host name, from a snapshot at least
  // as old as the one the handler reads.
  auto manifest = [&directory](http::RequestContext& ctx) -> http::Response {
    if (!ctx.city)
      return Error(Errc::not_found, "This host name belongs to no city; use /api/v1/cities/{city}");
    auto snap = directory.snapshot();
    auto it = snap->manifests.find(ctx.city->slug);
    if (it == snap->manifests.end()) return Error(Errc::not_found, "This city was removed", "city");
    return http::entity_response(it->second);
  };
  router.add(http::Method::get, "/api/v1/cities/{city}", manifest, open);
  // On a city's own domain (City::domains) the app asks for "its" city without knowing the slug.
  router.add(http::Method::get, "/api/v1/city", manifest, open);

  const http::RouteOptions admins{.access = http::Access::city_admin};
  router.add(
      http::Method::get, "/api/v1/cities/{city}/settings",
      [](http::RequestContext& ctx) {
        return http::json_response(200, json::serialize(city_to_json(*ctx.city)));
      },
      admins);
  router.add(
      http::Method::put, "/api/v1/cities/{city}/settings",
      [&directory, &store, &catalog](http::RequestContext& ctx) -> http::Response {
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto city = city_from_json(*body, catalog);
        if (!city) return city.error();
        const City& current = *ctx.city;
        if (city->slug != current.slug)
          return validation_error("slug", "The slug of a city cannot change");
        if (city->domains != current.domains) {
          if (!ctx.principal->is_platform_admin())
            return Error(Errc::forbidden, "Only a platform administrator changes a city's domains",
                         "domains");
          auto snap = directory.snapshot();
          for (std::size_t i = 0; i < city->domains.size(); ++i)
            if (auto it = snap->by_domain.find(city->domains[i]);
                it != snap->by_domain.end() && it->second->slug != current.slug)
              return Error(Errc::conflict,
                           fmt::format("{} serves {} already", city->domains[i], it->second->name),
                           fmt::format("domains[{}]", i));
        }
        auto after = city_to_json(*city);
        auto if_match = ctx.request.header("If-Match");
        auto stored = store.update(*city, [&](storage::Transaction& tx, const json::value& before) {
          // Compared with what GET answers for the stored document, read in this transaction:
          // this node's snapshot may not have seen another node's write yet.
          if (!if_match.empty()) {
            bool matches = false;
            if (before.is_object())
              if (auto was = city_from_json(before.as_object(), catalog))
                matches = http::if_match_allows(if_match, json::serialize(city_to_json(*was)));
            if (!matches) throw http::precondition_failed("The city's settings");
          }
          identity::record_audit(
              tx, identity::actor_of(ctx),
              {current.slug, "city.update", "city", current.slug, before, after});
        });
        if (!stored) return stored.error();
        // This node answers with the new document at once; the others within their poll interval.
        if (auto r = directory.refresh_if_changed(); !r)
          spdlog::warn("refreshing cities failed: {}", r.error().detail());
        return http::json_response(200, json::serialize(after));
      },
      admins);
}

}  // namespace mosaik::tenants
