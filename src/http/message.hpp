// Mosaik's own request and response types. They do not depend on Beast: handlers and
// middleware are plain functions over these, testable without a socket; the net layer
// translates from Beast's parser and serialises the response itself.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace mosaik::http {

enum class Method : std::uint8_t { get, head, post, put, patch, delete_, options, other };

std::string_view to_string(Method m) noexcept;
Method parse_method(std::string_view text) noexcept;

bool iequals(std::string_view a, std::string_view b) noexcept;

// A parsed request. All views point into storage owned by the caller (the net layer's parser)
// and are valid for the duration of the request.
struct Request {
  Method method = Method::get;
  std::string_view target;  // raw request-target, e.g. "/api/v1/cities?x=1"
  std::string path;         // percent-decoded path without the query
  std::string_view query;   // raw query string without '?'
  std::string_view body;
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view remote_address;
  bool keep_alive = true;

  // First header with this name (case-insensitive), or empty.
  std::string_view header(std::string_view name) const noexcept;
  // Decoded value of the first query parameter with this name.
  std::optional<std::string> query_param(std::string_view name) const;
};

// The fields of an application/x-www-form-urlencoded text (a query string or a form body), in
// order, decoded ('+' is a space). nullopt when a percent-escape is malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_form(std::string_view text);

// The client's address: the TCP peer, or, when the peer is one of `trusted_proxies`, the last
// address in X-Forwarded-For that is not a trusted proxy (proxies append to the right).
std::string_view client_address(const Request& request,
                                const std::vector<std::string>& trusted_proxies) noexcept;

// The host name the request's Host header names, in lower case, without port and trailing dot
// ("App.Dortmund.DE.:8443" -> "app.dortmund.de"); empty when absent. Untrusted input: use it to
// look up configured names (a city's domains), never to build links.
std::string request_host_name(const Request& request);

// Sets `path` and `query` from `target`. Returns bad_request for a target that is not an
// origin-form path, has bad percent-encoding, or decodes to NUL or a ".." segment.
Result<void> split_target(Request& request);

// An immutable, pre-serialised representation that many responses can share: the body,
// its gzip variant (empty when not worth it) and its strong ETag. Made once when data changes.
struct Entity {
  std::string content_type;
  std::string body;
  std::string gzip_body;
  std::string etag;           // quoted, e.g. "\"5d41402abc4b2a76\""
  std::string cache_control;  // empty: the middleware's default
};

// A strong ETag (quoted) for a body; fast, not cryptographic.
std::string etag_for(std::string_view body);
// gzip (RFC 1952) of `body`; empty on failure.
std::string gzip_compress(std::string_view body);

// Builds an Entity, computing the ETag and, when `compress` and it saves space, the gzip variant.
std::shared_ptr<const Entity> make_entity(std::string content_type, std::string body,
                                          bool compress = true, std::string cache_control = {});

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string content_type;
  std::string body;                      // used when `entity` is null
  std::shared_ptr<const Entity> entity;  // shared pre-serialised body
  bool use_gzip = false;   // send entity->gzip_body (set by the compression middleware)
  bool omit_body = false;  // HEAD and 304: headers only (Content-Length still describes the body)
  bool close = false;      // close the connection after this response
  // Pre-serialised header lines ("Name: value\r\n"...) owned by a middleware that outlives the
  // response; lets fixed headers (security headers) cost no allocation per request.
  const std::string* header_block = nullptr;

  Response() = default;
  // A problem+json response for an error (see problem.hpp for the request id and instance).
  Response(const Error& error);  // NOLINT(google-explicit-constructor): `return error;` in handlers

  // First header with this name (case-insensitive), also searching `header_block`; or empty.
  std::string_view header(std::string_view name) const noexcept;
  void set_header(std::string name, std::string value);  // replaces a header of the same name
  void add_header(std::string name, std::string value);
  std::string_view body_view() const noexcept;
  std::string_view type() const noexcept {
    return entity ? std::string_view(entity->content_type) : content_type;
  }
};

Response json_response(int status, std::string body);
Response text_response(int status, std::string content_type, std::string body);
Response entity_response(std::shared_ptr<const Entity> entity);
// 204 No Content.
Response no_content();

std::string_view reason_phrase(int status) noexcept;

}  // namespace mosaik::http
