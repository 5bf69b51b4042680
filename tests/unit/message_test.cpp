#include "http/message.hpp"

#include <gtest/gtest.h>

#include "core/json.hpp"
#include "http/pagination.hpp"
#include "http/problem.hpp"

namespace mosaik::http {
namespace {

Request with_target(std::string_view target) {
  Request r;
  r.target = target;
  return r;
}

TEST(SplitTargetTest, DecodesPathAndKeepsQueryRaw) {
  auto r = with_target("/api/v1/cities/d%C3%BCsseldorf?q=Stra%C3%9Fe+1&x");
  ASSERT_TRUE(split_target(r).ok());
  EXPECT_EQ(r.path, "/api/v1/cities/düsseldorf");
  EXPECT_EQ(r.query, "q=Stra%C3%9Fe+1&x");
  EXPECT_EQ(r.query_param("q"), "Straße 1");
  EXPECT_EQ(r.query_param("x"), "");
  EXPECT_EQ(r.query_param("y"), std::nullopt);
}

TEST(SplitTargetTest, RejectsWhatNoClientShouldSend) {
  for (auto bad : {"", "*", "http://x/y", "/a/../etc/passwd", "/a/%2e%2e/b", "/a/./b", "/a%00b",
                   "/a%zz", "/a%4", "/a?limit=%zz", "/a?q=%00"}) {
    auto r = with_target(bad);
    auto result = split_target(r);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.error().code(), Errc::bad_request) << bad;
  }
}

TEST(ProblemTest, RendersRfc9457WithField) {
  auto r = problem_response(validation_error("branding.primary_color", "must be a colour"));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body["type"], "urn:mosaik:problem:validation-failed");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["field"], "branding.primary_color");
  EXPECT_EQ(body["detail"], "must be a colour");
  EXPECT_FALSE(body["title"].as_string().empty());
  stamp_problem(r, "/x", "abc");
  body = json::parse(r.body).as_object();
  EXPECT_EQ(body["instance"], "/x");
  EXPECT_EQ(body["request_id"], "abc");
}

TEST(ProblemTest, InternalErrorsHideTheirCause) {
  auto r = problem_response(Error(Errc::internal, "password=secret in SQL"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
}

TEST(ProblemTest, EveryErrcHasADistinctStatusAndSlug) {
  std::set<std::string_view> slugs;
  for (int i = 0; i <= static_cast<int>(Errc::unavailable); ++i) {
    const auto& info = errc_info(static_cast<Errc>(i));
    EXPECT_GE(info.status, 400);
    EXPECT_LT(info.status, 600);
    EXPECT_TRUE(slugs.insert(info.slug).second) << info.slug;
  }
}

TEST(JsonTest, InvalidJsonIsBadRequestAndNonObjectIsValidation) {
  auto broken = parse_json_object("{\"a\": ");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code(), Errc::bad_request);
  auto array = parse_json_object("[1,2]");
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().code(), Errc::validation_failed);
  std::string deep(100, '[');
  EXPECT_EQ(parse_json(deep + std::string(100, ']')).error().code(), Errc::bad_request);
  EXPECT_TRUE(parse_json_object(R"({"name":"Hörde"})").ok());
}

TEST(EntityTest, PrecomputesEtagAndGzipOnlyWhenSmaller) {
  auto big = make_entity("application/json", std::string(4000, 'a'));
  EXPECT_FALSE(big->gzip_body.empty());
  EXPECT_LT(big->gzip_body.size(), big->body.size());
  EXPECT_EQ(big->etag.front(), '"');
  EXPECT_EQ(big->etag, etag_for(big->body));
  auto small = make_entity("application/json", "{}");
  EXPECT_TRUE(small->gzip_body.empty());
  EXPECT_NE(make_entity("text/plain", "a")->etag, make_entity("text/plain", "b")->etag);
}

TEST(ResponseTest, HeaderLookupCoversTheSharedBlock) {
  static const std::string block = "X-One: 1\r\nX-Two: two words\r\n";
  Response r;
  r.set_header("ETag", "\"a\"");
  r.set_header("etag", "\"b\"");
  r.header_block = &block;
  EXPECT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.header("ETAG"), "\"b\"");
  EXPECT_EQ(r.header("x-two"), "two words");
  EXPECT_EQ(r.header("x-three"), "");
}

TEST(PaginationTest, CursorRoundTripsAnyBytes) {
  for (std::string key :
       {std::string("a"), std::string("straße\x1fslug"), std::string(300, '\xff')}) {
    auto c = encode_cursor(key);
    EXPECT_EQ(c.find_first_of("+/="), std::string::npos);
    EXPECT_EQ(decode_cursor(c), key);
  }
  EXPECT_EQ(decode_cursor("!!!"), std::nullopt);
  EXPECT_EQ(decode_cursor(""), std::nullopt);
}

TEST(PaginationTest, LimitIsValidated) {
  Request r;
  r.query = "limit=500";
  EXPECT_EQ(parse_page(r, 50, 500)->limit, 500u);
  r.query = "limit=501";
  EXPECT_EQ(parse_page(r, 50, 500).error().field(), "limit");
  r.query = "limit=abc";
  EXPECT_FALSE(parse_page(r, 50, 500).ok());
  r.query = "cursor=%21";
  EXPECT_EQ(parse_page(r, 50, 500).error().field(), "cursor");
  r.query = "";
  EXPECT_EQ(parse_page(r, 50, 500)->limit, 50u);
}

TEST(ClientAddressTest, BelievesXForwardedForOnlyFromTrustedProxies) {
  Request r;
  r.remote_address = "127.0.0.1";
  r.headers = {{"X-Forwarded-For", "198.51.100.7, 203.0.113.9"}};
  // No trusted proxy: whoever connects is the client, whatever the header claims.
  EXPECT_EQ(client_address(r, {}), "127.0.0.1");
  // Behind one trusted proxy: the last address it appended.
  EXPECT_EQ(client_address(r, {"127.0.0.1"}), "203.0.113.9");
  // Two trusted proxies in a row: skip both, not further (the leftmost entry is the client's
  // own claim and could be forged).
  EXPECT_EQ(client_address(r, {"127.0.0.1", "203.0.113.9"}), "198.51.100.7");
  r.headers = {{"X-Forwarded-For", " , "}};
  EXPECT_EQ(client_address(r, {"127.0.0.1"}), "127.0.0.1");
  r.headers = {};
  EXPECT_EQ(client_address(r, {"127.0.0.1"}), "127.0.0.1");
  r.remote_address = "192.0.2.1";
  r.headers = {{"X-Forwarded-For", "203.0.113.9"}};
  EXPECT_EQ(client_address(r, {"127.0.0.1"}), "192.0.2.1");
}

}  // namespace
}  // namespace mosaik::http
