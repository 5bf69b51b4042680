// Fetching a city's own feeds (newsroom RSS/Atom, event calendars) for the import jobs. The
// one outbound HTTP client of mosaikd (libcurl); never called on the network threads.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mosaik::shared {

struct FetchOptions {
  std::chrono::milliseconds timeout{10000};  // the whole transfer, redirects included
  std::size_t max_bytes = 5u << 20;          // a larger body is an error, not truncated
  std::string if_none_match;                 // an ETag from an earlier fetch
  std::string if_modified_since;             // a Last-Modified from an earlier fetch
  // Loopback, private (RFC 1918, fc00::/7), link-local (cloud metadata services), CGNAT and
  // unspecified addresses are refused unless allowed: a city admin configures the URLs, and
  // must not reach the servers behind ours through them. Checked on every address connected
  // to, redirects included. Allowed by `imports.allow_private_networks` (tests, intranets).
  bool allow_private_networks = false;
};

struct FetchResult {
  long status = 0;  // the final status after redirects; 304 when unchanged
  std::string content_type, body, etag, last_modified;
};

// GET of an http:// or https:// URL, following at most 5 redirects (to http(s) only), with
// gzip/deflate accepted. Thread-safe.
// Errors: validation_failed when the URL is not http(s); unavailable with a human-readable
// message for DNS, connection, TLS, timeout, size-limit failures and refused addresses. A non-2xx
// status is not an error: see FetchResult::status.
Result<FetchResult> fetch(std::string_view url, const FetchOptions& options = {});

}  // namespace mosaik::shared
