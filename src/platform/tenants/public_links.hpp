// The one place that decides where absolute links point (feeds, iCalendar, JSON-LD, manifests,
// e-mails, Open311, API hrefs). Links are taken from trusted configuration only, never from the
// request: a forged Host header (or X-Forwarded-Host / Forwarded, which are ignored) must not
// change a link that a cache, a calendar app or a feed reader keeps.
//
// The origin is, in this order:
//   1. "<scheme>://<domain>" when the request's Host names one of the request's city's own
//      `domains` (City::domains is configuration, set by platform admins); the scheme is the
//      configured origin's, the port is never taken from the request;
//   2. `server.public_url`;
//   3. while that is unset, the address mosaikd listens on (use_listen_address), logged at start.
//
// Documents that leave the API (feeds, iCalendar, JSON-LD, e-mails, Open311, subscription URLs)
// always carry absolute links: origin(). Links inside our own JSON answers (`href`, a manifest's
// module links) start with api_prefix(): the same origin, but empty (root-relative links) while
// neither public_url nor a city domain applies, so a development server's answers do not name
// its port.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace mosaik::tenants {

struct City;

class PublicLinks {
 public:
  // `public_url`: server.public_url, validated by the configuration ("http(s)://host[:port]"
  // without trailing slash), or empty.
  explicit PublicLinks(std::string public_url);

  // While server.public_url is unset, links use "http://HOST:PORT" of the bound listener (an
  // unspecified address such as 0.0.0.0 or :: becomes "localhost"). No effect when public_url is
  // set. REQUIRES: called before requests are served (not synchronised with readers).
  void use_listen_address(std::string_view host, std::uint16_t port);

  // True when server.public_url is set.
  bool configured() const noexcept { return configured_; }
  // The origin without a request: "https://app.stadt.example" (or the listen fallback; empty
  // before use_listen_address when public_url is unset).
  const std::string& origin() const noexcept { return origin_; }
  // The origin for links in the answer to `ctx` (see the rule above).
  std::string origin(const http::RequestContext& ctx) const;
  // The origin for links of `city` when the request names `host` (lower case, see
  // http::request_host_name).
  std::string origin_for(const City* city, std::string_view host) const;

  // The prefix of links inside JSON answers: origin(ctx) when public_url is set or the request
  // came through a city domain, else empty.
  std::string api_prefix(const http::RequestContext& ctx) const;
  // The same without a request (pre-serialised city list and manifests).
  std::string api_prefix() const { return configured_ ? origin_ : std::string(); }

 private:
  std::string origin_;
  std::string scheme_ = "http";
  bool configured_ = false;
};

}  // namespace mosaik::tenants
