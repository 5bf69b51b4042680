// Resolves the city of a request: by the {city} path parameter (required for such routes:
// unknown city -> 404 problem), otherwise by the Host header against the cities' domains
// (optional). A module route of a city that has not enabled the module -> 404 problem.
#pragma once

#include "http/pipeline.hpp"
#include "platform/tenants/city_directory.hpp"

namespace mosaik::tenants {

class TenantMiddleware final : public http::Middleware {
 public:
  explicit TenantMiddleware(const CityDirectory& directory) : directory_(directory) {}
  http::Response handle(http::RequestContext& ctx, http::Next next) override;

 private:
  const CityDirectory& directory_;
};

}  // namespace mosaik::tenants
