// RFC 9457 problem details: the only way errors leave Mosaik over HTTP.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"

namespace mosaik::http {

// {"type","title","status","detail"[,"field"]} as application/problem+json. The request id and
// instance are added by the problem middleware (see middleware.hpp) once they are known.
Response problem_response(const Error& error);

// Adds "instance" and "request_id" to a problem+json body produced by problem_response.
void stamp_problem(Response& response, std::string_view instance, std::string_view request_id);

}  // namespace mosaik::http
