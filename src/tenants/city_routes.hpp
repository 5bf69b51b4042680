// GET /api/v1/cities, GET /api/v1/cities/{city} (the app manifest) and GET /api/v1/city (the
// manifest of the city whose domain the request's Host names), served from the CityDirectory's
// pre-serialised snapshot.
#pragma once

#include "http/router.hpp"
#include "tenants/city_directory.hpp"

namespace mosaik::tenants {

void add_city_routes(http::Router& router, const CityDirectory& directory);

}  // namespace mosaik::tenants
