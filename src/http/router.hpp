// The route table: method + path pattern -> handler, with path parameters ("{city}") and
// 404 / 405-with-Allow semantics. Built once at start-up, read concurrently afterwards.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace mosaik::tenants {
struct City;
}
namespace mosaik::identity {
struct Principal;
}

namespace mosaik::http {

struct RequestContext;
using Handler = std::function<Response(RequestContext&)>;

// Who may call a route. Every route declares one; it is checked in one place, the
// authorisation middleware (identity/auth_middleware.hpp), never inside handlers.
enum class Access : std::uint8_t {
  undeclared,      // a programming error: mosaikd refuses to start (see check_access_declared)
  public_,         // anyone; credentials are not looked at
  staff,           // any signed-in person (session cookie); not API tokens
  city_admin,      // a city admin of {city}, or a platform admin
  city_content,    // an editor or city admin of {city}, a platform admin, or an API token of
                   // {city} with a scope for the route's module (read for GET, write otherwise);
                   // a core route (no module, e.g. media uploads) is for people only
  city_cases,      // a case worker of {city} for the route's module, a city admin of {city}, a
                   // platform admin, or a token as for city_content
  platform_admin,  // a platform admin
};
std::string_view to_string(Access access) noexcept;

struct RouteOptions {
  std::string module;     // owning module; empty for core routes. Disabled for a city -> 404.
  bool blocking = false;  // the handler may block (database): run it off the network threads.
                          // Forced on for every access level but public_ (credentials are
                          // looked up in the database).
  Access access = Access::undeclared;
  std::size_t max_body_bytes = 0;  // 0: the server's http.max_body_bytes (uploads set more)
};

struct Route {
  Method method;
  std::string pattern;  // e.g. "/api/v1/cities/{city}"
  Handler handler;
  RouteOptions options;
  std::size_t metrics_index = 0;  // set by the application
  bool has_city = false;          // pattern contains "{city}"
};

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed };
  Kind kind = Kind::not_found;
  const Route* route = nullptr;
  std::vector<std::pair<std::string_view, std::string>> params;  // names view into the route table
  std::string allow;  // for method_not_allowed and OPTIONS: e.g. "GET, HEAD, OPTIONS"
};

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // REQUIRES: pattern starts with '/', parameters are whole segments ("{name}"), and no route
  // with the same method and an equivalent pattern exists (throws std::logic_error otherwise:
  // a programming error found at start-up).
  Route& add(Method method, std::string pattern, Handler handler, RouteOptions options = {});

  // HEAD falls back to GET. Thread safe once building is done.
  RouteMatch match(Method method, std::string_view path) const;

  const std::vector<std::unique_ptr<Route>>& routes() const noexcept { return routes_; }

  // Errors: internal naming the first route without a declared Access, or a city_content /
  // city_cases route outside a module or without {city}.
  Result<void> check_access_declared() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

// Everything a handler and the middleware know about one request.
struct RequestContext {
  explicit RequestContext(const Request& r) : request(r) {}

  const Request& request;
  std::string request_id;
  RouteMatch match;
  std::optional<Error> bad_target;            // set when the request-target could not be decoded
  std::shared_ptr<const tenants::City> city;  // set by the tenant middleware
  std::shared_ptr<const identity::Principal> principal;  // set by the authorisation middleware
                                                         // for every route but public_ ones
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  // Value of a path parameter of the matched route, or empty.
  std::string_view param(std::string_view name) const noexcept;
};

}  // namespace mosaik::http
