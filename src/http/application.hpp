// What the network layer serves: a route table and the middleware pipeline around it.
#pragma once

#include "core/metrics.hpp"
#include "http/pipeline.hpp"

namespace mosaik::http {

class Application {
 public:
  // Registers a metrics label per route ("GET /api/v1/cities/{city}").
  Application(Router router, std::unique_ptr<Pipeline> pipeline, Metrics& metrics);

  // Decodes the target of `request` (the one `ctx` refers to) and matches the route; cheap,
  // never blocks.
  void prepare(Request& request, RequestContext& ctx) const;
  // Whether handling may block (database work) and must run off the network threads.
  bool blocking(const RequestContext& ctx) const noexcept {
    return ctx.match.route && ctx.match.route->options.blocking;
  }
  // Runs the pipeline. Never throws for handler failures (the problem middleware catches them).
  // A HEAD request gets the headers of the answer only, whoever produced it (handler, 404, 405).
  Response handle(RequestContext& ctx) const {
    Response r = pipeline_->run(ctx);
    if (ctx.request.method == Method::head) r.omit_body = true;
    return r;
  }

  // The largest request body the route for `method` and `target` accepts: its
  // RouteOptions::max_body_bytes, else `fallback`. Called by the server once the headers are
  // in, so that a too-large body is refused before it is read.
  std::size_t body_limit(Method method, std::string_view target, std::size_t fallback) const;

  const Router& router() const noexcept { return router_; }

 private:
  Router router_;
  std::unique_ptr<Pipeline> pipeline_;
};

// Calls the matched route's handler: the terminal of the pipeline.
Response dispatch_to_route(RequestContext& ctx);

}  // namespace mosaik::http
