// In-process cost of the request path without the network: route matching and the full
// middleware chain for a cached city manifest (with the access log off, and on to /dev/null), and
// the router alone. Run:
// build/release/bench/micro_bench
#include <benchmark/benchmark.h>

#include "http/application.hpp"
#include "http/middleware.hpp"

namespace {

using namespace mosaik;

struct Fixture {
  Config config;
  Metrics metrics;
  std::shared_ptr<AccessLog> log;
  std::shared_ptr<const http::Entity> entity =
      http::make_entity("application/json", std::string(2048, 'x'));
  std::unique_ptr<http::Application> app;

  explicit Fixture(const std::string& access_log = "off") : log(*AccessLog::open(access_log)) {
    http::Router router;
    for (const char* module : {"news", "events", "reports", "waste", "services"}) {
      router.add(http::Method::get, std::string("/api/v1/cities/{city}/") + module,
                 [](http::RequestContext&) { return http::json_response(200, "{}"); });
      router.add(http::Method::get, std::string("/api/v1/cities/{city}/") + module + "/{id}",
                 [](http::RequestContext&) { return http::json_response(200, "{}"); });
    }
    router.add(http::Method::get, "/api/v1/cities/{city}",
               [this](http::RequestContext&) { return http::entity_response(entity); });
    auto pipeline = std::make_unique<http::Pipeline>(http::dispatch_to_route);
    pipeline->add(std::make_unique<http::RequestIdMiddleware>());
    pipeline->add(std::make_unique<http::ObservabilityMiddleware>(metrics, *log));
    pipeline->add(std::make_unique<http::SecurityHeadersMiddleware>(config));
    pipeline->add(std::make_unique<http::ProblemMiddleware>());
    pipeline->add(std::make_unique<http::CorsMiddleware>(std::vector<std::string>{}));
    pipeline->add(std::make_unique<http::ConditionalMiddleware>());
    pipeline->add(std::make_unique<http::CompressionMiddleware>(true, 1024));
    pipeline->add(std::make_unique<http::RoutingMiddleware>(nullptr));
    app = std::make_unique<http::Application>(std::move(router), std::move(pipeline), metrics);
  }
};

void BM_CachedManifestThroughPipeline(benchmark::State& state) {
  Fixture f;
  for (auto _ : state) {
    http::Request request;
    request.target = "/api/v1/cities/dortmund";
    request.headers = {{"Host", "localhost"}, {"User-Agent", "wrk"}};
    http::RequestContext ctx(request);
    f.app->prepare(request, ctx);
    auto response = f.app->handle(ctx);
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_CachedManifestThroughPipeline);

// The same with the access log on: the cost of building and writing one line per request.
void BM_CachedManifestWithAccessLog(benchmark::State& state) {
  static Fixture f("/dev/null");  // static: the access logger registers its name once per process
  for (auto _ : state) {
    http::Request request;
    request.target = "/api/v1/cities/dortmund";
    request.headers = {{"Host", "localhost"}, {"User-Agent", "wrk"}};
    request.remote_address = "127.0.0.1";
    http::RequestContext ctx(request);
    f.app->prepare(request, ctx);
    auto response = f.app->handle(ctx);
    benchmark::DoNotOptimize(response);
  }
}
BENCHMARK(BM_CachedManifestWithAccessLog);

void BM_RouterMatch(benchmark::State& state) {
  Fixture f;
  for (auto _ : state) {
    auto m = f.app->router().match(http::Method::get, "/api/v1/cities/dortmund/events/12345");
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_RouterMatch);

}  // namespace

BENCHMARK_MAIN();
