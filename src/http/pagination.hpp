// The one pagination scheme of the API: `?limit=N&cursor=C`, answered with
// {"items": [...], "next_cursor": "..." | null}. A cursor is an opaque base64url token of the
// sort key of the last item returned; clients pass it back unchanged.
#pragma once

#include <optional>
#include <string>

#include "http/message.hpp"

namespace mosaik::http {

struct PageRequest {
  std::size_t limit;
  std::optional<std::string> after;  // decoded sort key
};

// Errors: validation_failed (field "limit" or "cursor").
Result<PageRequest> parse_page(const Request& request, std::size_t default_limit,
                               std::size_t max_limit);

// The cursor of a list sorted by an integer key (ids): the key, or `if_absent` without a
// cursor. Errors: validation_failed ("cursor").
Result<std::int64_t> integer_cursor(const PageRequest& page, std::int64_t if_absent);

std::string encode_cursor(std::string_view sort_key);
std::optional<std::string> decode_cursor(std::string_view cursor);

}  // namespace mosaik::http
