// Boost.JSON is the one JSON library of Mosaik; this header adds the few helpers every
// layer needs so that nobody writes a second JSON reader or writer.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mosaik {

// `json::` is Boost.JSON, except that `json::serialize` is Mosaik's writer below: a qualified
// call finds it before Boost's, so every answer and stored document is written one way.
namespace json {
using namespace boost::json;

// Writes `v` as compact JSON, exactly as boost::json::serialize does except for doubles:
// - a finite double is written in its shortest form that parses back to the same double
//   (`51.5142`, not Boost's `5.15142E1`), in plain notation for 1e-7 <= |d| < 1e21 as
//   JavaScript's JSON.stringify does, else as `1e+21` / `1e-8`;
// - an integer-valued double keeps a `.0` (`12.0`, as Python writes it), so that it reads
//   back as a double and parse(serialize(v)) == v holds for every finite value;
// - NaN and ±infinity, which JSON cannot represent, are written as `null` (as JSON.stringify
//   does); Boost would write `NaN`/`Infinity`, which no JSON parser accepts.
// Strings are escaped by Boost's serializer. Thread-safe; allocates only the result.
std::string serialize(const value& v);
std::string serialize(const object& o);
std::string serialize(const array& a);
std::string serialize(const string& s);
std::string serialize(string_view s);
}  // namespace json

// Parses a request body. A syntax error is Errc::bad_request with the position in `detail`;
// a body that is not a JSON object is Errc::validation_failed.
Result<json::object> parse_json_object(std::string_view text);
Result<json::value> parse_json(std::string_view text);

}  // namespace mosaik
