// Identity without a database or a socket: roles and scopes, the authorisation decision,
// password rules and hashing, secrets, cookies, and the access check of the route table.
#include <gtest/gtest.h>

#include <set>

#include "core/clock.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "platform/identity/auth_middleware.hpp"
#include "platform/identity/password.hpp"
#include "platform/identity/roles.hpp"
#include "platform/identity/secrets.hpp"

namespace mosaik::identity {
namespace {

using http::Access;

TEST(Roles, ParseAndPrintRoundTrip) {
  for (std::string text : {"platform-admin", "city-admin:dortmund", "editor:schwerte",
                           "case-worker:dortmund:reports"}) {
    auto role = parse_role(text);
    ASSERT_TRUE(role) << text;
    EXPECT_EQ(to_string(*role), text);
  }
  auto cw = *parse_role("case-worker:dortmund:reports");
  EXPECT_EQ(cw.kind, RoleKind::case_worker);
  EXPECT_EQ(cw.city, "dortmund");
  EXPECT_EQ(cw.module, "reports");
}

TEST(Roles, RejectsMalformedRoles) {
  for (std::string text : {"", "admin", "platform-admin:dortmund", "city-admin",
                           "editor:", "editor:Dortmund", "editor:dort mund", "case-worker:dortmund",
                           "case-worker:dortmund:reports:x", "city-admin:dortmund:x"}) {
    auto role = parse_role(text);
    ASSERT_FALSE(role) << text;
    EXPECT_EQ(role.error().code(), Errc::validation_failed);
    EXPECT_EQ(role.error().field(), "role");
  }
}

TEST(Scopes, ParseAndPrint) {
  EXPECT_EQ(to_string(*parse_scope("services:read")), "services:read");
  EXPECT_TRUE(parse_scope("reports:write")->write);
  EXPECT_FALSE(parse_scope("reports:admin"));
  EXPECT_FALSE(parse_scope("reports"));
  EXPECT_FALSE(parse_scope(":read"));
}

Principal user(std::vector<std::string> roles) {
  Principal p;
  p.kind = Principal::Kind::user;
  for (const auto& r : roles) p.roles.push_back(*parse_role(r));
  return p;
}

Principal token(std::string city, std::vector<std::string> scopes) {
  Principal p;
  p.kind = Principal::Kind::token;
  p.city = std::move(city);
  for (const auto& s : scopes) p.scopes.push_back(*parse_scope(s));
  return p;
}

TEST(Permits, PlatformAdminMayDoEverything) {
  auto p = user({"platform-admin"});
  for (auto access : {Access::staff, Access::city_admin, Access::city_content, Access::city_cases,
                      Access::platform_admin})
    for (std::string_view city : {"dortmund", "schwerte"})
      EXPECT_TRUE(permits(p, access, city, "reports", true)) << to_string(access);
}

TEST(Permits, CityAdminOnlyInTheirCity) {
  auto p = user({"city-admin:dortmund"});
  EXPECT_TRUE(permits(p, Access::city_admin, "dortmund", "", true));
  EXPECT_TRUE(permits(p, Access::city_content, "dortmund", "news", true));
  EXPECT_TRUE(permits(p, Access::city_cases, "dortmund", "reports", true));
  EXPECT_FALSE(permits(p, Access::city_admin, "schwerte", "", false));
  EXPECT_FALSE(permits(p, Access::city_content, "schwerte", "news", false));
  EXPECT_FALSE(permits(p, Access::platform_admin, "", "", false));
  EXPECT_TRUE(permits(p, Access::staff, "", "", true));
}

TEST(Permits, EditorsDoContentCaseWorkersTheirModule) {
  auto editor = user({"editor:dortmund"});
  EXPECT_TRUE(permits(editor, Access::city_content, "dortmund", "news", true));
  EXPECT_FALSE(permits(editor, Access::city_cases, "dortmund", "reports", false));
  EXPECT_FALSE(permits(editor, Access::city_admin, "dortmund", "", false));
  EXPECT_FALSE(permits(editor, Access::city_content, "schwerte", "news", false));

  auto cw = user({"case-worker:dortmund:reports"});
  EXPECT_TRUE(permits(cw, Access::city_cases, "dortmund", "reports", true));
  EXPECT_FALSE(permits(cw, Access::city_cases, "dortmund", "appointments", false));
  EXPECT_FALSE(permits(cw, Access::city_cases, "schwerte", "reports", false));
  EXPECT_FALSE(permits(cw, Access::city_content, "dortmund", "reports", false));

  // Roles in several cities add up, without leaking into each other.
  auto both = user({"editor:dortmund", "case-worker:schwerte:reports"});
  EXPECT_TRUE(permits(both, Access::city_content, "dortmund", "news", true));
  EXPECT_TRUE(permits(both, Access::city_cases, "schwerte", "reports", true));
  EXPECT_FALSE(permits(both, Access::city_cases, "dortmund", "reports", true));
  EXPECT_FALSE(permits(both, Access::city_content, "schwerte", "news", true));
}

TEST(Permits, TokensFollowTheirCityAndScopes) {
  auto t = token("dortmund", {"news:write", "reports:read"});
  EXPECT_TRUE(permits(t, Access::city_content, "dortmund", "news", true));
  EXPECT_TRUE(permits(t, Access::city_cases, "dortmund", "reports", false));
  EXPECT_FALSE(permits(t, Access::city_cases, "dortmund", "reports", true));  // read only
  EXPECT_FALSE(permits(t, Access::city_content, "dortmund", "events", false));
  EXPECT_FALSE(permits(t, Access::city_content, "schwerte", "news", false));
  // Never people's business: the session, staff, tokens, platform.
  EXPECT_FALSE(permits(t, Access::staff, "", "", false));
  EXPECT_FALSE(permits(t, Access::city_admin, "dortmund", "", false));
  EXPECT_FALSE(permits(t, Access::platform_admin, "", "", false));
}

TEST(Permits, ModulesInTheConsole) {
  auto p = user({"editor:dortmund", "case-worker:schwerte:reports"});
  EXPECT_TRUE(may_use_module(p, "dortmund", "news", false));
  EXPECT_FALSE(may_use_module(p, "dortmund", "reports", true));
  EXPECT_TRUE(may_use_module(p, "schwerte", "reports", true));
  EXPECT_FALSE(may_use_module(token("dortmund", {"news:write"}), "dortmund", "news", false));
}

TEST(PasswordRules, AcceptsLongUncommonPasswords) {
  EXPECT_TRUE(check_password_rules("Lindenblüte-Kanal-4711", "anna@example.org"));
  EXPECT_TRUE(check_password_rules("correct horse battery staple", "anna@example.org"));
}

TEST(PasswordRules, RefusesShortCommonAndGuessablePasswords) {
  const std::string email = "anna.schmidt@dortmund.example";
  for (std::string pw : {"kurz", "elf-Zeichen", "Passwort2024!", "passwort1234", "123456789012",
                         "!!Sommer2025!!", "qwertzuiop12", "aaaaaaaaaaaaaa", "abcabcabcabc",
                         "987654321098", "hallohallo123", "ANNA.SCHMIDT-2024",
                         "anna.schmidt@dortmund.example", "Borussia-1909", "DortmundDortmund"}) {
    auto r = check_password_rules(pw, email);
    ASSERT_FALSE(r) << pw;
    EXPECT_EQ(r.error().field(), "password");
    EXPECT_EQ(r.error().detail().find(pw), std::string::npos) << "the message repeats " << pw;
  }
  EXPECT_FALSE(check_password_rules(std::string(1025, 'x') + "Aa1", email));
  EXPECT_FALSE(check_password_rules("gültig\x01-aber-mit-Steuerzeichen", email));
  // Length counts characters, not bytes: 11 umlauts are 22 bytes but too short.
  EXPECT_FALSE(check_password_rules("äöüäöüäöüäö", email));
}

TEST(PasswordHash, Argon2idVerifiesAndDetectsOldParameters) {
  auto hash = hash_password("Lindenblüte-Kanal-4711");
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password("Lindenblüte-Kanal-4711", *hash));
  EXPECT_FALSE(verify_password("Lindenblüte-Kanal-4712", *hash));
  EXPECT_FALSE(verify_password("Lindenblüte-Kanal-4711", "$argon2id$garbage"));
  EXPECT_FALSE(password_needs_rehash(*hash));
  // The same password hashes differently every time (random salt).
  EXPECT_NE(*hash, *hash_password("Lindenblüte-Kanal-4711"));
  // A hash with weaker parameters (t=1, 8 MiB) verifies, but asks to be renewed.
  const std::string weak =
      "$argon2id$v=19$m=8192,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$"
      "1g8Cx9a3PjeNv8dwXnU2lLKrrnoLcqLMD3ifUtDt0x0";
  EXPECT_TRUE(password_needs_rehash(weak));
}

TEST(Secrets, RandomUrlSafeAndDigested) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    auto s = random_secret();
    EXPECT_EQ(s.size(), 43u);  // 32 bytes, base64url without padding
    EXPECT_EQ(
        s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 100u);
  // FIPS 180-2 test vector.
  EXPECT_EQ(secret_digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(equal_in_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_in_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_in_constant_time("", "abc"));
}

TEST(Cookies, FindsTheSessionCookieAmongOthers) {
  EXPECT_EQ(cookie_value("mosaik_session=abc", "mosaik_session"), "abc");
  EXPECT_EQ(cookie_value("theme=dark; mosaik_session=abc; lang=de", "mosaik_session"), "abc");
  EXPECT_EQ(cookie_value("xmosaik_session=abc", "mosaik_session"), "");
  EXPECT_EQ(cookie_value("", "mosaik_session"), "");
  AuthConfig config;
  auto set = session_cookie("abc", config);
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(set.find("; Secure"), std::string::npos);
  EXPECT_NE(set.find("Max-Age=43200"), std::string::npos);
  config.cookie_secure = false;
  EXPECT_EQ(expired_session_cookie(config).find("Secure"), std::string::npos);
  EXPECT_NE(expired_session_cookie(config).find("Max-Age=0"), std::string::npos);
}

TEST(RouteTable, EveryRouteMustDeclareItsAccess) {
  http::Router router;
  auto ok = [](http::RequestContext&) { return http::Response{}; };
  router.add(http::Method::get, "/open", ok, {.access = Access::public_});
  EXPECT_TRUE(router.check_access_declared());
  // Protected routes are moved off the network threads (credentials are looked up).
  auto& staff = router.add(http::Method::get, "/api/v1/cities/{city}/staff", ok,
                           {.access = Access::city_admin});
  EXPECT_TRUE(staff.options.blocking);
  router.add(http::Method::get, "/forgotten", ok);
  auto missing = router.check_access_declared();
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().detail().find("GET /forgotten"), std::string::npos);

