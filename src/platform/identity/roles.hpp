// Staff roles and API-token scopes, and the one authorisation decision made from them.
//
// Roles are written as text everywhere (CLI, API, database): "platform-admin",
// "city-admin:CITY", "editor:CITY", "case-worker:CITY:MODULE".
// Scopes of an API token are "MODULE:read" or "MODULE:write" (write includes read).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/router.hpp"

namespace mosaik::identity {

enum class RoleKind { platform_admin, city_admin, editor, case_worker };

struct Role {
  RoleKind kind = RoleKind::editor;
  std::string city;    // empty for platform_admin
  std::string module;  // case_worker only

  friend bool operator==(const Role&, const Role&) = default;
};

// Parses the text form. Checks the syntax of city and module names, not that they exist.
// Errors: validation_failed (field "role").
Result<Role> parse_role(std::string_view text);
std::string to_string(const Role& role);

struct Scope {
  std::string module;
  bool write = false;
  friend bool operator==(const Scope&, const Scope&) = default;
};
// Errors: validation_failed (field "scopes").
Result<Scope> parse_scope(std::string_view text);
std::string to_string(const Scope& scope);

// Who is asking: a signed-in person or an API token. Built by the authorisation middleware
// from the database for each request; immutable afterwards.
struct Principal {
  enum class Kind { user, token };
  Kind kind = Kind::user;
  std::int64_t id = 0;          // staff_users.id or api_tokens.id
  std::string label;            // e-mail address or token name: what the audit log shows
  std::string display_name;     // users
  std::vector<Role> roles;      // users
  std::string city;             // tokens: the one city the token belongs to
  std::vector<Scope> scopes;    // tokens
  std::string csrf_token;       // users: must come back in X-CSRF-Token on writes
  std::int64_t expires_at = 0;  // users: unix ms when the session ends unless used again

  bool is_platform_admin() const noexcept;
  bool is_city_admin(std::string_view city) const noexcept;
};

// Whether `principal` may call a route with `access` for `city` (the route's {city}, or empty)
// of `module` (the route's module, or empty); `write` for methods other than GET/HEAD.
// REQUIRES: access is neither undeclared nor public_.
bool permits(const Principal& principal, http::Access access, std::string_view city,
             std::string_view module, bool write) noexcept;

// Whether a person's staff screens for `module` in `city` belong in their console navigation:
// the same rule as permits() for the module's staff routes (city_cases when `cases_module`,
// city_content otherwise).
bool may_use_module(const Principal& principal, std::string_view city, std::string_view module,
                    bool cases_module) noexcept;

}  // namespace mosaik::identity
