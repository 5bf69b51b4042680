// Strict reading of a JSON object into a typed struct, for request bodies and documents.
//
// Each getter checks presence, type and limits; `finish()` rejects keys nobody asked for.
// Failures throw Error(Errc::validation_failed) whose `field` is the full path of the value
// ("branding.primary_color", "districts[3].id"). Call through `read_strictly`, which turns
// the throw back into a Result at the boundary.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace mosaik {

class JsonReader {
 public:
  JsonReader(const json::object& object, std::string path = {})
      : object_(object), path_(std::move(path)) {}

  // Text of at most `max_chars` UTF-8 bytes; required unless a default is given.
  std::string text(std::string_view key, std::size_t max_chars,
                   std::optional<std::string> fallback = std::nullopt);
  // An http(s) URL, or with `allow_root_relative` also a path like "/media/logo.svg"; empty when
  // absent. Anything else (javascript:, protocol-relative //host, ...) is an error.
  std::string link(std::string_view key, std::size_t max_chars, bool allow_root_relative);
  double number(std::string_view key, double min, double max,
                std::optional<double> fallback = std::nullopt);
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max,
                       std::optional<std::int64_t> fallback = std::nullopt);
  bool boolean(std::string_view key, std::optional<bool> fallback = std::nullopt);
  std::vector<std::string> text_list(
      std::string_view key, std::size_t max_items, std::size_t max_chars,
      std::optional<std::vector<std::string>> fallback = std::nullopt);
  // A nested object (required unless optional); read it with a child reader.
  const json::object* object(std::string_view key, bool required);
  const json::array* array(std::string_view key, bool required, std::size_t max_items);

  // Full path of a key of this object, for error fields and child readers.
  std::string path(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, std::string message) const;
  // Throws for the first key that no getter asked for.
  void finish() const;

 private:
  const json::value* get(std::string_view key);
  const json::object& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

// Runs `read` and converts a thrown Error into a Result.
template <class T, class F>
Result<T> read_strictly(F&& read) {
  try {
    return read();
  } catch (const Error& e) {
    return e;
  }
}

// True when `s` is valid UTF-8 without control characters other than tab and newline.
bool is_clean_utf8(std::string_view s) noexcept;

}  // namespace mosaik
