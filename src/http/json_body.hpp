// The one way request bodies enter: JSON objects sent as application/json.
#pragma once

#include "core/json.hpp"
#include "http/message.hpp"

namespace mosaik::http {

// Errors: unsupported_media_type unless Content-Type is application/json (parameters such as
// charset=utf-8 allowed); bad_request for malformed JSON; validation_failed for a non-object.
Result<json::object> json_body(const Request& request);

}  // namespace mosaik::http
