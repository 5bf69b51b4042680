#include "http/problem.hpp"

#include "core/json.hpp"

namespace mosaik::http {

namespace {
constexpr std::string_view kProblemType = "application/problem+json";
}

Response problem_response(const Error& error) {
  const auto& info = errc_info(error.code());
  json::object body;
  body["type"] = problem_type(error.code());
  body["title"] = info.title;
  body["status"] = info.status;
  // Internal errors never reveal their cause to the client; the log has it.
  body["detail"] = error.code() == Errc::internal
                       ? "An unexpected error occurred; quote the request id when reporting it."
                       : error.detail();
  if (!error.field().empty()) body["field"] = error.field();
  Response r;
  r.status = info.status;
  r.content_type = kProblemType;
  r.body = json::serialize(body);
  r.set_header("Cache-Control", "no-store");
  return r;
}

void stamp_problem(Response& response, std::string_view instance, std::string_view request_id) {
  if (response.entity || response.content_type != kProblemType) return;
  boost::system::error_code ec;
  auto v = json::parse(response.body, ec);
  if (ec || !v.is_object()) return;
  auto& o = v.as_object();
  if (!o.contains("instance")) o["instance"] = instance;
  o["request_id"] = request_id;
  response.body = json::serialize(o);
}

}  // namespace mosaik::http
