#include "http/preconditions.hpp"

#include <gtest/gtest.h>

namespace mosaik::http {
namespace {

TEST(IfMatchTest, MatchesTheCurrentStrongTagOrItsGzipVariant) {
  const std::string body = R"({"name":"Dortmund"})";
  const std::string etag = etag_for(body);
  std::string gzip_etag = etag;
  gzip_etag.insert(gzip_etag.size() - 1, "-gz");

  EXPECT_TRUE(if_match_allows("", body));  // no If-Match: unconditional, as before
  EXPECT_TRUE(if_match_allows("*", body));
  EXPECT_TRUE(if_match_allows(" * ", body));
  EXPECT_TRUE(if_match_allows(etag, body));
  EXPECT_TRUE(if_match_allows(gzip_etag, body));
  EXPECT_TRUE(if_match_allows("\"other\", " + etag, body));
  EXPECT_TRUE(if_match_allows("\"other\",\t" + gzip_etag + " ", body));

  EXPECT_FALSE(if_match_allows("\"other\"", body));
  EXPECT_FALSE(if_match_allows("W/" + etag, body));  // weak tags never match for If-Match
  EXPECT_FALSE(if_match_allows(etag_for(R"({"name":"Schwerte"})"), body));
  EXPECT_FALSE(if_match_allows(etag.substr(1, etag.size() - 2), body));  // unquoted
  EXPECT_FALSE(if_match_allows(",", body));
}

TEST(IfMatchTest, TheRefusalIsA412Problem) {
  auto e = precondition_failed("The list of services");
  EXPECT_EQ(e.code(), Errc::precondition_failed);
  EXPECT_EQ(e.http_status(), 412);
  EXPECT_TRUE(e.detail().starts_with("The list of services has changed")) << e.detail();
}

}  // namespace
}  // namespace mosaik::http
