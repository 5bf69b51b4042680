// The identity API: sign-in (/api/v1/session) and, for city admins, a city's staff, API
// tokens and audit log (/api/v1/cities/{city}/staff|tokens|audit). Who may call each route is
// declared with the route and checked by AuthMiddleware.
#pragma once

#include "core/config.hpp"
#include "http/router.hpp"
#include "platform/identity/accounts.hpp"
#include "platform/identity/sessions.hpp"
#include "platform/module.hpp"
#include "platform/tenants/city_directory.hpp"

namespace mosaik::identity {

struct IdentityContext {
  storage::Store& store;
  Sessions& sessions;
  StaffAccounts& accounts;
  const tenants::CityDirectory& cities;
  const modules::ModuleCatalog& catalog;
  const std::vector<std::string>& trusted_proxies;  // http.trusted_proxies
};

void add_identity_routes(http::Router& router, IdentityContext& context);

// GET /api/v1/session's body: the person, their roles, the CSRF token, when the session ends,
// and per city they work for whether they administer it and which modules they may use.
json::object session_json(const Principal& principal, const tenants::CitySnapshot& cities,
                          const modules::ModuleCatalog& catalog);

// Checks roles granted by a city admin of `city`: all for `city`, not platform-admin, case
// workers for a known module. Errors: validation_failed ("roles[i]").
Result<void> check_grantable_roles(const std::vector<Role>& roles, std::string_view city,
                                   const modules::ModuleCatalog& catalog);

}  // namespace mosaik::identity
