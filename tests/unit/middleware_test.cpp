#include "http/middleware.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "http/application.hpp"

namespace mosaik::http {
namespace {

// A pipeline around one route, driven without a network.
class PipelineTest : public ::testing::Test {
 protected:
  void build(std::vector<std::string> cors = {}) {
    Router router;
    router.add(Method::get, "/json", [this](RequestContext&) { return json_response(200, body); });
    router.add(Method::get, "/entity", [this](RequestContext&) { return entity_response(entity); });
    router.add(Method::get, "/boom",
               [](RequestContext&) -> Response { throw std::runtime_error("db password leaked"); });
    router.add(Method::get, "/error",
               [](RequestContext&) -> Response { return validation_error("q", "too long"); });
    router.add(Method::post, "/json", [](RequestContext&) { return json_response(201, "{}"); });
    auto pipeline = std::make_unique<Pipeline>(dispatch_to_route);
    pipeline->add(std::make_unique<RequestIdMiddleware>());
    pipeline->add(std::make_unique<ObservabilityMiddleware>(metrics, *log));
    pipeline->add(std::make_unique<SecurityHeadersMiddleware>(config));
    pipeline->add(std::make_unique<ProblemMiddleware>());
    pipeline->add(std::make_unique<CorsMiddleware>(cors));
    pipeline->add(std::make_unique<ConditionalMiddleware>());
    pipeline->add(std::make_unique<CompressionMiddleware>(true, 100));
    pipeline->add(std::make_unique<RoutingMiddleware>([](RequestContext&) {
      return text_response(200, "text/html; charset=utf-8", "<!doctype html>app");
    }));
    app = std::make_unique<Application>(std::move(router), std::move(pipeline), metrics);
  }

  Response run(Method method, std::string target,
               std::vector<std::pair<std::string_view, std::string_view>> headers = {}) {
    request = Request{};
    request.method = method;
    target_storage = std::move(target);
    request.target = target_storage;
    request.headers = std::move(headers);
    RequestContext ctx(request);
    app->prepare(request, ctx);
    return app->handle(ctx);
  }

