// Staff identity through the real binaries: sign-in, sessions, CSRF, throttling, API tokens,
// staff management by city admins, the audit log, and that no secret reaches a log.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "storage/store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"

namespace mosaik::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kServices = R"({"services":[
  {"slug":"personalausweis","title":"Personalausweis beantragen","summary":"Neuer Ausweis im Bürgerbüro.","department":"Bürgerdienste","keywords":["Ausweis"],"url":""},
  {"slug":"wohnsitz","title":"Wohnsitz anmelden","summary":"Innerhalb von zwei Wochen nach dem Umzug.","department":"Bürgerdienste","keywords":["Umzug"],"url":""}]})";

json::object body_of(const HttpResponse& r) {
  return r.json().as_object();
}
std::string text_at(const json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

class IdentityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server =
        new ServerProcess(ServerProcess::Options{.args = {"--set", "auth.cookie_secure=false"}});
    admin_password = fresh_password();
    create_staff(server->database_url(), "admin@dortmund.example", admin_password,
                 {"city-admin:dortmund"});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static std::uint16_t port() { return server->port(); }
  static StaffSession admin() { return sign_in(port(), "admin@dortmund.example", admin_password); }
  CommandResult cli(std::vector<std::string> args, std::string input = {}) {
    args.insert(args.begin(), MOSAIK_CLI_BINARY);
    args.insert(args.end(), {"--database", server->database_url()});
    return run_command(args, {}, input);
  }
  // Creates an editor of Dortmund through the API as the admin; returns their id.
  std::int64_t create_editor(const StaffSession& a, const std::string& email,
                             const std::string& password) {
    json::object body{{"email", email},
                      {"display_name", "Erika Redakteurin"},
                      {"password", password},
                      {"roles", json::array{"editor:dortmund"}}};
    auto r = request(port(), "POST", "/api/v1/cities/dortmund/staff", with_json(a.writer()),
                     json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? body_of(r).at("id").as_int64() : 0;
  }
  // The newest audit entries of a city, newest first.
  json::array audit(const StaffSession& a, std::string_view city = "dortmund") {
    auto r = get(port(), "/api/v1/cities/" + std::string(city) + "/audit?limit=50", a.cookie());
    EXPECT_EQ(r.status, 200) << r.body;
    return body_of(r).at("items").as_array();
  }

  static ServerProcess* server;
  static std::string admin_password;
};
ServerProcess* IdentityTest::server = nullptr;
std::string IdentityTest::admin_password;

TEST_F(IdentityTest, SignInSetsAHardenedCookieAndDescribesThePerson) {
  auto a = admin();
  ASSERT_FALSE(a.session_id.empty()) << a.login_response.body;
  auto cookie = a.login_response.header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // auth.cookie_secure=false here
  EXPECT_EQ(a.login_response.header("Cache-Control"), "no-store");
  EXPECT_GE(a.session_id.size(), 43u);  // 256 random bits

  auto s = body_of(get(port(), "/api/v1/session", a.cookie()));
  EXPECT_EQ(text_at(s.at("user").as_object(), "email"), "admin@dortmund.example");
  ASSERT_EQ(s.at("roles").as_array().size(), 1u);
  EXPECT_EQ(s.at("roles").as_array()[0].as_string(), "city-admin:dortmund");
  EXPECT_EQ(text_at(s, "csrf_token"), a.csrf_token);
  auto cities = s.at("cities").as_array();
  ASSERT_EQ(cities.size(), 1u);
  EXPECT_EQ(text_at(cities[0].as_object(), "slug"), "dortmund");
  EXPECT_TRUE(cities[0].as_object().at("admin").as_bool());
  EXPECT_EQ(text_at(cities[0].as_object().at("modules").as_array()[0].as_object(), "name"),
            "services");
}

TEST_F(IdentityTest, SecureCookieByDefault) {
  ServerProcess secure;
  auto pw = fresh_password();
  create_staff(secure.database_url(), "s@dortmund.example", pw, {"editor:dortmund"});
  auto s = sign_in(secure.port(), "s@dortmund.example", pw);
  EXPECT_NE(s.login_response.header("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(IdentityTest, WrongPasswordUnknownAccountAndDisabledAccountLookTheSame) {
  auto pw = fresh_password();
  create_staff(server->database_url(), "gesperrt@dortmund.example", pw, {"editor:dortmund"});
  ASSERT_EQ(cli({"user", "disable", "--email", "gesperrt@dortmund.example"}).exit_code, 0);
  auto timed = [&](const std::string& email, const std::string& password) {
    auto start = std::chrono::steady_clock::now();
    auto s = sign_in(port(), email, password);
    return std::pair{s.login_response, std::chrono::steady_clock::now() - start};
  };
  auto [wrong, t_wrong] = timed("admin@dortmund.example", "falsches-passwort-123");
  auto [unknown, t_unknown] = timed("niemand@dortmund.example", "falsches-passwort-123");
  auto [disabled, t_disabled] = timed("gesperrt@dortmund.example", pw);
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(text_at(body_of(*r), "detail"), text_at(body_of(wrong), "detail"));
    EXPECT_TRUE(r->header("Set-Cookie").empty());
  }
  // The unknown address also spends an argon2id verification (tens of milliseconds): a loose
  // bound that still fails when the verification is skipped (then it answers in ~1 ms).
  EXPECT_GT(t_unknown * 3, t_wrong);
}

TEST_F(IdentityTest, InvalidSignInBodiesAreRejectedClearly) {
  auto post = [&](std::string_view body, std::string type = "application/json") {
    return request(port(), "POST", "/api/v1/session", {{"Content-Type", type}}, body);
  };
  EXPECT_EQ(post("{not json").status, 400);
  EXPECT_EQ(post(R"({"email":"a@b.de"})").status, 422);
  auto extra = post(R"({"email":"a@b.de","password":"x","remember":true})");
  EXPECT_EQ(extra.status, 422);
  EXPECT_EQ(text_at(body_of(extra), "field"), "remember");
  EXPECT_EQ(post("email=a", "application/x-www-form-urlencoded").status, 415);
  EXPECT_EQ(get(port(), "/api/v1/session").status, 401);
}

TEST_F(IdentityTest, LogoutEndsTheSessionAndEverywhereEndsAllOfThem) {
  auto one = admin();
  auto two = admin();
  ASSERT_EQ(get(port(), "/api/v1/session", one.cookie()).status, 200);
  // Without the CSRF token even logout is refused.
  EXPECT_EQ(request(port(), "DELETE", "/api/v1/session", one.cookie()).status, 403);
  auto out = request(port(), "DELETE", "/api/v1/session", one.writer());
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto gone = get(port(), "/api/v1/session", one.cookie());
  EXPECT_EQ(gone.status, 401);
  EXPECT_NE(gone.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(get(port(), "/api/v1/session", two.cookie()).status, 200);

  auto three = admin();
  EXPECT_EQ(request(port(), "DELETE", "/api/v1/session?everywhere=true", three.writer()).status,
            204);
  EXPECT_EQ(get(port(), "/api/v1/session", two.cookie()).status, 401);
  EXPECT_EQ(get(port(), "/api/v1/session", three.cookie()).status, 401);
}

TEST_F(IdentityTest, DisablingOrResettingAnAccountEndsItsSessionsAtOnce) {
  auto pw = fresh_password();
  create_staff(server->database_url(), "wechsel@dortmund.example", pw, {"editor:dortmund"});
  auto s = sign_in(port(), "wechsel@dortmund.example", pw);
  ASSERT_EQ(get(port(), "/api/v1/session", s.cookie()).status, 200);
  auto new_pw = fresh_password();
  ASSERT_EQ(cli({"user", "reset-password", "--email", "wechsel@dortmund.example"}, new_pw + "\n")
                .exit_code,
            0);
  EXPECT_EQ(get(port(), "/api/v1/session", s.cookie()).status, 401);
  EXPECT_EQ(sign_in(port(), "wechsel@dortmund.example", pw).login_response.status, 401);
  auto again = sign_in(port(), "wechsel@dortmund.example", new_pw);
  ASSERT_EQ(again.login_response.status, 200);

  ASSERT_EQ(cli({"user", "disable", "--email", "wechsel@dortmund.example"}).exit_code, 0);
  EXPECT_EQ(get(port(), "/api/v1/session", again.cookie()).status, 401);
  ASSERT_EQ(cli({"user", "enable", "--email", "wechsel@dortmund.example"}).exit_code, 0);
  EXPECT_EQ(sign_in(port(), "wechsel@dortmund.example", new_pw).login_response.status, 200);
}

TEST_F(IdentityTest, CookieWritesNeedTheCsrfTokenTokenWritesDoNot) {
  auto a = admin();
  auto token_body = R"({"name":"CSRF-Probe","scopes":["services:read"]})";
  auto no_header =
      request(port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(a.cookie()), token_body);
  EXPECT_EQ(no_header.status, 403);
  EXPECT_NE(text_at(body_of(no_header), "detail").find("X-CSRF-Token"), std::string::npos);
  auto wrong = with_json(a.cookie());
  wrong.emplace_back("X-CSRF-Token", std::string(a.csrf_token.size(), 'x'));
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/dortmund/tokens", wrong, token_body).status,
            403);
  // Another session's token does not fit either.
  auto other = admin();
  auto crossed = with_json(a.cookie());
  crossed.emplace_back("X-CSRF-Token", other.csrf_token);
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/dortmund/tokens", crossed, token_body).status,
            403);
  auto ok =
      request(port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(a.writer()), token_body);
  EXPECT_EQ(ok.status, 201) << ok.body;

  auto cms = request(port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(a.writer()),
                     R"({"name":"CMS","scopes":["services:write"]})");
  ASSERT_EQ(cms.status, 201);
  auto put = request(port(), "PUT", "/api/v1/cities/dortmund/services",
                     with_json(bearer(text_at(body_of(cms), "token"))), kServices);
  EXPECT_EQ(put.status, 200) << put.body;
}

TEST_F(IdentityTest, TokensAreScopedToOneCityAndTheirModulesAndCanBeRevoked) {
  auto a = admin();
  auto make = [&](std::string_view scopes) {
    auto r = request(port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(a.writer()),
                     fmt::format(R"({{"name":"Integration","scopes":{}}})", scopes));
    EXPECT_EQ(r.status, 201) << r.body;
    return body_of(r);
  };
  auto reader = make(R"(["services:read"])");
  auto writer = make(R"(["services:write"])");
  auto reader_token = text_at(reader, "token");
  auto writer_token = text_at(writer, "token");
  EXPECT_TRUE(reader_token.starts_with("mosaik_"));
  EXPECT_EQ(text_at(reader, "prefix"), reader_token.substr(0, 12));

  auto put = [&](const std::string& token, std::string_view city) {
    return request(port(), "PUT", "/api/v1/cities/" + std::string(city) + "/services",
                   with_json(bearer(token)), kServices);
  };
  EXPECT_EQ(put(reader_token, "dortmund").status, 403);  // read scope only
  EXPECT_EQ(put(writer_token, "dortmund").status, 200);
  EXPECT_EQ(put(writer_token, "schwerte").status, 403);  // another city
  // Tokens are for module data, never for staff administration or the session.
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/staff", bearer(writer_token)).status, 403);
  EXPECT_EQ(get(port(), "/api/v1/session", bearer(writer_token)).status, 403);
  EXPECT_EQ(put("mosaik_not-a-real-token", "dortmund").status, 401);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/staff", {{"Authorization", "Basic eDp5"}}).status,
            401);

  // The list shows last use, never the token itself.
  auto list = get(port(), "/api/v1/cities/dortmund/tokens", a.cookie());
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(writer_token), std::string::npos);
  bool seen_used = false;
  auto listed = body_of(list);
  for (const auto& t : listed.at("items").as_array())
    if (t.as_object().at("id") == writer.at("id"))
      seen_used = !t.as_object().at("last_used_at").is_null();
  EXPECT_TRUE(seen_used);

  auto id = std::to_string(writer.at("id").as_int64());
  EXPECT_EQ(request(port(), "DELETE", "/api/v1/cities/dortmund/tokens/" + id, a.writer()).status,
            204);
  EXPECT_EQ(put(writer_token, "dortmund").status, 401);
  // Revoking again changes nothing; another city's admin path does not find it.
  EXPECT_EQ(request(port(), "DELETE", "/api/v1/cities/dortmund/tokens/" + id, a.writer()).status,
            204);
  EXPECT_EQ(request(port(), "DELETE", "/api/v1/cities/dortmund/tokens/999999", a.writer()).status,
            404);
}

