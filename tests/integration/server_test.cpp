// The real mosaikd on a loopback port: protocol handling, limits, timeouts, shutdown.
#include <gtest/gtest.h>

#include <cctype>
#include <string_view>
#include <thread>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace mosaik::testing {
namespace {

using namespace std::chrono_literals;

json::object problem_of(const HttpResponse& r) {
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  return r.json().as_object();
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server = new ServerProcess(
        {.args = {"--set", "server.read_timeout_ms=1000", "--set", "server.idle_timeout_ms=1500",
                  "--set", "server.max_header_bytes=4096", "--set", "server.max_body_bytes=2048"}});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static ServerProcess* server;
  std::uint16_t port() const { return server->port(); }
};
ServerProcess* ServerTest::server = nullptr;

TEST_F(ServerTest, HealthAndReadiness) {
  auto health = get(port(), "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json().as_object()["status"], "ok");
  auto ready = get(port(), "/readyz");
  EXPECT_EQ(ready.status, 200);
  auto body = ready.json().as_object();
  EXPECT_EQ(body["status"], "ready");
  EXPECT_EQ(body["database"].as_string(), selected_backend());
  EXPECT_GE(body["migrations"].as_int64(), 2);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  Connection c(port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto r = c.read_response();
    ASSERT_TRUE(r) << "request " << i;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("Connection"), "");
  }
  // Pipelined requests are answered in order.
  ASSERT_TRUE(
      c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/cities/nowhere HTTP/1.1\r\nHost: "
             "x\r\n\r\n"));
  EXPECT_EQ(c.read_response()->status, 200);
  EXPECT_EQ(c.read_response()->status, 404);
}

TEST_F(ServerTest, MalformedRequestLineIs400AndClosed) {
  for (auto bad :
       {"GARBAGE\r\n\r\n", "GET /x HTTP/9.9\r\n\r\n", "GET\r\n\r\n",
        "GET /x HTTP/1.1\r\nBad Header\r\n\r\n", "GET /x HTTP/1.1\r\nContent-Length: -5\r\n\r\n"}) {
    Connection c(port());
    ASSERT_TRUE(c.send(bad));
    auto r = c.read_response();
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_EQ(problem_of(*r)["type"], "urn:mosaik:problem:bad-request");
    EXPECT_EQ(r->header("Connection"), "close");
    EXPECT_TRUE(c.closed_within(2s));
  }
}

TEST_F(ServerTest, BadTargetIs400Problem) {
  auto r = get(port(), "/api/v1/cities/%2e%2e/secret");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(problem_of(r)["type"], "urn:mosaik:problem:bad-request");
  EXPECT_FALSE(r.header("X-Request-Id").empty());
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/services?limit=%zz").status, 400);
  // The instance stays a valid URI reference (still percent-encoded).
  EXPECT_EQ(problem_of(get(port(), "/api/v1/cities/a%20b"))["instance"], "/api/v1/cities/a%20b");
}

