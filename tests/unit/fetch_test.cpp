// shared::fetch against a loopback server: conditional requests, redirects, limits, errors.
#include "shared/fetch.hpp"

#include <gtest/gtest.h>

#include "support/static_http_server.hpp"

namespace mosaik::shared {
namespace {

using testing::StaticHttpServer;

// The test servers are on loopback, which imports may not reach by default.
const FetchOptions kLoopback{.allow_private_networks = true};

TEST(Fetch, GetsTheBodyAndTheValidators) {
  StaticHttpServer server;
  server.set("/feed.xml",
             {.content_type = "application/rss+xml; charset=utf-8",
              .body = "<rss/>",
              .headers = {{"ETag", "\"v1\""}, {"Last-Modified", "Tue, 24 Nov 2026 07:00:00 GMT"}}});
  auto r = fetch(server.url("/feed.xml"), kLoopback);
  ASSERT_TRUE(r) << r.error().detail();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<rss/>");
  EXPECT_EQ(r->content_type, "application/rss+xml; charset=utf-8");
  EXPECT_EQ(r->etag, "\"v1\"");
  EXPECT_EQ(r->last_modified, "Tue, 24 Nov 2026 07:00:00 GMT");
}

TEST(Fetch, SendsConditionalHeadersAndReportsStatusesAsValues) {
  StaticHttpServer server;
  server.set("/feed.xml", {.status = 304});
  auto r = fetch(server.url("/feed.xml"), {.if_none_match = "\"v1\"",
                                           .if_modified_since = "Tue, 24 Nov 2026 07:00:00 GMT",
                                           .allow_private_networks = true});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 304);
  auto head = server.requests().back();
  EXPECT_NE(head.find("If-None-Match: \"v1\""), std::string::npos) << head;
  EXPECT_NE(head.find("If-Modified-Since: Tue, 24 Nov 2026 07:00:00 GMT"), std::string::npos);
  auto missing = fetch(server.url("/gone.xml"), kLoopback);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(Fetch, FollowsRedirectsAndKeepsTheFinalHeaders) {
  StaticHttpServer server;
  server.set("/old", {.status = 301, .headers = {{"Location", "/new"}, {"ETag", "\"old\""}}});
  server.set("/new", {.body = "moved here", .headers = {{"ETag", "\"new\""}}});
  auto r = fetch(server.url("/old"), kLoopback);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "moved here");
  EXPECT_EQ(r->etag, "\"new\"");
}

TEST(Fetch, LimitsAndFailuresAreErrors) {
  StaticHttpServer server;
  server.set("/big", {.body = std::string(10000, 'x')});
  auto big = fetch(server.url("/big"), {.max_bytes = 1000, .allow_private_networks = true});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code(), Errc::unavailable);
  EXPECT_NE(big.error().detail().find("1000 bytes"), std::string::npos);

  auto scheme = fetch("file:///etc/passwd");
  ASSERT_FALSE(scheme);
  EXPECT_EQ(scheme.error().code(), Errc::validation_failed);
  // Port 1 (tcpmux) is not served on loopback: the connection is refused.
  auto refused = fetch("http://127.0.0.1:1/feed.xml", {.timeout = std::chrono::milliseconds(2000),
                                                       .allow_private_networks = true});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::unavailable);
}

TEST(Fetch, PrivateAndLocalAddressesAreRefusedUnlessAllowed) {
  StaticHttpServer server;
  server.set("/feed.xml", {.body = "<rss/>"});
  for (const auto& url :
       {server.url("/feed.xml"), "http://localhost:" + std::to_string(server.port()) + "/feed.xml",
        std::string("http://169.254.169.254/latest/meta-data/"), std::string("http://10.1.2.3/"),
        std::string("http://[::1]:1/"), std::string("http://192.168.0.1/")}) {
    auto r = fetch(url, {.timeout = std::chrono::milliseconds(2000)});
    ASSERT_FALSE(r) << url;
    EXPECT_EQ(r.error().code(), Errc::unavailable);
    EXPECT_NE(r.error().detail().find("private or local network address"), std::string::npos)
        << url << ": " << r.error().detail();
  }
  EXPECT_TRUE(server.requests().empty()) << "nothing reached the loopback server";
}

}  // namespace
}  // namespace mosaik::shared
