#include "tenants/city_routes.hpp"

namespace mosaik::tenants {

void add_city_routes(http::Router& router, const CityDirectory& directory) {
  router.add(http::Method::get, "/api/v1/cities",
             [&directory](http::RequestContext&) { return http::entity_response(directory.snapshot()->list); });
  router.add(http::Method::get, "/api/v1/cities/{city}", [&directory](http::RequestContext& ctx) -> http::Response {
    // The tenant middleware resolved ctx.city from a snapshot at least as old as this one.
    auto snap = directory.snapshot();
    auto it = snap->manifests.find(ctx.city->slug);
    if (it == snap->manifests.end()) return Error(Errc::not_found, "This city was removed", "city");
    return http::entity_response(it->second);
  });
}

}  // namespace mosaik::tenants
