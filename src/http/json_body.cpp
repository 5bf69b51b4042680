#include "http/json_body.hpp"

namespace mosaik::http {

Result<json::object> json_body(const Request& request) {
  auto type = request.header("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (!iequals(type, "application/json"))
    return Error(Errc::unsupported_media_type, "Send the body as application/json");
  return parse_json_object(request.body);
}

}  // namespace mosaik::http
