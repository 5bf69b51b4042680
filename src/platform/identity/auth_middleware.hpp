// The one place where authorisation is decided: from the access level each route declares
// (http::Access), the signed-in person (session cookie) or API token (Authorization: Bearer),
// and the route's {city} and module. Runs after the tenant middleware, on the blocking pool
// (the router makes every non-public route blocking).
//
//   no or unknown credentials, ended session, disabled account  -> 401
//   credentials without the permission                          -> 403
//   cookie-authenticated POST/PUT/PATCH/DELETE without the session's X-CSRF-Token -> 403
//
// Responses of protected routes are never stored by caches (Cache-Control: no-store).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/pipeline.hpp"
#include "platform/identity/sessions.hpp"

namespace mosaik::identity {

inline constexpr std::string_view kSessionCookie = "mosaik_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
// Sent with every 401 (RFC 9110 requires a challenge); browsers show no dialog for it.
inline constexpr std::string_view kWwwAuthenticate = "Bearer realm=\"mosaik\"";

// The value of cookie `name` in a Cookie header, or empty.
std::string_view cookie_value(std::string_view cookie_header, std::string_view name) noexcept;

// Set-Cookie values that start and end a session.
std::string session_cookie(std::string_view session_id, const AuthConfig& config);
std::string expired_session_cookie(const AuthConfig& config);

class AuthMiddleware final : public http::Middleware {
 public:
  explicit AuthMiddleware(Sessions& sessions) : sessions_(sessions) {}
  http::Response handle(http::RequestContext& ctx, http::Next next) override;

 private:
  Sessions& sessions_;
};

}  // namespace mosaik::identity
