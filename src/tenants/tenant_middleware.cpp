#include "tenants/tenant_middleware.hpp"

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
    std::string_view raw = ctx.request.header("Host");
    if (auto colon = raw.rfind(':');
        colon != std::string_view::npos && raw.find(']') == std::string_view::npos)
      raw = raw.substr(0, colon);
    if (raw.ends_with('.')) raw.remove_suffix(1);
    // Host names are case-insensitive (RFC 9110); City::domains are stored in lower case.
    std::string host(raw);
    for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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
