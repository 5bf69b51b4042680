#include "tenants/city_routes.hpp"

namespace mosaik::tenants {

void add_city_routes(http::Router& router, const CityDirectory& directory) {
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
}

}  // namespace mosaik::tenants