TEST_F(IdentityTest, ACityAdminCreatesEditorsForTheirCityAndNothingElse) {
  auto a = admin();
  auto pw = fresh_password();
  auto id = create_editor(a, "erika@dortmund.example", pw);
  ASSERT_GT(id, 0);
  auto editor = sign_in(port(), "erika@dortmund.example", pw);
  ASSERT_EQ(editor.login_response.status, 200);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/staff", editor.cookie()).status, 403);

  auto create = [&](std::string_view city, std::string_view role, std::string_view email) {
    json::object body{{"email", email},
                      {"display_name", "Max Muster"},
                      {"password", fresh_password()},
                      {"roles", json::array{json::string(role)}}};
    return request(port(), "POST", "/api/v1/cities/" + std::string(city) + "/staff",
                   with_json(a.writer()), json::serialize(body));
  };
  for (auto role : {"platform-admin", "editor:schwerte", "city-admin:schwerte",
                    "case-worker:dortmund:no_such_module"}) {
    auto r = create("dortmund", role, "max@dortmund.example");
    EXPECT_EQ(r.status, 422) << role;
    EXPECT_EQ(text_at(body_of(r), "field"), "roles[0]") << role;
  }
  EXPECT_EQ(create("schwerte", "editor:schwerte", "max@schwerte.example").status, 403);
  EXPECT_EQ(create("dortmund", "editor:dortmund", "erika@dortmund.example").status, 409);
  auto weak =
      request(port(), "POST", "/api/v1/cities/dortmund/staff", with_json(a.writer()),
              R"({"email":"w@dortmund.example","display_name":"W","password":"Passwort2024!",
                          "roles":["editor:dortmund"]})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(text_at(body_of(weak), "field"), "password");
  EXPECT_EQ(weak.body.find("Passwort2024!"), std::string::npos);

  // The admin may disable their own editor, but not themselves.
  auto patch = [&](std::int64_t who, std::string_view body) {
    return request(port(), "PATCH", "/api/v1/cities/dortmund/staff/" + std::to_string(who),
                   with_json(a.writer()), body);
  };
  EXPECT_EQ(patch(id, R"({"disabled":true})").status, 200);
  EXPECT_EQ(get(port(), "/api/v1/session", editor.cookie()).status, 401);
  auto self = body_of(get(port(), "/api/v1/session", a.cookie())).at("user").as_object();
  EXPECT_EQ(patch(self.at("id").as_int64(), R"({"disabled":true})").status, 422);
  EXPECT_EQ(patch(self.at("id").as_int64(), R"({"roles":["editor:dortmund"]})").status, 422);
  EXPECT_EQ(patch(999999, R"({"display_name":"X"})").status, 404);

  // Someone who also works for Schwerte: Dortmund's admin changes their Dortmund roles only.
  auto shared_pw = fresh_password();
  create_staff(server->database_url(), "pendler@example.org", shared_pw,
               {"editor:dortmund", "editor:schwerte"});
  auto list = body_of(get(port(), "/api/v1/cities/dortmund/staff?limit=200", a.cookie()));
  std::int64_t shared = 0;
  for (const auto& m : list.at("items").as_array()) {
    if (m.as_object().at("email").as_string() == "pendler@example.org") {
      shared = m.as_object().at("id").as_int64();
      ASSERT_EQ(m.as_object().at("roles").as_array().size(), 1u);  // Dortmund's only
    }
  }
  ASSERT_GT(shared, 0);
  EXPECT_EQ(patch(shared, R"({"disabled":true})").status, 403);
  EXPECT_EQ(patch(shared, R"({"roles":["case-worker:dortmund:services"]})").status, 200);
  auto after = cli({"user", "list"});
  EXPECT_NE(after.output.find("case-worker:dortmund:services,editor:schwerte"), std::string::npos)
      << after.output;
}