  // Content of a city may be a core route (media); case work always belongs to a module, and
  // both need a {city}.
  http::Router core_content;
  core_content.add(http::Method::post, "/api/v1/cities/{city}/media", ok,
                   {.access = Access::city_content});
  EXPECT_TRUE(core_content.check_access_declared());
  http::Router cases_outside_module;
  cases_outside_module.add(http::Method::put, "/api/v1/cities/{city}/x", ok,
                           {.access = Access::city_cases});
  EXPECT_FALSE(cases_outside_module.check_access_declared());
  http::Router content_without_city;
  content_without_city.add(http::Method::put, "/api/v1/x", ok,
                           {.module = "news", .access = Access::city_content});
  EXPECT_FALSE(content_without_city.check_access_declared());
}

TEST(Pagination, IntegerCursors) {
  http::PageRequest none{10, std::nullopt};
  EXPECT_EQ(*http::integer_cursor(none, 7), 7);
  http::PageRequest some{10, std::string("42")};
  EXPECT_EQ(*http::integer_cursor(some, 7), 42);
  http::PageRequest bad{10, std::string("42x")};
  EXPECT_EQ(http::integer_cursor(bad, 7).error().field(), "cursor");
}

TEST(Clock, Rfc3339InUtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_utc(1'795'512'345'678), "2026-11-24T09:25:45.678Z");  // checked with Python
  EXPECT_EQ(rfc3339_utc(-1'500), "1969-12-31T23:59:58.500Z");
}

}  // namespace
}  // namespace mosaik::identity
