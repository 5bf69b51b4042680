// content::fetch against a loopback server: conditional requests, redirects, limits, errors.
#include "content/fetch.hpp"

#include <gtest/gtest.h>

#include "support/static_http_server.hpp"

namespace mosaik::content {
namespace {

using testing::StaticHttpServer;

TEST(Fetch, GetsTheBodyAndTheValidators) {
  StaticHttpServer server;
  server.set("/feed.xml",
             {.content_type = "application/rss+xml; charset=utf-8",
              .body = "<rss/>",
              .headers = {{"ETag", "\"v1\""}, {"Last-Modified", "Tue, 24 Nov 2026 07:00:00 GMT"}}});
  auto r = fetch(server.url("/feed.xml"));
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
  auto r = fetch(server.url("/feed.xml"),
                 {.if_none_match = "\"v1\"", .if_modified_since = "Tue, 24 Nov 2026 07:00:00 GMT"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 304);
  auto head = server.requests().back();
  EXPECT_NE(head.find("If-None-Match: \"v1\""), std::string::npos) << head;
  EXPECT_NE(head.find("If-Modified-Since: Tue, 24 Nov 2026 07:00:00 GMT"), std::string::npos);
  auto missing = fetch(server.url("/gone.xml"));
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(Fetch, FollowsRedirectsAndKeepsTheFinalHeaders) {
  StaticHttpServer server;
  server.set("/old", {.status = 301, .headers = {{"Location", "/new"}, {"ETag", "\"old\""}}});
  server.set("/new", {.body = "moved here", .headers = {{"ETag", "\"new\""}}});
  auto r = fetch(server.url("/old"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "moved here");
  EXPECT_EQ(r->etag, "\"new\"");
}

TEST(Fetch, LimitsAndFailuresAreErrors) {
  StaticHttpServer server;
  server.set("/big", {.body = std::string(10000, 'x')});
  auto big = fetch(server.url("/big"), {.max_bytes = 1000});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code(), Errc::unavailable);
  EXPECT_NE(big.error().detail().find("1000 bytes"), std::string::npos);

  auto scheme = fetch("file:///etc/passwd");
  ASSERT_FALSE(scheme);
  EXPECT_EQ(scheme.error().code(), Errc::validation_failed);
  // Port 1 (tcpmux) is not served on loopback: the connection is refused.
  auto refused = fetch("http://127.0.0.1:1/feed.xml", {.timeout = std::chrono::milliseconds(2000)});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Errc::unavailable);
}

}  // namespace
}  // namespace mosaik::content
