#include "platform/identity/auth_middleware.hpp"

#include <fmt/format.h>

#include "platform/identity/secrets.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::identity {

std::string_view cookie_value(std::string_view header, std::string_view name) noexcept {
  while (!header.empty()) {
    auto semi = header.find(';');
    auto pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      auto value = pair.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
      return value;
    }
  }
  return {};
}

std::string session_cookie(std::string_view session_id, const AuthConfig& config) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie,
                     session_id, config.session_absolute.count() / 1000,
                     config.cookie_secure ? "; Secure" : "");
}

std::string expired_session_cookie(const AuthConfig& config) {
  return fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}", kSessionCookie,
                     config.cookie_secure ? "; Secure" : "");
}

namespace {

bool is_write(http::Method m) {
  return m != http::Method::get && m != http::Method::head && m != http::Method::options;
}

http::Response unauthenticated(Error error, const AuthConfig& config, bool had_cookie) {
  http::Response r(error);
  r.set_header("WWW-Authenticate", std::string(kWwwAuthenticate));
  // A cookie that no longer names a session is removed, so the browser stops sending it.
  if (had_cookie) r.add_header("Set-Cookie", expired_session_cookie(config));
  return r;
}

}  // namespace

http::Response AuthMiddleware::handle(http::RequestContext& ctx, http::Next next) {
  const http::Route* route = ctx.match.route;
  if (!route || route->options.access == http::Access::public_) return next(ctx);
  if (route->options.access == http::Access::undeclared)  // refused at start-up; fail closed
    return Error(Errc::internal, "route without an access requirement");

  const auto& config = sessions_.config();
  auto authorization = ctx.request.header("Authorization");
  auto cookie = cookie_value(ctx.request.header("Cookie"), kSessionCookie);
  Result<std::shared_ptr<const Principal>> principal =
      Error(Errc::unauthorized, "Sign in first, or send an API token");
  bool by_cookie = false;
  if (!authorization.empty()) {
    if (authorization.size() < 7 || !http::iequals(authorization.substr(0, 7), "Bearer "))
      return unauthenticated(Error(Errc::unauthorized, "Only Bearer tokens are accepted"), config,
                             false);
    principal = sessions_.resolve_token(authorization.substr(7));
  } else if (!cookie.empty()) {
    by_cookie = true;
    principal = sessions_.resolve_session(cookie);
  }
  if (!principal) {
    if (principal.error().code() != Errc::unauthorized) return principal.error();
    return unauthenticated(principal.error(), config, by_cookie);
  }
  const Principal& p = **principal;

  bool write = is_write(ctx.request.method);
  std::string_view city = ctx.city && route->has_city ? std::string_view(ctx.city->slug) : "";
  if (!permits(p, route->options.access, city, route->options.module, write))
    return Error(Errc::forbidden, city.empty()
                                      ? std::string("You may not do this")
                                      : fmt::format("You may not do this for {}", ctx.city->name));
  if (by_cookie && write && !equal_in_constant_time(ctx.request.header(kCsrfHeader), p.csrf_token))
    return Error(Errc::forbidden,
                 "The X-CSRF-Token header is missing or wrong; read it from GET /api/v1/session");

  ctx.principal = std::move(*principal);
  http::Response r = next(ctx);
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace mosaik::identity
