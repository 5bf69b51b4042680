// The middleware chain. Middleware are objects listed explicitly, in order, where the
// application is assembled (app/http_app.cpp); each wraps the rest of the chain.
#pragma once

#include <memory>
#include <vector>

#include "http/router.hpp"

namespace mosaik::http {

class Pipeline;

// The rest of the chain after one middleware. Cheap to copy; valid while the Pipeline lives.
class Next {
 public:
  Response operator()(RequestContext& ctx) const;

 private:
  friend class Pipeline;
  Next(const Pipeline* p, std::size_t i) : pipeline_(p), index_(i) {}
  const Pipeline* pipeline_;
  std::size_t index_;
};

class Middleware {
 public:
  virtual ~Middleware() = default;
  // Must be thread safe: called concurrently for different requests.
  virtual Response handle(RequestContext& ctx, Next next) = 0;
};

class Pipeline {
 public:
  // `terminal` runs after the last middleware (normally: call the matched route's handler).
  explicit Pipeline(Handler terminal) : terminal_(std::move(terminal)) {}
  void add(std::unique_ptr<Middleware> middleware) { chain_.push_back(std::move(middleware)); }
  Response run(RequestContext& ctx) const { return run_from(0, ctx); }

 private:
  friend class Next;
  Response run_from(std::size_t i, RequestContext& ctx) const {
    if (i < chain_.size()) return chain_[i]->handle(ctx, Next(this, i + 1));
    return terminal_(ctx);
  }
  std::vector<std::unique_ptr<Middleware>> chain_;
  Handler terminal_;
};

inline Response Next::operator()(RequestContext& ctx) const {
  return pipeline_->run_from(index_, ctx);
}

}  // namespace mosaik::http
