#include "core/json.hpp"

#include <fmt/format.h>

// Boost.JSON is header-only here (Debian ships no compiled library for it): its implementation
// is compiled once, in this file.
#include <boost/json/src.hpp>

namespace mosaik {

Result<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value v = json::parse(text, ec, {}, options);
  if (ec)
    return Error(Errc::bad_request, fmt::format("The body is not valid JSON: {}", ec.message()));
  return v;
}

Result<json::object> parse_json_object(std::string_view text) {
  auto v = parse_json(text);
  if (!v) return std::move(v).error();
  if (!v->is_object()) return Error(Errc::validation_failed, "The body must be a JSON object", "/");
  return std::move(v->as_object());
}

}  // namespace mosaik