TEST_F(IdentityTest, EveryWriteIsAuditedWithWhoWhatAndTheRequestId) {
  auto a = admin();
  auto pw = fresh_password();
  auto id = create_editor(a, "audit@dortmund.example", pw);
  auto entries = audit(a);
  ASSERT_FALSE(entries.empty());
  auto created = entries[0].as_object();
  EXPECT_EQ(text_at(created, "action"), "staff.create");
  EXPECT_EQ(text_at(created.at("object").as_object(), "id"), std::to_string(id));
  EXPECT_TRUE(created.at("before").is_null());
  EXPECT_EQ(text_at(created.at("after").as_object(), "email"), "audit@dortmund.example");
  EXPECT_EQ(text_at(created.at("actor").as_object(), "label"), "admin@dortmund.example");
  EXPECT_EQ(text_at(created.at("actor").as_object(), "kind"), "user");

  auto patched = request(
      port(), "PATCH", "/api/v1/cities/dortmund/staff/" + std::to_string(id), with_json(a.writer()),
      R"({"display_name":"Erika Mustermann","password":")" + fresh_password() + R"("})");
  ASSERT_EQ(patched.status, 200);
  auto update = audit(a)[0].as_object();
  EXPECT_EQ(text_at(update, "action"), "staff.update");
  EXPECT_EQ(text_at(update, "request_id"), patched.header("X-Request-Id"));
  EXPECT_EQ(text_at(update.at("before").as_object(), "display_name"), "Erika Redakteurin");
  EXPECT_EQ(text_at(update.at("after").as_object(), "display_name"), "Erika Mustermann");
  EXPECT_EQ(text_at(update.at("after").as_object(), "password"), "changed");

  auto token = request(port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(a.writer()),
                       R"({"name":"Redaktionssystem","scopes":["services:write"]})");
  ASSERT_EQ(token.status, 201);
  EXPECT_EQ(text_at(audit(a)[0].as_object(), "action"), "token.create");
  auto put = request(port(), "PUT", "/api/v1/cities/dortmund/services",
                     with_json(bearer(text_at(body_of(token), "token"))), kServices);
  ASSERT_EQ(put.status, 200) << put.body;
  auto replaced = audit(a)[0].as_object();
  EXPECT_EQ(text_at(replaced, "action"), "services.replace");
  EXPECT_EQ(text_at(replaced.at("actor").as_object(), "kind"), "token");
  EXPECT_EQ(text_at(replaced.at("actor").as_object(), "label"), "Redaktionssystem");
  EXPECT_EQ(replaced.at("after").as_object().at("count").as_int64(), 2);
  auto token_id = std::to_string(body_of(token).at("id").as_int64());
  ASSERT_EQ(
      request(port(), "DELETE", "/api/v1/cities/dortmund/tokens/" + token_id, a.writer()).status,
      204);
  auto revoked = audit(a)[0].as_object();
  EXPECT_EQ(text_at(revoked, "action"), "token.revoke");
  EXPECT_TRUE(revoked.at("before").as_object().at("revoked_at").is_null());
  EXPECT_FALSE(revoked.at("after").as_object().at("revoked_at").is_null());

  // CLI changes are audited too, and the log is per city.
  ASSERT_EQ(cli({"user", "disable", "--email", "audit@dortmund.example"}).exit_code, 0);
  auto by_cli = audit(a)[0].as_object();
  EXPECT_EQ(text_at(by_cli.at("actor").as_object(), "kind"), "cli");
  EXPECT_TRUE(by_cli.at("after").as_object().at("disabled").as_bool());
  for (const auto& e : audit(a))
    EXPECT_EQ(e.as_object().at("actor").as_object().at("label").as_string().find("schwerte"),
              std::string::npos);

  // Paging: newest first, no entry twice.
  auto page1 = body_of(get(port(), "/api/v1/cities/dortmund/audit?limit=2", a.cookie()));
  ASSERT_TRUE(page1.at("next_cursor").is_string());
  auto page2 = body_of(
      get(port(), "/api/v1/cities/dortmund/audit?limit=2&cursor=" + text_at(page1, "next_cursor"),
          a.cookie()));
  EXPECT_GT(page1.at("items").as_array()[1].as_object().at("id").as_int64(),
            page2.at("items").as_array()[0].as_object().at("id").as_int64());
}

