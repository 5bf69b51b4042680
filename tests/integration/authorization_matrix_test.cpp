// The authorisation matrix: every route of the real route table (mosaikd --routes) x every kind
// of caller x own city / other city, with the status each must get. Generated from the route
// table, so a new route is covered the day it is added, and one without a declared access
// requirement fails here (and mosaikd refuses to start).
//
// The expected outcome is this file's own reading of the roles (see `expected`), written
// independently of identity/roles.cpp: 401 without valid credentials (none, an ended session,
// a disabled account), 403 with credentials that lack the permission, and anything but
// 401/403 (and never 5xx) when allowed. Writes send an empty JSON object, so allowed writes
// fail validation (422) or find nothing (404) and the matrix changes no data.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "storage/store.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"

namespace mosaik::testing {
namespace {

constexpr std::string_view kOwnCity = "dortmund";
constexpr std::string_view kOtherCity = "schwerte";

enum class Caller {
  anonymous,
  expired_session,
  disabled_account,
  platform_admin,
  city_admin,
  editor,
  case_worker,  // case-worker:dortmund:services
  token_read,   // API token of Dortmund, services:read
  token_write,  // API token of Dortmund, services:write
};
constexpr Caller kCallers[] = {
    Caller::anonymous,      Caller::expired_session, Caller::disabled_account,
    Caller::platform_admin, Caller::city_admin,      Caller::editor,
    Caller::case_worker,    Caller::token_read,      Caller::token_write};

std::string_view name(Caller c) {
  switch (c) {
    case Caller::anonymous:
      return "anonymous";
    case Caller::expired_session:
      return "expired session";
    case Caller::disabled_account:
      return "disabled account";
    case Caller::platform_admin:
      return "platform-admin";
    case Caller::city_admin:
      return "city-admin:dortmund";
    case Caller::editor:
      return "editor:dortmund";
    case Caller::case_worker:
      return "case-worker:dortmund:services";
    case Caller::token_read:
      return "token dortmund services:read";
    case Caller::token_write:
      return "token dortmund services:write";
  }
  return "?";
}

enum class Outcome { allowed, unauthenticated, forbidden };

struct RouteInfo {
  std::string method, pattern, module, access;
};

// What a caller may do, from the roles' definitions in issue 3 and docs/architecture.md.
Outcome expected(Caller c, const RouteInfo& r, std::string_view city) {
  if (r.access == "public") return Outcome::allowed;
  if (c == Caller::anonymous || c == Caller::expired_session || c == Caller::disabled_account)
    return Outcome::unauthenticated;
  bool own = city == kOwnCity;
  bool token = c == Caller::token_read || c == Caller::token_write;
  bool write = r.method != "GET" && r.method != "HEAD";
  auto verdict = [](bool ok) { return ok ? Outcome::allowed : Outcome::forbidden; };
  if (r.access == "staff") return verdict(!token);
  if (r.access == "platform_admin") return verdict(c == Caller::platform_admin);
  if (r.access == "city_admin")
    return verdict(c == Caller::platform_admin || (c == Caller::city_admin && own));
  bool token_ok = own && r.module == "services" &&
                  (c == Caller::token_write || (c == Caller::token_read && !write));
  if (r.access == "city_content")
    return verdict(c == Caller::platform_admin ||
                   (own && (c == Caller::city_admin || c == Caller::editor)) || token_ok);
  if (r.access == "city_cases")
    return verdict(c == Caller::platform_admin || (own && c == Caller::city_admin) ||
                   (own && c == Caller::case_worker && r.module == "services") || token_ok);
  ADD_FAILURE() << r.method << " " << r.pattern << ": unknown access level '" << r.access << "'";
  return Outcome::forbidden;
}

std::string concrete_path(const std::string& pattern, std::string_view city) {
  std::string out;
  std::size_t i = 0;
  while (i < pattern.size()) {
    auto open = pattern.find('{', i);
    if (open == std::string::npos) {
      out += pattern.substr(i);
      break;
    }
    auto close = pattern.find('}', open);
    out += pattern.substr(i, open - i);
    auto param = pattern.substr(open + 1, close - open - 1);
    out += param == "city" ? std::string(city) : "999999";
    i = close + 1;
  }
  return out;
}

TEST(AuthorizationMatrix, EveryRouteEveryCallerBothCities) {
  ServerProcess server(ServerProcess::Options{.args = {"--set", "auth.cookie_secure=false"}});
  const auto& db = server.database_url();

  // The route table of the real binary.
  auto table = run_command({MOSAIKD_BINARY, "--routes", "--database", db, "--web-root",
                            server.dir() + "/web", "--set", "log.access_log=off"});
  ASSERT_EQ(table.exit_code, 0) << table.output;
  auto json_start = table.output.find('[');
  ASSERT_NE(json_start, std::string::npos) << table.output;
  auto parsed = parse_json(table.output.substr(json_start));
  ASSERT_TRUE(parsed) << table.output;
  std::vector<RouteInfo> routes;
  for (const auto& v : parsed->as_array()) {
    const auto& o = v.as_object();
    routes.push_back(
        {std::string(o.at("method").as_string()), std::string(o.at("pattern").as_string()),
         std::string(o.at("module").as_string()), std::string(o.at("access").as_string())});
  }
  ASSERT_GE(routes.size(), 15u);
  for (const auto& r : routes)
    EXPECT_NE(r.access, "undeclared") << r.method << " " << r.pattern << " declares no access";
  // Ending a session goes last, so that it does not end the callers' sessions mid-matrix.
  std::stable_partition(routes.begin(), routes.end(), [](const RouteInfo& r) {
    return !(r.method == "DELETE" && r.pattern == "/api/v1/session");
  });

  // The callers.
  std::map<Caller, Headers> auth;
  auto person = [&](Caller c, const std::string& role) {
    auto email = fmt::format("{}@matrix.example", static_cast<int>(c));
    auto pw = fresh_password();
    create_staff(db, email, pw, {role});
    auto s = sign_in(server.port(), email, pw);
    EXPECT_FALSE(s.session_id.empty()) << name(c) << ": " << s.login_response.body;
    auth[c] = s.writer();
    return email;
  };
  auth[Caller::anonymous] = {};
  person(Caller::platform_admin, "platform-admin");
  person(Caller::city_admin, "city-admin:dortmund");
  person(Caller::editor, "editor:dortmund");
  person(Caller::case_worker, "case-worker:dortmund:services");
  auto disabled = person(Caller::disabled_account, "city-admin:dortmund");
  ASSERT_EQ(
      run_command({MOSAIK_CLI_BINARY, "user", "disable", "--email", disabled, "--database", db})
          .exit_code,
      0);
  auto expired = person(Caller::expired_session, "city-admin:dortmund");
  {
    auto store = storage::open_store(db);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->write([&](storage::Transaction& tx) {
      tx.execute(
          "UPDATE staff_sessions SET created_at = 0, last_seen_at = 0 WHERE user_id = "
          "(SELECT id FROM staff_users WHERE email = $1)",
          {expired});
    }));
  }
  for (auto [caller, scope] :
       {std::pair{Caller::token_read, "services:read"}, {Caller::token_write, "services:write"}}) {
    auto r = request(server.port(), "POST", "/api/v1/cities/dortmund/tokens",
                     with_json(auth[Caller::city_admin]),
                     fmt::format(R"({{"name":"matrix","scopes":["{}"]}})", scope));
    ASSERT_EQ(r.status, 201) << r.body;
    auth[caller] = bearer(std::string(r.json().as_object().at("token").as_string()));
  }

