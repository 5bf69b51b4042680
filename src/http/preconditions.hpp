// If-Match (RFC 9110 13.1.1) for the PUTs that replace a whole document, so that two editors
// cannot silently overwrite each other: read the document with GET, send its ETag back in
// If-Match, and a PUT after someone else's change answers 412 and changes nothing.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace mosaik::http {

// True when a request whose If-Match header is `if_match` may replace the resource whose GET
// would answer with `current_body` now: without If-Match (empty), with `*`, or when the list
// names that body's strong ETag (etag_for) or its gzip variant's (the same with "-gz", see
// ConditionalMiddleware). Weak tags (W/"...") never match, as RFC 9110 requires for If-Match.
inline bool if_match_allows(std::string_view if_match, std::string_view current_body) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  if_match = trim(if_match);
  if (if_match.empty() || if_match == "*") return true;
  const std::string etag = etag_for(current_body);
  std::string gzip_etag = etag;
  gzip_etag.insert(gzip_etag.size() - 1, "-gz");
  while (!if_match.empty()) {
    auto comma = if_match.find(',');
    auto item = trim(if_match.substr(0, comma));
    if_match = comma == std::string_view::npos ? std::string_view{} : if_match.substr(comma + 1);
    if (item == "*" || item == etag || item == gzip_etag) return true;
  }
  return false;
}

// The 412 answer for a request that if_match_allows refuses.
inline Error precondition_failed(std::string_view what) {
  return Error(Errc::precondition_failed,
               std::string(what) +
                   " has changed since the version If-Match names; GET it again, re-apply your "
                   "change and send it with the new ETag");
}

}  // namespace mosaik::http