TEST_F(IdentityTest, TheAuditLogCannotBeChanged) {
  // No route writes it...
  auto a = admin();
  EXPECT_EQ(request(port(), "DELETE", "/api/v1/cities/dortmund/audit", a.writer()).status, 405);
  // ...and the database refuses UPDATE and DELETE.
  auto store = storage::open_store(server->database_url());
  ASSERT_TRUE(store);
  auto update = (*store)->write(
      [](storage::Transaction& tx) { tx.execute("UPDATE audit_log SET actor_label = 'x'"); });
  EXPECT_FALSE(update);
  auto remove =
      (*store)->write([](storage::Transaction& tx) { tx.execute("DELETE FROM audit_log"); });
  EXPECT_FALSE(remove);
  EXPECT_FALSE(audit(a).empty());
}

TEST_F(IdentityTest, CityAdminsEditTheirCitysSettingsPlatformAdminsItsDomains) {
  auto a = admin();
  auto doc = body_of(get(port(), "/api/v1/cities/dortmund/settings", a.cookie()));
  EXPECT_EQ(text_at(doc, "slug"), "dortmund");
  EXPECT_EQ(get(port(), "/api/v1/cities/schwerte/settings", a.cookie()).status, 403);
  auto put = [&](const StaffSession& who, const json::object& d) {
    return request(port(), "PUT", "/api/v1/cities/dortmund/settings", with_json(who.writer()),
                   json::serialize(d));
  };

  auto renamed = doc;
  renamed["name"] = "Dortmund (Test)";
  auto r = put(a, renamed);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(text_at(body_of(get(port(), "/api/v1/cities/dortmund")), "name"), "Dortmund (Test)");
  auto entry = audit(a)[0].as_object();
  EXPECT_EQ(text_at(entry, "action"), "city.update");
  EXPECT_EQ(text_at(entry.at("before").as_object(), "name"), "Dortmund");
  EXPECT_EQ(text_at(entry.at("after").as_object(), "name"), "Dortmund (Test)");

  auto moved = renamed;
  moved["slug"] = "dortmund-neu";
  auto slug = put(a, moved);
  EXPECT_EQ(slug.status, 422);
  EXPECT_EQ(text_at(body_of(slug), "field"), "slug");
  auto broken = renamed;
  broken["branding"].as_object()["primary_color"] = "rot";
  EXPECT_EQ(text_at(body_of(put(a, broken)), "field"), "branding.primary_color");

  // Domains decide which host serves which city: platform admins only, and never twice.
  auto with_domain = renamed;
  with_domain["domains"] = json::array{"app.dortmund.example"};
  auto denied = put(a, with_domain);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(text_at(body_of(denied), "field"), "domains");
  auto pw = fresh_password();
  create_staff(server->database_url(), "plattform@example.org", pw, {"platform-admin"});
  auto p = sign_in(port(), "plattform@example.org", pw);
  ASSERT_EQ(put(p, with_domain).status, 200);
  EXPECT_EQ(
      text_at(body_of(get(port(), "/api/v1/city", {{"Host", "app.dortmund.example"}})), "slug"),
      "dortmund");
  auto schwerte = body_of(get(port(), "/api/v1/cities/schwerte/settings", p.cookie()));
  schwerte["domains"] = json::array{"app.dortmund.example"};
  auto taken = request(port(), "PUT", "/api/v1/cities/schwerte/settings", with_json(p.writer()),
                       json::serialize(schwerte));
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(text_at(body_of(taken), "field"), "domains[0]");
  // The city admin may still change everything else, the domains as they are.
  auto again = body_of(get(port(), "/api/v1/cities/dortmund/settings", a.cookie()));
  again["name"] = "Dortmund";
  EXPECT_EQ(put(a, again).status, 200);

  // The CLI's changes to a city are audited as well.
  ASSERT_EQ(cli({"module", "disable", "--city", "dortmund", "services"}).exit_code, 0);
  auto by_cli = audit(a)[0].as_object();
  EXPECT_EQ(text_at(by_cli, "action"), "city.update");
  EXPECT_EQ(text_at(by_cli.at("actor").as_object(), "kind"), "cli");
  EXPECT_FALSE(by_cli.at("after")
                   .as_object()
                   .at("modules")
                   .as_object()
                   .at("services")
                   .as_object()
                   .at("enabled")
                   .as_bool());
  ASSERT_EQ(cli({"module", "enable", "--city", "dortmund", "services"}).exit_code, 0);
}