  // The matrix.
  std::map<std::string, int> per_access;
  int checked = 0;
  std::string report;
  for (const auto& route : routes) {
    bool per_city = route.pattern.find("{city}") != std::string::npos;
    std::vector<std::string_view> cities = per_city
                                               ? std::vector<std::string_view>{kOwnCity, kOtherCity}
                                               : std::vector<std::string_view>{""};
    for (auto city : cities) {
      auto path = concrete_path(route.pattern, city);
      for (Caller caller : kCallers) {
        bool has_body = route.method != "GET" && route.method != "DELETE";
        auto headers = has_body ? with_json(auth[caller]) : auth[caller];
        auto r = request(server.port(), route.method, path, headers, has_body ? "{}" : "");
        auto want = expected(caller, route, city);
        auto where = fmt::format("{} {} as {}: got {} {}", route.method, path, name(caller),
                                 r.status, r.body.substr(0, 160));
        ++checked;
        ++per_access[route.access];
        EXPECT_LT(r.status, 500) << where;
        switch (want) {
          case Outcome::unauthenticated:
            EXPECT_EQ(r.status, 401) << where;
            break;
          case Outcome::forbidden:
            EXPECT_EQ(r.status, 403) << where;
            break;
          case Outcome::allowed:
            EXPECT_TRUE(r.status != 401 && r.status != 403) << where;
            break;
        }
        report +=
            fmt::format("{:>3} {:<7} {:<45} {}\n", r.status, route.method, path, name(caller));
      }
    }
  }
  std::string summary;
  for (const auto& [access, n] : per_access) summary += fmt::format(" {}={}", access, n);
  std::cout << "authorisation matrix: " << routes.size() << " routes, " << checked << " requests;"
            << summary << "\n";
  if (HasFailure()) std::cout << report;
}

}  // namespace
}  // namespace mosaik::testing
