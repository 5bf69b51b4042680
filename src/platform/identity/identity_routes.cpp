#include "platform/identity/identity_routes.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "platform/identity/api_tokens.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/auth_middleware.hpp"
#include "platform/identity/password.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::identity {

namespace {

constexpr std::size_t kDefaultPage = 50;
constexpr std::size_t kMaxPage = 200;

struct Credentials {
  std::string email;
  std::string password;
};

Result<Credentials> parse_credentials(const json::object& body) {
  return read_strictly<Credentials>([&] {
    JsonReader r(body);
    Credentials c{r.text("email", 254), r.text("password", kMaxPasswordBytes)};
    r.finish();
    return c;
  });
}

Result<std::int64_t> id_param(const http::RequestContext& ctx, std::string_view name) {
  auto id = http::parse_positive_id(ctx.param(name));
  if (!id) return validation_error(std::string(name), "must be a positive whole number");
  return *id;
}

http::Response json_ok(int status, const json::object& body) {
  return http::json_response(status, json::serialize(body));
}

// GET of one of a city's lists: `?limit&cursor`, then list(city, page) -> Result<json::object>.
template <class List>
http::Handler city_list(List list) {
  return [list](http::RequestContext& ctx) -> http::Response {
    auto page = http::parse_page(ctx.request, kDefaultPage, kMaxPage);
    if (!page) return page.error();
    auto body = list(ctx.city->slug, *page);
    if (!body) return body.error();
    return json_ok(200, *body);
  };
}

}  // namespace

json::object session_json(const Principal& p, const tenants::CitySnapshot& snap,
                          const modules::ModuleCatalog& catalog) {
  json::array roles;
  for (const auto& r : p.roles) roles.push_back(json::string(to_string(r)));
  json::array cities;
  for (const auto& city : snap.cities) {
    bool works_here =
        p.is_platform_admin() || std::any_of(p.roles.begin(), p.roles.end(),
                                             [&](const Role& r) { return r.city == city->slug; });
    if (!works_here) continue;
    json::array modules;
    for (const auto& m : catalog.all()) {
      if (!city->module_enabled(m->name())) continue;
      if (!may_use_module(p, city->slug, m->name(), m->staff_work() == modules::StaffWork::cases))
        continue;
      modules.push_back(
          json::object{{"name", m->name()},
                       {"title", json::object{{"de", m->title_de()}, {"en", m->title_en()}}}});
    }
    cities.push_back(json::object{{"slug", city->slug},
                                  {"name", city->name},
                                  {"admin", p.is_city_admin(city->slug)},
                                  {"modules", std::move(modules)}});
  }
  return {
      {"user", json::object{{"id", p.id}, {"email", p.label}, {"display_name", p.display_name}}},
      {"roles", std::move(roles)},
      {"csrf_token", p.csrf_token},
      {"expires_at", rfc3339_utc(p.expires_at)},
      {"cities", std::move(cities)}};
}

Result<void> check_grantable_roles(const std::vector<Role>& roles, std::string_view city,
                                   const modules::ModuleCatalog& catalog) {
  for (std::size_t i = 0; i < roles.size(); ++i) {
    auto field = fmt::format("roles[{}]", i);
    const auto& role = roles[i];
    if (role.kind == RoleKind::platform_admin || role.city != city)
      return validation_error(field, fmt::format("Only roles for {} can be granted here", city));
    if (role.kind == RoleKind::case_worker && !catalog.find(role.module))
      return validation_error(field, fmt::format("There is no module '{}'", role.module));
  }
  return {};
}

