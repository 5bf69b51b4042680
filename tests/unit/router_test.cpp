#include "http/router.hpp"

#include <gtest/gtest.h>

#include "http/path_params.hpp"

namespace mosaik::http {
namespace {

Handler named(std::string name) {
  return [name](RequestContext&) { return json_response(200, name); };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router.add(Method::get, "/api/v1/cities", named("list"));
    router.add(Method::get, "/api/v1/cities/{city}", named("city"));
    router.add(Method::get, "/api/v1/cities/{city}/news", named("news"));
    router.add(Method::post, "/api/v1/cities/{city}/news", named("create"),
               {.module = "news", .blocking = true});
    router.add(Method::get, "/api/v1/cities/{city}/news/feed", named("feed"));
    router.add(Method::get, "/api/v1/cities/{city}/news/{id}", named("item"));
  }
  Router router;
};

TEST_F(RouterTest, MatchesLiteralAndCapturesParameters) {
  auto m = router.match(Method::get, "/api/v1/cities/dortmund/news/42");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->pattern, "/api/v1/cities/{city}/news/{id}");
  ASSERT_EQ(m.params.size(), 2u);
  EXPECT_EQ(m.params[0].first, "city");
  EXPECT_EQ(m.params[0].second, "dortmund");
  EXPECT_EQ(m.params[1].second, "42");
  EXPECT_TRUE(m.route->has_city);
}

TEST_F(RouterTest, LiteralSegmentWinsOverParameter) {
  auto m = router.match(Method::get, "/api/v1/cities/dortmund/news/feed");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->pattern, "/api/v1/cities/{city}/news/feed");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(router.match(Method::get, "/api/v1/towns").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/api/v1/cities/dortmund/news/1/extra").kind,
            RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/api/v1/cities/").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "/api/v1//cities").kind, RouteMatch::Kind::not_found);
  EXPECT_EQ(router.match(Method::get, "relative").kind, RouteMatch::Kind::not_found);
}

TEST_F(RouterTest, WrongMethodListsAllowedMethods) {
  auto m = router.match(Method::delete_, "/api/v1/cities/x/news");
  ASSERT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST, OPTIONS");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].second, "x");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  auto m = router.match(Method::head, "/api/v1/cities");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->method, Method::get);
}

TEST_F(RouterTest, RouteOptionsAreKept) {
  auto m = router.match(Method::post, "/api/v1/cities/x/news");
  ASSERT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(m.route->options.module, "news");
  EXPECT_TRUE(m.route->options.blocking);
}

TEST_F(RouterTest, DuplicateAndMalformedPatternsAreProgrammingErrors) {
  EXPECT_THROW(router.add(Method::get, "/api/v1/cities", named("again")), std::logic_error);
  EXPECT_THROW(router.add(Method::get, "/api/v1/cities/{slug}/x", named("x")), std::logic_error);
  EXPECT_THROW(router.add(Method::get, "/api/v1/a{b}", named("x")), std::logic_error);
  EXPECT_THROW(router.add(Method::get, "no-slash", named("x")), std::logic_error);
}

TEST(RequestContextTest, ParamLookup) {
  Router router;
  router.add(Method::get, "/a/{x}/b/{y}", named("ab"));
  Request request;
  RequestContext ctx(request);
  ctx.match = router.match(Method::get, "/a/1/b/two");
  EXPECT_EQ(ctx.param("x"), "1");
  EXPECT_EQ(ctx.param("y"), "two");
  EXPECT_EQ(ctx.param("z"), "");
}

}  // namespace
}  // namespace mosaik::http

namespace mosaik::http {
namespace {

TEST(PathParams, OnlyWholePositiveNumbersAreIds) {
  EXPECT_EQ(parse_positive_id("17"), 17);
  EXPECT_EQ(parse_positive_id("9223372036854775807"), 9223372036854775807);
  for (std::string_view bad : {"", "0", "-1", "+1", "1x", " 1", "1.0", "9223372036854775808"})
    EXPECT_EQ(parse_positive_id(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace mosaik::http