TEST(IdentityLimits, SessionsEndWhenIdleAndAfterTheirAbsoluteLifetime) {
  ServerProcess idle(ServerProcess::Options{
      .args = {"--set", "auth.session_idle_ms=1000", "--set", "auth.cookie_secure=false"}});
  auto pw = fresh_password();
  create_staff(idle.database_url(), "idle@dortmund.example", pw, {"editor:dortmund"});
  auto s = sign_in(idle.port(), "idle@dortmund.example", pw);
  ASSERT_EQ(get(idle.port(), "/api/v1/session", s.cookie()).status, 200);
  std::this_thread::sleep_for(1300ms);
  EXPECT_EQ(get(idle.port(), "/api/v1/session", s.cookie()).status, 401);

  ServerProcess absolute(ServerProcess::Options{
      .args = {"--set", "auth.session_absolute_ms=2000", "--set", "auth.cookie_secure=false"}});
  create_staff(absolute.database_url(), "kurz@dortmund.example", pw, {"editor:dortmund"});
  auto k = sign_in(absolute.port(), "kurz@dortmund.example", pw);
  auto start = std::chrono::steady_clock::now();
  int last = 200;
  while (std::chrono::steady_clock::now() - start < 3s && last == 200) {
    last = get(absolute.port(), "/api/v1/session", k.cookie()).status;  // in use all the time
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(last, 401);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST(IdentityLimits, FailedSignInsAreThrottledPerAccount) {
  ServerProcess server(ServerProcess::Options{.args = {"--set", "auth.login_max_failures=3",
                                                       "--set", "auth.login_lockout_ms=2000",
                                                       "--set", "auth.cookie_secure=false"}});
  auto pw = fresh_password();
  create_staff(server.database_url(), "ziel@dortmund.example", pw, {"editor:dortmund"});
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(sign_in(server.port(), "ziel@dortmund.example", "falsch-falsch-falsch")
                  .login_response.status,
              401);
  auto locked = sign_in(server.port(), "ziel@dortmund.example", pw).login_response;
  EXPECT_EQ(locked.status, 429);  // even the right password, while locked
  auto retry = std::stoi(locked.header("Retry-After"));
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 2);
  EXPECT_EQ(text_at(body_of(locked), "type"), "urn:mosaik:problem:too-many-requests");
  std::this_thread::sleep_for(std::chrono::seconds(retry) + 100ms);
  EXPECT_EQ(sign_in(server.port(), "ziel@dortmund.example", pw).login_response.status, 200);
}

TEST(IdentityLimits, FailedSignInsAcrossAccountsAreThrottledPerAddress) {
  // A window far longer than the attempts take (each checks a password: slow under sanitizers;
  // a 2 s window let early failures expire in CI).
  ServerProcess server(ServerProcess::Options{
      .args = {"--set", "auth.login_lockout_ms=60000", "--set",
               "auth.login_max_failures_per_address=6", "--set", "auth.cookie_secure=false"}});
  // Guessing across many accounts from one address: six failures lock the address; the seventh
  // attempt is refused.
  int attempts = 0;
  int status = 0;
  while (attempts < 10 && status != 429)
    status = sign_in(server.port(), "konto" + std::to_string(++attempts) + "@dortmund.example",
                     "falsch-falsch-falsch")
                 .login_response.status;
  EXPECT_EQ(status, 429);
  EXPECT_EQ(attempts, 7);
}

TEST(IdentityLimits, ABurstOfSignInsIsTurnedAwayNotQueuedOnEveryDatabaseThread) {
  ServerProcess server(ServerProcess::Options{.args = {"--set", "auth.cookie_secure=false"}});
  auto pw = fresh_password();
  create_staff(server.database_url(), "ansturm@dortmund.example", pw, {"editor:dortmund"});
  std::vector<std::thread> burst;
  std::vector<HttpResponse> answers(16);
  for (std::size_t i = 0; i < answers.size(); ++i)
    burst.emplace_back([&, i] {
      answers[i] = sign_in(server.port(), "ansturm@dortmund.example", pw).login_response;
    });
  for (auto& t : burst) t.join();
  int ok = 0;
  for (const auto& a : answers) {
    if (a.status == 200) {
      ++ok;
    } else {
      // At most four are checked at once; the others are told to come back, not queued.
      EXPECT_EQ(a.status, 503) << a.body;
      EXPECT_EQ(a.header("Retry-After"), "1");
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_EQ(sign_in(server.port(), "ansturm@dortmund.example", pw).login_response.status, 200);
}

TEST(IdentityLimits, BehindATrustedProxyTheForwardedClientIsThrottled) {
  auto fail_from = [](std::uint16_t port, std::string_view email, std::string_view forwarded) {
    return request(
               port, "POST", "/api/v1/session",
               {{"Content-Type", "application/json"}, {"X-Forwarded-For", std::string(forwarded)}},
               fmt::format(R"({{"email":"{}","password":"falsch-falsch-falsch"}})", email))
        .status;
  };
  ServerProcess proxied(ServerProcess::Options{
      .args = {"--set", "http.trusted_proxies=127.0.0.1", "--set",
               "auth.login_max_failures_per_address=2", "--set", "auth.cookie_secure=false"}});
  // One client behind the proxy guesses at several accounts and is locked out...
  EXPECT_EQ(fail_from(proxied.port(), "a@dortmund.example", "203.0.113.5"), 401);
  EXPECT_EQ(fail_from(proxied.port(), "b@dortmund.example", "203.0.113.5"), 401);
  EXPECT_EQ(fail_from(proxied.port(), "c@dortmund.example", "203.0.113.5"), 429);
  // ...while other clients behind the same proxy are not.
  EXPECT_EQ(fail_from(proxied.port(), "d@dortmund.example", "203.0.113.6"), 401);
  ASSERT_EQ(proxied.stop(), 0);
  EXPECT_NE(proxied.access_log().find(R"("remote":"203.0.113.6")"), std::string::npos);

  // Without trusted proxies the header is ignored: changing it does not escape the lock.
  ServerProcess direct(
      ServerProcess::Options{.args = {"--set", "auth.login_max_failures_per_address=2", "--set",
                                      "auth.cookie_secure=false"}});
  EXPECT_EQ(fail_from(direct.port(), "a@dortmund.example", "203.0.113.5"), 401);
  EXPECT_EQ(fail_from(direct.port(), "b@dortmund.example", "203.0.113.6"), 401);
  EXPECT_EQ(fail_from(direct.port(), "c@dortmund.example", "203.0.113.7"), 429);
}

TEST(IdentitySecrets, PasswordsTokensAndSessionIdsNeverReachTheLogs) {
  ServerProcess server(ServerProcess::Options{
      .args = {"--set", "auth.cookie_secure=false", "--set", "log.level=debug"}});
  auto pw = fresh_password();
  create_staff(server.database_url(), "geheim@dortmund.example", pw, {"city-admin:dortmund"});
  std::vector<std::string> secrets = {pw, "falsches-Passwort-9876"};
  sign_in(server.port(), "geheim@dortmund.example", "falsches-Passwort-9876");
  auto s = sign_in(server.port(), "geheim@dortmund.example", pw);
  ASSERT_FALSE(s.session_id.empty());
  secrets.push_back(s.session_id);
  secrets.push_back(s.csrf_token);
  auto token =
      request(server.port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(s.writer()),
              R"({"name":"Log-Probe","scopes":["services:write"]})");
  ASSERT_EQ(token.status, 201);
  auto secret_token = text_at(body_of(token), "token");
  secrets.push_back(secret_token);
  request(server.port(), "PUT", "/api/v1/cities/dortmund/services", with_json(bearer(secret_token)),
          kServices);
  auto new_pw = fresh_password();
  secrets.push_back(new_pw);
  auto weak = request(server.port(), "POST", "/api/v1/cities/dortmund/staff", with_json(s.writer()),
                      R"({"email":"neu@dortmund.example","display_name":"Neu","password":"kurz",
                          "roles":["editor:dortmund"]})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.body.find("kurz\""), std::string::npos);
  auto staff = request(server.port(), "GET", "/api/v1/cities/dortmund/staff", s.cookie());
  auto audit = request(server.port(), "GET", "/api/v1/cities/dortmund/audit", s.cookie());
  for (const auto* r : {&staff, &audit}) {
    EXPECT_EQ(r->body.find("argon2"), std::string::npos);  // no password hash in any answer
    EXPECT_EQ(r->body.find(pw), std::string::npos);
    EXPECT_EQ(r->body.find(secret_token), std::string::npos);
  }
  ASSERT_EQ(server.stop(), 0);
  auto logs = server.access_log() + server.error_log();
  ASSERT_NE(server.access_log().find("/api/v1/session"), std::string::npos);  // it did log
  for (const auto& secret : secrets) EXPECT_EQ(logs.find(secret), std::string::npos) << secret;
}

}  // namespace
}  // namespace mosaik::testing
