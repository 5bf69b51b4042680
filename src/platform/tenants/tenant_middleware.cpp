#include "platform/tenants/tenant_middleware.hpp"

#include <fmt/format.h>

namespace mosaik::tenants {

http::Response TenantMiddleware::handle(http::RequestContext& ctx, http::Next next) {
  auto snap = directory_.snapshot();
  const http::Route* route = ctx.match.route;
  if (route && route->has_city) {
    auto slug = ctx.param("city");
    auto it = snap->by_slug.find(slug);
    if (it == snap->by_slug.end())
      return Error(Errc::not_found, fmt::format("There is no city '{}'", slug), "city");
    ctx.city = it->second;
  } else if (!snap->by_domain.empty()) {
    // City::domains are stored in lower case.
    auto host = http::request_host_name(ctx.request);
    if (auto it = snap->by_domain.find(host); it != snap->by_domain.end()) ctx.city = it->second;
  }
  if (route && !route->options.module.empty()) {
    if (!ctx.city || !ctx.city->module_enabled(route->options.module))
      return Error(
          Errc::not_found,
          fmt::format("The module '{}' is not enabled for {}", route->options.module,
                      ctx.city ? "city '" + ctx.city->slug + "'" : std::string("this request")));
  }
  return next(ctx);
}

}  // namespace mosaik::tenants
