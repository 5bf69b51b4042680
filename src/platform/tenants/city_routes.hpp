// GET /api/v1/cities, GET /api/v1/cities/{city} (the app manifest) and GET /api/v1/city (the
// manifest of the city whose domain the request's Host names), served from the CityDirectory's
// pre-serialised snapshot; and for city admins GET/PUT /api/v1/cities/{city}/settings: the
// city's whole document (as `mosaik city show` prints it), replaced as a whole and audited.
// Its `domains` are changed by platform admins only: they decide which host serves which city.
#pragma once

#include "http/router.hpp"
#include "platform/tenants/city_directory.hpp"
#include "platform/tenants/city_store.hpp"

namespace mosaik::tenants {

void add_city_routes(http::Router& router, CityDirectory& directory, CityStore& store,
                     const modules::ModuleCatalog& catalog);

}  // namespace mosaik::tenants
