#include "http/pagination.hpp"

#include <openssl/evp.h>

#include <charconv>

namespace mosaik::http {

std::string encode_cursor(std::string_view key) {
  std::string out(4 * ((key.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(key.data()),
                          static_cast<int>(key.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (auto& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::optional<std::string> decode_cursor(std::string_view cursor) {
  if (cursor.empty() || cursor.size() > 1024) return std::nullopt;
  std::string in(cursor);
  for (auto& c : in) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
    else if (!std::isalnum(static_cast<unsigned char>(c)))
      return std::nullopt;
  }
  std::size_t pad = (4 - in.size() % 4) % 4;
  if (pad == 3) return std::nullopt;
  in.append(pad, '=');
  std::string out(in.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

Result<PageRequest> parse_page(const Request& request, std::size_t default_limit,
                               std::size_t max_limit) {
  PageRequest page{default_limit, std::nullopt};
  if (auto limit = request.query_param("limit")) {
    std::size_t n = 0;
    auto [p, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
    if (ec != std::errc() || p != limit->data() + limit->size() || n < 1 || n > max_limit)
      return validation_error(
          "limit", "limit must be a whole number from 1 to " + std::to_string(max_limit));
    page.limit = n;
  }
  if (auto cursor = request.query_param("cursor")) {
    page.after = decode_cursor(*cursor);
    if (!page.after) return validation_error("cursor", "cursor is not one this API issued");
  }
  return page;
}

Result<std::int64_t> integer_cursor(const PageRequest& page, std::int64_t if_absent) {
  if (!page.after) return if_absent;
  std::int64_t value = 0;
  auto [end, ec] =
      std::from_chars(page.after->data(), page.after->data() + page.after->size(), value);
  if (ec != std::errc() || end != page.after->data() + page.after->size())
    return validation_error("cursor", "The cursor does not belong to this list");
  return value;
}

}  // namespace mosaik::http
