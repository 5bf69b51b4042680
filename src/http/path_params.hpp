// The numeric path parameters of the API ("…/{id}"): whole positive numbers only. How a bad one
// is answered (404 for an id that names nothing, 422 for a malformed one) is the route's choice.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mosaik::http {

// "17" -> 17; nullopt for anything else ("", "0", "-1", "1x", "01e3", too large). Never fails.
std::optional<std::int64_t> parse_positive_id(std::string_view text) noexcept;

}  // namespace mosaik::http
