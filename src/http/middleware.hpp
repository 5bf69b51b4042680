// The standard middleware of mosaikd, outermost first in the order app/http_app.cpp lists them.
#pragma once

#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/logging.hpp"
#include "core/metrics.hpp"
#include "http/pipeline.hpp"

namespace mosaik::http {

// Takes a well-formed incoming X-Request-Id (≤ 64 chars of [A-Za-z0-9._-]) or makes a new one;
// echoes it on the response.
class RequestIdMiddleware final : public Middleware {
 public:
  Response handle(RequestContext& ctx, Next next) override;
};

// Counts every request by route pattern and status, with its latency, and writes one JSON line
// per request to the access log (when enabled).
class ObservabilityMiddleware final : public Middleware {
 public:
  // `trusted_proxies` (http.trusted_proxies) decides the logged client address; see
  // client_address().
  ObservabilityMiddleware(Metrics& metrics, AccessLog& log,
                          std::vector<std::string> trusted_proxies = {})
      : metrics_(metrics), log_(log), trusted_proxies_(std::move(trusted_proxies)) {}
  Response handle(RequestContext& ctx, Next next) override;

 private:
  Metrics& metrics_;
  AccessLog& log_;
  std::vector<std::string> trusted_proxies_;
};

// The one catch-all: an exception from anything inside becomes a logged 500 problem, and every
// problem+json response gets the request id and instance. The server keeps serving. Middleware
// outside it must not throw.
class ProblemMiddleware final : public Middleware {
 public:
  Response handle(RequestContext& ctx, Next next) override;
};

// Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, frame and permissions policy,
// and HSTS when the public URL is https. Sits outside the catch-all so that 500s get them too.
class SecurityHeadersMiddleware final : public Middleware {
 public:
  explicit SecurityHeadersMiddleware(const Config& config);
  Response handle(RequestContext& ctx, Next next) override;

 private:
  std::string block_;
};

// CORS for the configured origins, including preflight (OPTIONS with
// Access-Control-Request-Method).
class CorsMiddleware final : public Middleware {
 public:
  explicit CorsMiddleware(std::vector<std::string> origins) : origins_(std::move(origins)) {}
  Response handle(RequestContext& ctx, Next next) override;

 private:
  bool allowed(std::string_view origin) const;
  std::vector<std::string> origins_;
};

// ETag on every successful GET, If-None-Match -> 304, and a default Cache-Control.
class ConditionalMiddleware final : public Middleware {
 public:
  Response handle(RequestContext& ctx, Next next) override;
};

// gzip for compressible responses when the client accepts it; uses an Entity's precompressed
// body when there is one.
class CompressionMiddleware final : public Middleware {
 public:
  CompressionMiddleware(bool enabled, std::size_t min_bytes)
      : enabled_(enabled), min_bytes_(min_bytes) {}
  Response handle(RequestContext& ctx, Next next) override;

 private:
  bool enabled_;
  std::size_t min_bytes_;
};

// Turns "no route" into the fallback (static web app) or a 404 problem, "wrong method" into a
// 405 problem with Allow, and answers OPTIONS with 204 + Allow.
class RoutingMiddleware final : public Middleware {
 public:
  explicit RoutingMiddleware(Handler fallback) : fallback_(std::move(fallback)) {}
  Response handle(RequestContext& ctx, Next next) override;

 private:
  Handler fallback_;
};

// True when the value of an If-None-Match header matches `etag` (weak comparison, RFC 9110 13.1.2).
bool etag_matches(std::string_view if_none_match, std::string_view etag) noexcept;
// True when an Accept-Encoding header value accepts gzip (q > 0).
bool accepts_gzip(std::string_view accept_encoding) noexcept;

}  // namespace mosaik::http
