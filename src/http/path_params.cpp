#include "http/path_params.hpp"

#include <charconv>

namespace mosaik::http {

std::optional<std::int64_t> parse_positive_id(std::string_view text) noexcept {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) return std::nullopt;
  return id;
}

}  // namespace mosaik::http