void add_identity_routes(http::Router& router, IdentityContext& c) {
  using http::Access;
  using http::Method;
  auto opts = [](Access access) { return http::RouteOptions{.blocking = true, .access = access}; };

  // --- Sign-in -------------------------------------------------------------------------------
  router.add(
      Method::post, "/api/v1/session",
      [&c](http::RequestContext& ctx) -> http::Response {
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto creds = parse_credentials(*body);
        if (!creds) return creds.error();
        auto signed_in = c.sessions.login(creds->email, creds->password,
                                          http::client_address(ctx.request, c.trusted_proxies));
        if (!signed_in) {
          http::Response r(signed_in.error());
          if (signed_in.error().code() == Errc::unauthorized)
            r.set_header("WWW-Authenticate", std::string(kWwwAuthenticate));
          return r;
        }
        auto r = json_ok(200, session_json(*signed_in->principal, *c.cities.snapshot(), c.catalog));
        r.add_header("Set-Cookie", session_cookie(signed_in->session_id, c.sessions.config()));
        r.set_header("Cache-Control", "no-store");
        return r;
      },
      opts(Access::public_));
  router.add(
      Method::get, "/api/v1/session",
      [&c](http::RequestContext& ctx) -> http::Response {
        return json_ok(200, session_json(*ctx.principal, *c.cities.snapshot(), c.catalog));
      },
      opts(Access::staff));
  router.add(
      Method::delete_, "/api/v1/session",
      [&c](http::RequestContext& ctx) -> http::Response {
        auto everywhere = ctx.request.query_param("everywhere");
        if (everywhere && *everywhere != "true" && *everywhere != "false")
          return validation_error("everywhere", "must be true or false");
        auto ended =
            everywhere == "true"
                ? c.sessions.logout_everywhere(ctx.principal->id)
                : c.sessions.logout(cookie_value(ctx.request.header("Cookie"), kSessionCookie));
        if (!ended) return ended.error();
        auto r = http::no_content();
        r.add_header("Set-Cookie", expired_session_cookie(c.sessions.config()));
        return r;
      },
      opts(Access::staff));

  // --- Staff of a city -----------------------------------------------------------------------
  router.add(Method::get, "/api/v1/cities/{city}/staff",
             city_list([&c](std::string_view city, const http::PageRequest& page) {
               return c.accounts.list(city, page);
             }),
             opts(Access::city_admin));
  router.add(
      Method::post, "/api/v1/cities/{city}/staff",
      [&c](http::RequestContext& ctx) -> http::Response {
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto member = parse_new_staff_member(*body);
        if (!member) return member.error();
        if (member->roles.empty()) return validation_error("roles", "must name at least one role");
        if (auto ok = check_grantable_roles(member->roles, ctx.city->slug, c.catalog); !ok)
          return ok.error();
        auto created = c.accounts.create(*member, actor_of(ctx));
        if (!created) return created.error();
        auto r = json_ok(201, to_json(*created, ctx.city->slug));
        r.set_header("Location",
                     fmt::format("/api/v1/cities/{}/staff/{}", ctx.city->slug, created->id));
        return r;
      },
      opts(Access::city_admin));
  router.add(
      Method::patch, "/api/v1/cities/{city}/staff/{id}",
      [&c](http::RequestContext& ctx) -> http::Response {
        auto id = id_param(ctx, "id");
        if (!id) return id.error();
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto change = parse_staff_change(*body);
        if (!change) return change.error();
        const Principal& actor = *ctx.principal;
        const std::string& city = ctx.city->slug;
        if (change->roles) {
          if (auto ok = check_grantable_roles(*change->roles, city, c.catalog); !ok)
            return ok.error();
        }
        // Nobody locks themselves out: an admin keeps their own admin role and account.
        if (actor.kind == Principal::Kind::user && actor.id == *id && !actor.is_platform_admin()) {
          if (change->disabled.value_or(false))
            return validation_error("disabled", "You cannot disable your own account");
          if (change->roles &&
              std::none_of(change->roles->begin(), change->roles->end(),
                           [&](const Role& r) { return r.kind == RoleKind::city_admin; }))
            return validation_error("roles", "You cannot remove your own city-admin role");
        }
        // The account itself (name, password, disabled) is shared by every city it works for:
        // only a platform admin changes it when it has roles elsewhere.
        auto may_change_account = [&](const StaffMember& m) -> Result<void> {
          if (actor.is_platform_admin()) return {};
          for (const auto& r : m.roles)
            if (r.city != city)
              return Error(Errc::forbidden,
                           "This account also works for other cities; ask a platform "
                           "administrator to change it");
          return {};
        };
        auto updated = c.accounts.update(*id, *change, city, actor_of(ctx), may_change_account);
        if (!updated) return updated.error();
        return json_ok(200, to_json(*updated, city));
      },
      opts(Access::city_admin));

  // --- API tokens ----------------------------------------------------------------------------
  router.add(Method::get, "/api/v1/cities/{city}/tokens",
             city_list([&c](std::string_view city, const http::PageRequest& page) {
               return list_api_tokens(c.store, city, page);
             }),
             opts(Access::city_admin));
  router.add(
      Method::post, "/api/v1/cities/{city}/tokens",
      [&c](http::RequestContext& ctx) -> http::Response {
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto token = parse_new_api_token(*body);
        if (!token) return token.error();
        for (std::size_t i = 0; i < token->scopes.size(); ++i)
          if (!c.catalog.find(token->scopes[i].module))
            return validation_error(
                fmt::format("scopes[{}]", i),
                fmt::format("There is no module '{}'", token->scopes[i].module));
        auto created =
            create_api_token(c.store, ctx.city->slug, *token, ctx.principal->id, actor_of(ctx));
        if (!created) return created.error();
        auto out = to_json(created->first);
        out["token"] = created->second;  // shown once; only its digest is stored
        auto r = json_ok(201, out);
        r.set_header("Location",
                     fmt::format("/api/v1/cities/{}/tokens/{}", ctx.city->slug, created->first.id));
        return r;
      },
      opts(Access::city_admin));
  router.add(
      Method::delete_, "/api/v1/cities/{city}/tokens/{id}",
      [&c](http::RequestContext& ctx) -> http::Response {
        auto id = id_param(ctx, "id");
        if (!id) return id.error();
        if (auto r = revoke_api_token(c.store, ctx.city->slug, *id, actor_of(ctx)); !r)
          return r.error();
        return http::no_content();
      },
      opts(Access::city_admin));

  // --- Audit log (read-only: there is no route that changes it) -------------------------------
  router.add(Method::get, "/api/v1/cities/{city}/audit",
             city_list([&c](std::string_view city, const http::PageRequest& page) {
               return list_audit(c.store, city, page);
             }),
             opts(Access::city_admin));
}

}  // namespace mosaik::identity
