#include "core/json_reader.hpp"

#include <fmt/format.h>

#include <cmath>

namespace mosaik {

bool is_clean_utf8(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      if (c == 0x7F) return false;
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size() || (len == 2 && c < 0xC2)) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

std::string JsonReader::path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  if (!key.empty() && key.front() == '[') return path_ + std::string(key);
  return path_ + "." + std::string(key);
}

void JsonReader::fail(std::string_view key, std::string message) const {
  throw Error(Errc::validation_failed, fmt::format("{}: {}", path(key), message), path(key));
}

const json::value* JsonReader::get(std::string_view key) {
  seen_.emplace(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

std::string JsonReader::text(std::string_view key, std::size_t max_chars,
                             std::optional<std::string> fallback) {
  const json::value* v = get(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (!v->is_string()) fail(key, "must be a string");
  std::string_view s = v->as_string();
  if (s.size() > max_chars) fail(key, fmt::format("must be at most {} bytes long", max_chars));
  if (!is_clean_utf8(s)) fail(key, "must not contain control characters");
  return std::string(s);
}

std::string JsonReader::link(std::string_view key, std::size_t max_chars,
                             bool allow_root_relative) {
  std::string url = text(key, max_chars, "");
  bool ok = url.empty() || url.starts_with("https://") || url.starts_with("http://") ||
            (allow_root_relative && url.starts_with("/") && !url.starts_with("//"));
  if (!ok || url.find_first_of(" \t\n\r\"<>\\") != std::string::npos)
    fail(key, allow_root_relative ? "must be an http(s) URL or a path starting with /"
                                  : "must be an http(s) URL");
  return url;
}

double JsonReader::number(std::string_view key, double min, double max,
                          std::optional<double> fallback) {
  const json::value* v = get(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (!v->is_number()) fail(key, "must be a number");
  double d = v->to_number<double>();
  if (!std::isfinite(d) || d < min || d > max)
    fail(key, fmt::format("must be between {} and {}", min, max));
  return d;
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t min, std::int64_t max,
                                 std::optional<std::int64_t> fallback) {
  const json::value* v = get(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  std::int64_t n = 0;
  if (v->is_int64())
    n = v->as_int64();
  else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    n = static_cast<std::int64_t>(v->as_uint64());
  else if (v->is_double() && std::floor(v->as_double()) == v->as_double() &&
           std::abs(v->as_double()) < 9e15)
    n = static_cast<std::int64_t>(v->as_double());
  else
    fail(key, "must be a whole number");
  if (n < min || n > max) fail(key, fmt::format("must be between {} and {}", min, max));
  return n;
}

bool JsonReader::boolean(std::string_view key, std::optional<bool> fallback) {
  const json::value* v = get(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (!v->is_bool()) fail(key, "must be true or false");
  return v->as_bool();
}

std::vector<std::string> JsonReader::text_list(std::string_view key, std::size_t max_items,
                                               std::size_t max_chars,
                                               std::optional<std::vector<std::string>> fallback) {
  const json::value* v = get(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (!v->is_array()) fail(key, "must be a list of strings");
  const auto& arr = v->as_array();
  if (arr.size() > max_items) fail(key, fmt::format("must have at most {} entries", max_items));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    auto item_path = fmt::format("{}[{}]", key, i);
    if (!arr[i].is_string()) fail(item_path, "must be a string");
    std::string_view s = arr[i].as_string();
    if (s.size() > max_chars)
      fail(item_path, fmt::format("must be at most {} bytes long", max_chars));
    if (!is_clean_utf8(s)) fail(item_path, "must not contain control characters");
    out.emplace_back(s);
  }
  return out;
}

const json::object* JsonReader::object(std::string_view key, bool required) {
  const json::value* v = get(key);
  if (!v) {
    if (required) fail(key, "is required");
    return nullptr;
  }
  if (!v->is_object()) fail(key, "must be an object");
  return &v->as_object();
}

const json::array* JsonReader::array(std::string_view key, bool required, std::size_t max_items) {
  const json::value* v = get(key);
  if (!v) {
    if (required) fail(key, "is required");
    return nullptr;
  }
  if (!v->is_array()) fail(key, "must be a list");
  if (v->as_array().size() > max_items)
    fail(key, fmt::format("must have at most {} entries", max_items));
  return &v->as_array();
}

void JsonReader::finish() const {
  for (const auto& kv : object_)
    if (!seen_.contains(kv.key())) fail(kv.key(), "is not a known field");
}

}  // namespace mosaik