TEST_F(ServerTest, OversizedHeadersAre431) {
  Connection c(port());
  ASSERT_TRUE(
      c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_EQ(problem_of(*r)["type"], "urn:mosaik:problem:header-too-large");
}

TEST_F(ServerTest, OversizedBodyIs413WithoutReadingIt) {
  Connection c(port());
  ASSERT_TRUE(
      c.send("POST /api/v1/cities HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 50000000\r\n\r\n{"));
  auto r = c.read_response();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(problem_of(*r)["type"], "urn:mosaik:problem:payload-too-large");
  EXPECT_TRUE(c.closed_within(2s));
}

TEST_F(ServerTest, SlowlorisIsDroppedWhileOthersAreServed) {
  Connection slow(port());
  ASSERT_TRUE(slow.send("GET /healthz HTTP/1.1\r\n"));
  auto start = std::chrono::steady_clock::now();
  bool dropped = false;
  for (int i = 0; i < 40 && !dropped; ++i) {
    // A header line every 100 ms: never complete, never idle.
    if (!slow.send("X-Drip-" + std::to_string(i) + ": a\r\n")) {
      dropped = true;
      break;
    }
    EXPECT_EQ(get(port(), "/healthz").status, 200);
    dropped = slow.closed_within(100ms);
  }
  EXPECT_TRUE(dropped) << "a client trickling headers must be dropped after the read timeout";
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3500ms);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  Connection c(port());
  ASSERT_TRUE(c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(c.read_response());
  EXPECT_TRUE(c.closed_within(4s));
}

TEST_F(ServerTest, ClientDisconnectingMidRequestDoesNotHurtTheServer) {
  for (int i = 0; i < 20; ++i) {
    Connection c(port());
    c.send("POST /api/v1/cities HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"partial\":");
  }  // each closes with the body incomplete
  {
    Connection c(port());
    c.send("GET /api/v1/cit");
  }
  EXPECT_EQ(get(port(), "/healthz").status, 200);
  EXPECT_EQ(get(port(), "/api/v1/cities").status, 200);
}

TEST_F(ServerTest, UnknownCityIs404Problem) {
  auto r = get(port(), "/api/v1/cities/atlantis");
  EXPECT_EQ(r.status, 404);
  auto p = problem_of(r);
  EXPECT_EQ(p["type"], "urn:mosaik:problem:not-found");
  EXPECT_EQ(p["status"], 404);
  EXPECT_EQ(p["instance"], "/api/v1/cities/atlantis");
  EXPECT_EQ(p["request_id"].as_string(), r.header("X-Request-Id"));
  EXPECT_NE(std::string(p["detail"].as_string()).find("atlantis"), std::string::npos);
  EXPECT_EQ(get(port(), "/api/v1/cities/atlantis/services").status, 404);
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  auto r = request(port(), "DELETE", "/api/v1/cities/dortmund");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("Allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(problem_of(r)["type"], "urn:mosaik:problem:method-not-allowed");
  auto options = request(port(), "OPTIONS", "/api/v1/cities/dortmund");
  EXPECT_EQ(options.status, 204);
  EXPECT_EQ(options.header("Allow"), "GET, HEAD, OPTIONS");
}

TEST_F(ServerTest, ConditionalGetAndGzipOverTheWire) {
  auto first = get(port(), "/api/v1/cities/dortmund");
  ASSERT_EQ(first.status, 200);
  auto etag = first.header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.header("Cache-Control"), "no-cache");
  Connection c(port());
  c.send("GET /api/v1/cities/dortmund HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
  auto not_modified = c.read_response();
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  EXPECT_TRUE(not_modified->body.empty());
  EXPECT_EQ(not_modified->header("ETag"), etag);
  // The same connection still works after a 304.
  c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.read_response()->status, 200);

  auto zipped = get(port(), "/api/v1/cities/dortmund", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.header("Vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), first.body.size());
  EXPECT_EQ(gunzip(zipped.body), first.body);
}

TEST_F(ServerTest, HeadHasHeadersButNoBody) {
  auto get_response = get(port(), "/api/v1/cities");
  auto head = request(port(), "HEAD", "/api/v1/cities");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get_response.body.size()));
  EXPECT_TRUE(head.body.empty());
}

TEST_F(ServerTest, MetricsInPrometheusFormat) {
  get(port(), "/api/v1/cities");
  get(port(), "/api/v1/cities/atlantis");
  request(port(), "HEAD", "/api/v1/cities");
  request(port(), "DELETE", "/api/v1/cities");  // 405: matched no route
  auto r = get(port(), "/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.header("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
  auto version = run_command({MOSAIKD_BINARY, "--version"}).output;  // "mosaikd 0.1.0+...\n"
  version = version.substr(version.find(' ') + 1);
  version.pop_back();
  // The server is shared with the other tests of the suite: counts are at least 1.
  for (
      auto needle : {
          "# TYPE mosaik_http_requests_total counter",
          R"(mosaik_http_requests_total{method="GET",route="/api/v1/cities",status="200"} )",
          R"(mosaik_http_requests_total{method="HEAD",route="/api/v1/cities",status="200"} )",
          R"(mosaik_http_requests_total{method="GET",route="/api/v1/cities/{city}",status="404"})",
          R"(mosaik_http_requests_total{method="DELETE",route="unmatched",status="405"} )",
          R"(mosaik_http_request_duration_seconds_bucket{method="GET",route="/api/v1/cities",le="+Inf"} )",
          R"(mosaik_http_request_duration_seconds_count{method="HEAD",route="/api/v1/cities"} )",
          "mosaik_http_open_connections ",
          "mosaik_db_pool_connections{state=\"open\"}",
          "mosaik_cities 2",
          "# TYPE mosaik_build_info gauge\n",
      })
    EXPECT_NE(r.body.find(needle), std::string::npos) << needle << "\n" << r.body;
  EXPECT_NE(r.body.find("\nmosaik_build_info{version=\"" + version + "\"} 1\n"), std::string::npos)
      << version;
}

TEST(CommandLineTest, VersionPrintsTheProjectVersionAndExitsZero) {
  for (auto [binary, name] :
       {std::pair{MOSAIKD_BINARY, "mosaikd"}, {MOSAIK_CLI_BINARY, "mosaik"}}) {
    auto r = run_command({binary, "--version"});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    // "NAME X.Y.Z" (CMake's project version), with "+<git describe>" when built from a checkout.
    // (No <regex>: GCC 12 warns inside it in the sanitizer build.)
    std::string_view out = r.output;
    ASSERT_TRUE(out.starts_with(std::string(name) + " ") && out.ends_with("\n")) << r.output;
    out = out.substr(std::string_view(name).size() + 1,
                     out.size() - std::string_view(name).size() - 2);
    auto plus = out.find('+');
    auto version = out.substr(0, plus);
    int dots = 0;
    for (char c : version) {
      if (c == '.')
        ++dots;
      else
        EXPECT_TRUE(c >= '0' && c <= '9') << r.output;
    }
    EXPECT_EQ(dots, 2) << r.output;
    EXPECT_FALSE(version.starts_with('.') || version.ends_with('.') ||
                 version.find("..") != std::string_view::npos)
        << r.output;
    if (plus != std::string_view::npos) {
      auto describe = out.substr(plus + 1);
      EXPECT_FALSE(describe.empty()) << r.output;
      for (char c : describe)
        EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')
            << r.output;
    }
  }
}

TEST(CommandLineTest, UsageErrorsExitWithTwo) {
  const std::vector<std::vector<std::string>> usage_errors = {
      {MOSAIKD_BINARY, "--no-such-option"},
      {MOSAIKD_BINARY, "--listen"},  // missing value
      {MOSAIKD_BINARY, "--threads", "many"},
      {MOSAIKD_BINARY, "unexpected-argument"},
      {MOSAIK_CLI_BINARY},  // a command is required
      {MOSAIK_CLI_BINARY, "no-such-command"},
      {MOSAIK_CLI_BINARY, "city", "no-such-subcommand"},
      {MOSAIK_CLI_BINARY, "city", "show"},  // missing slug
      {MOSAIK_CLI_BINARY, "migrate", "--no-such-option"},
      {MOSAIK_CLI_BINARY, "migrate", "--database"},
  };
  for (const auto& argv : usage_errors) {
    auto r = run_command(argv);
    std::string line;
    for (const auto& a : argv) line += a + " ";
    EXPECT_EQ(r.exit_code, 2) << line << "\n" << r.output;
    EXPECT_NE(r.output.find("--help"), std::string::npos) << line << "\n" << r.output;
  }
  for (auto binary : {MOSAIKD_BINARY, MOSAIK_CLI_BINARY}) {
    auto help = run_command({binary, "--help"});
    EXPECT_EQ(help.exit_code, 0) << help.output;
    EXPECT_NE(help.output.find("--version"), std::string::npos) << help.output;
  }
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  for (auto target : {"/api/v1/cities", "/api/v1/cities/atlantis", "/healthz"}) {
    auto r = get(port(), target);
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << target;
    EXPECT_FALSE(r.header("Content-Security-Policy").empty()) << target;
    EXPECT_EQ(r.header("X-Frame-Options"), "DENY") << target;
    EXPECT_FALSE(r.header("Date").empty()) << target;
  }
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequest) {
  auto r = get(port(), "/api/v1/cities/schwerte", {{"X-Request-Id", "trace-me-42"}});
  ASSERT_EQ(r.header("X-Request-Id"), "trace-me-42");
  std::string line;
  for (int i = 0; i < 30 && line.empty(); ++i) {  // flushed once a second
    std::this_thread::sleep_for(100ms);
    auto log = server->access_log();
    auto at = log.find("\"trace-me-42\"");
    if (at != std::string::npos)
      line = log.substr(log.rfind('\n', at) + 1, log.find('\n', at) - log.rfind('\n', at) - 1);
  }
  ASSERT_FALSE(line.empty());
  auto entry = json::parse(line).as_object();
  EXPECT_EQ(entry["status"], 200);
  EXPECT_EQ(entry["method"], "GET");
  EXPECT_EQ(entry["path"], "/api/v1/cities/schwerte");
  EXPECT_EQ(entry["route"], "/api/v1/cities/{city}");
  EXPECT_TRUE(entry["duration_ms"].is_number());
}

// --- each of these needs its own server ---------------------------------------------------------

TEST(ServerLifecycleTest, ConnectionLimitAnswers503) {
  ServerProcess s({.args = {"--set", "server.max_connections=2"}});
  Connection a(s.port()), b(s.port());
  a.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  b.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(a.read_response());
  ASSERT_TRUE(b.read_response());
  Connection c(s.port());
  auto r = c.read_response(5s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(r->header("Retry-After"), "1");
}

TEST(ServerLifecycleTest, SigtermFinishesTheRequestInFlightAndExitsCleanly) {
  ServerProcess s({.args = {"--set", "server.shutdown_grace_ms=5000"}});
  Connection idle(s.port());
  idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_TRUE(idle.read_response());
  Connection busy(s.port());
  // Half a request is in flight when the signal arrives ...
  busy.send("GET /api/v1/cities/dortmund HTTP/1.1\r\nHost: x\r\n");
  std::this_thread::sleep_for(200ms);
  ::kill(s.pid(), SIGTERM);
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(idle.closed_within(2s)) << "idle keep-alive connections are closed at once";
  // ... and is still answered, with Connection: close.
  busy.send("\r\n");
  auto r = busy.read_response(5s);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->header("Connection"), "close");
  EXPECT_EQ(s.stop(0), 0) << s.error_log();
}

TEST(ServerLifecycleTest, InvalidConfigurationStopsStartupWithAllProblems) {
  auto r = run_command({MOSAIKD_BINARY, "--listen", "127.0.0.1:0", "--set", "server.colour=red",
                        "--set", "server.threads=9999", "--database", "mysql://nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown key 'server.colour'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'server.threads' must be between"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("'database.url' must be"), std::string::npos) << r.output;
  auto env = run_command({MOSAIKD_BINARY, "--listen", "127.0.0.1:0"},
                         {{"MOSAIK_SERVER_MAX_BODY_BYTES", "lots"}});
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_NE(env.output.find("MOSAIK_SERVER_MAX_BODY_BYTES"), std::string::npos) << env.output;
}

TEST(ServerLifecycleTest, ServesTheWebAppWithCachingAndDeepLinks) {
  ServerProcess s(
      {.web_files = {{"index.html", "<!doctype html><title>Mosaik</title>"},
                     {"assets/app-Bx7kQ2mZ.js", "console.log('" + std::string(2000, 'x') + "');"},
                     {"assets/app-Bx7kQ2mZ.js.gz", "precompressed-bytes"},
                     {"manifest.webmanifest", "{}"}}});
  auto index = get(s.port(), "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  auto deep = get(s.port(), "/about/impressum");
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);
  // A city's deep links get its own shell (web_app_test.cpp has the details).
  auto city = get(s.port(), "/dortmund/news/123");
  EXPECT_EQ(city.status, 200);
  EXPECT_EQ(city.body, "<!doctype html><title>Dortmund – Mosaik</title>");
  auto asset = get(s.port(), "/assets/app-Bx7kQ2mZ.js");
  EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.header("Content-Type"), "application/javascript; charset=utf-8");
  auto zipped = get(s.port(), "/assets/app-Bx7kQ2mZ.js", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.body, "precompressed-bytes");
  EXPECT_EQ(get(s.port(), "/missing.png").status, 404);
  EXPECT_EQ(get(s.port(), "/manifest.webmanifest").header("Content-Type"),
            "application/manifest+json");
}

}  // namespace
}  // namespace mosaik::testing
