#include "http/application.hpp"

namespace mosaik::http {

Application::Application(Router router, std::unique_ptr<Pipeline> pipeline, Metrics& metrics)
    : router_(std::move(router)), pipeline_(std::move(pipeline)) {
  // The method is a label of its own (Metrics::record), so the routes of a pattern share one.
  for (const auto& route : router_.routes())
    route->metrics_index = metrics.add_route(route->pattern);
}

void Application::prepare(Request& request, RequestContext& ctx) const {
  if (auto split = split_target(request); !split) {
    ctx.bad_target = split.error();
    return;
  }
  ctx.match = router_.match(request.method, request.path);
}

std::size_t Application::body_limit(Method method, std::string_view target,
                                    std::size_t fallback) const {
  Request request;
  request.method = method;
  request.target = target;
  if (!split_target(request)) return fallback;  // refused later as a bad target anyway
  auto match = router_.match(method, request.path);
  if (match.route && match.route->options.max_body_bytes > 0)
    return match.route->options.max_body_bytes;
  return fallback;
}

Response dispatch_to_route(RequestContext& ctx) {
  return ctx.match.route->handler(ctx);
}

}  // namespace mosaik::http
