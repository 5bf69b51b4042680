// Boost.JSON is the one JSON library of Mosaik; this header adds the few helpers every
// layer needs so that nobody writes a second JSON reader or writer.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mosaik {

namespace json = boost::json;

// Parses a request body. A syntax error is Errc::bad_request with the position in `detail`;
// a body that is not a JSON object is Errc::validation_failed.
Result<json::object> parse_json_object(std::string_view text);
Result<json::value> parse_json(std::string_view text);

}  // namespace mosaik