  Config config;
  Metrics metrics;
  std::shared_ptr<AccessLog> log = *AccessLog::open("off");
  std::string body = R"({"items":[)" + std::string(500, ' ') + "]}";
  std::shared_ptr<const Entity> entity = make_entity("application/json", std::string(3000, 'e'));
  std::unique_ptr<Application> app;
  Request request;
  std::string target_storage;
};

TEST_F(PipelineTest, EveryResponseCarriesRequestIdAndSecurityHeaders) {
  build();
  for (auto target : {"/json", "/nope-api-missing", "/boom", "/api/unknown"}) {
    auto r = run(Method::get, target);
    EXPECT_EQ(r.header("X-Request-Id").size(), 32u) << target;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_NE(r.header("Content-Security-Policy").find("default-src 'self'"),
              std::string_view::npos);
    EXPECT_EQ(r.header("Referrer-Policy"), "strict-origin-when-cross-origin");
  }
}

TEST_F(PipelineTest, WellFormedIncomingRequestIdIsKeptOthersReplaced) {
  build();
  EXPECT_EQ(run(Method::get, "/json", {{"X-Request-Id", "lb-1234.abc"}}).header("X-Request-Id"),
            "lb-1234.abc");
  auto replaced =
      run(Method::get, "/json", {{"X-Request-Id", "bad id with spaces"}}).header("X-Request-Id");
  EXPECT_NE(replaced, "bad id with spaces");
  EXPECT_EQ(replaced.size(), 32u);
}

TEST_F(PipelineTest, HandlerExceptionBecomes500ProblemWithRequestIdAndNoDetails) {
  build();
  auto r = run(Method::get, "/boom");
  EXPECT_EQ(r.status, 500);
  auto problem = json::parse(r.body).as_object();
  EXPECT_EQ(problem["type"], "urn:mosaik:problem:internal");
  EXPECT_EQ(problem["request_id"].as_string(), r.header("X-Request-Id"));
  EXPECT_EQ(problem["instance"], "/boom");
  EXPECT_EQ(r.body.find("password"), std::string::npos);
  // The pipeline still works afterwards.
  EXPECT_EQ(run(Method::get, "/json").status, 200);
}

TEST_F(PipelineTest, ReturnedErrorIsAProblemWithField) {
  build();
  auto r = run(Method::get, "/error");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(json::parse(r.body).as_object()["field"], "q");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
}

TEST_F(PipelineTest, WrongMethodIs405WithAllow) {
  build();
  auto r = run(Method::delete_, "/json");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, POST, OPTIONS");
  EXPECT_EQ(json::parse(r.body).as_object()["type"], "urn:mosaik:problem:method-not-allowed");
}

TEST_F(PipelineTest, UnknownApiPathIs404ProblemOtherPathsGetTheApp) {
  build();
  auto api = run(Method::get, "/api/v1/nothing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.content_type, "application/problem+json");
  auto app_page = run(Method::get, "/dortmund/news/123");
  EXPECT_EQ(app_page.status, 200);
  EXPECT_EQ(app_page.body_view(), "<!doctype html>app");
  EXPECT_EQ(run(Method::post, "/dortmund").status, 404);
}

TEST_F(PipelineTest, EtagAndIfNoneMatchGive304) {
  build();
  auto first = run(Method::get, "/json");
  auto etag = std::string(first.header("ETag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.header("Cache-Control"), "no-cache");
  auto second = run(Method::get, "/json", {{"If-None-Match", etag}});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.omit_body);
  auto weak = "W/" + etag;
  EXPECT_EQ(run(Method::get, "/json", {{"If-None-Match", std::string_view("\"other\", ")}}).status,
            200);
  EXPECT_EQ(run(Method::get, "/json", {{"If-None-Match", weak}}).status, 304);
}

TEST_F(PipelineTest, GzipWhenAcceptedWithItsOwnEtag) {
  build();
  auto plain = run(Method::get, "/entity");
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(plain.header("Vary"), "Accept-Encoding");
  auto zipped = run(Method::get, "/entity", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_TRUE(zipped.use_gzip);
  EXPECT_EQ(zipped.body_view(), entity->gzip_body);
  EXPECT_NE(zipped.header("ETag"), plain.header("ETag"));
  auto refused = run(Method::get, "/entity", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.header("Content-Encoding"), "");
  auto dynamic = run(Method::get, "/json", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(dynamic.header("Content-Encoding"), "gzip");
  EXPECT_LT(dynamic.body.size(), body.size());
}

TEST_F(PipelineTest, HeadOmitsBody) {
  build();
  auto r = run(Method::head, "/json");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.omit_body);
  EXPECT_EQ(r.body_view(), body);  // Content-Length still describes the GET body
}

TEST_F(PipelineTest, CorsForConfiguredOriginsOnly) {
  build({"https://app.dortmund.example"});
  auto allowed = run(Method::get, "/json", {{"Origin", "https://app.dortmund.example"}});
  EXPECT_EQ(allowed.header("Access-Control-Allow-Origin"), "https://app.dortmund.example");
  auto other = run(Method::get, "/json", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(other.header("Access-Control-Allow-Origin"), "");
  auto preflight =
      run(Method::options, "/json",
          {{"Origin", "https://app.dortmund.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("Access-Control-Allow-Methods"), "GET, HEAD, POST, OPTIONS");
  EXPECT_NE(preflight.header("Access-Control-Allow-Headers").find("Content-Type"),
            std::string_view::npos);
}

TEST_F(PipelineTest, MetricsCountByMethodRouteAndStatus) {
  build();
  run(Method::get, "/json");
  run(Method::get, "/json");
  run(Method::head, "/json");
  run(Method::get, "/error");
  auto text = metrics.render();
  for (auto needle : {
           R"(mosaik_http_requests_total{method="GET",route="/json",status="200"} 2)",
           R"(mosaik_http_requests_total{method="HEAD",route="/json",status="200"} 1)",
           R"(mosaik_http_requests_total{method="GET",route="/error",status="422"} 1)",
           R"(mosaik_http_request_duration_seconds_count{method="GET",route="/json"} 2)",
           R"(mosaik_http_request_duration_seconds_count{method="HEAD",route="/json"} 1)",
           R"(mosaik_http_request_duration_seconds_bucket{method="GET",route="/json",le="+Inf"} 2)",
       })
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  // Methods nobody used on a route have no series.
  EXPECT_EQ(text.find(R"(method="POST")"), std::string::npos) << text;
}

TEST(MetricsTest, RoutesOfOnePatternShareALabelAndOddMethodsCountAsOther) {
  Metrics metrics;
  auto get_route = metrics.add_route("/items");
  EXPECT_EQ(metrics.add_route("/items"), get_route);
  EXPECT_NE(metrics.add_route("/other"), get_route);
  metrics.record(get_route, "GET", 200, 0.001);
  metrics.record(get_route, "PUT", 412, 0.001);
  metrics.record(get_route, "BREW", 405, 0.001);
  metrics.record(metrics.unmatched_route(), "GET", 404, 0.001);
  auto text = metrics.render();
  for (auto needle : {
           R"(mosaik_http_requests_total{method="GET",route="/items",status="200"} 1)",
           R"(mosaik_http_requests_total{method="PUT",route="/items",status="412"} 1)",
           R"(mosaik_http_requests_total{method="other",route="/items",status="405"} 1)",
           R"(mosaik_http_requests_total{method="GET",route="unmatched",status="404"} 1)",
       })
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  EXPECT_EQ(text.find(R"(route="/other")"), std::string::npos) << text;
}

TEST(HeaderParsingTest, EtagMatching) {
  EXPECT_TRUE(etag_matches("*", "\"a\""));
  EXPECT_TRUE(etag_matches("\"x\", \"a\"", "\"a\""));
  EXPECT_TRUE(etag_matches("W/\"a\"", "\"a\""));
  EXPECT_FALSE(etag_matches("\"ab\"", "\"a\""));
  EXPECT_FALSE(etag_matches("", "\"a\""));
}

TEST(HeaderParsingTest, AcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("GZIP"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.0"));
  EXPECT_FALSE(accepts_gzip("br"));
  EXPECT_FALSE(accepts_gzip(""));
}

}  // namespace
}  // namespace mosaik::http
