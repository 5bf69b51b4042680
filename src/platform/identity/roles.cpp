#include "platform/identity/roles.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mosaik::identity {

namespace {

// City slugs and module names: lower-case ASCII letters, digits, '-' and '_'.
bool valid_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

std::vector<std::string_view> split_colon(std::string_view s) {
  std::vector<std::string_view> out;
  for (;;) {
    auto pos = s.find(':');
    out.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

}  // namespace

Result<Role> parse_role(std::string_view text) {
  auto bad = [&] {
    return validation_error(
        "role", fmt::format("'{}' is not a role; write platform-admin, city-admin:CITY, "
                            "editor:CITY or case-worker:CITY:MODULE",
                            text.substr(0, 100)));
  };
  auto parts = split_colon(text);
  if (parts.size() == 1 && parts[0] == "platform-admin") return Role{RoleKind::platform_admin};
  if (parts.size() == 2 && valid_name(parts[1])) {
    if (parts[0] == "city-admin") return Role{RoleKind::city_admin, std::string(parts[1])};
    if (parts[0] == "editor") return Role{RoleKind::editor, std::string(parts[1])};
  }
  if (parts.size() == 3 && parts[0] == "case-worker" && valid_name(parts[1]) &&
      valid_name(parts[2]))
    return Role{RoleKind::case_worker, std::string(parts[1]), std::string(parts[2])};
  return bad();
}

std::string to_string(const Role& role) {
  switch (role.kind) {
    case RoleKind::platform_admin:
      return "platform-admin";
    case RoleKind::city_admin:
      return "city-admin:" + role.city;
    case RoleKind::editor:
      return "editor:" + role.city;
    case RoleKind::case_worker:
      return "case-worker:" + role.city + ":" + role.module;
  }
  return {};
}

Result<Scope> parse_scope(std::string_view text) {
  auto parts = split_colon(text);
  if (parts.size() == 2 && valid_name(parts[0]) && (parts[1] == "read" || parts[1] == "write"))
    return Scope{std::string(parts[0]), parts[1] == "write"};
  return validation_error("scopes", fmt::format("'{}' is not a scope; write MODULE:read or "
                                                "MODULE:write",
                                                text.substr(0, 100)));
}

std::string to_string(const Scope& scope) {
  return scope.module + (scope.write ? ":write" : ":read");
}

bool Principal::is_platform_admin() const noexcept {
  return kind == Kind::user && std::any_of(roles.begin(), roles.end(), [](const Role& r) {
           return r.kind == RoleKind::platform_admin;
         });
}

bool Principal::is_city_admin(std::string_view c) const noexcept {
  return is_platform_admin() ||
         (kind == Kind::user && std::any_of(roles.begin(), roles.end(), [&](const Role& r) {
            return r.kind == RoleKind::city_admin && r.city == c;
          }));
}

namespace {

bool user_may_work_on(const Principal& p, std::string_view city, std::string_view module,
                      bool cases) {
  if (p.is_city_admin(city)) return true;
  return std::any_of(p.roles.begin(), p.roles.end(), [&](const Role& r) {
    if (r.city != city) return false;
    if (cases) return r.kind == RoleKind::case_worker && r.module == module;
    return r.kind == RoleKind::editor;
  });
}

bool token_may(const Principal& p, std::string_view city, std::string_view module, bool write) {
  if (p.city != city) return false;
  return std::any_of(p.scopes.begin(), p.scopes.end(),
                     [&](const Scope& s) { return s.module == module && (s.write || !write); });
}

}  // namespace

bool permits(const Principal& p, http::Access access, std::string_view city,
             std::string_view module, bool write) noexcept {
  bool user = p.kind == Principal::Kind::user;
  switch (access) {
    case http::Access::staff:
      return user;
    case http::Access::platform_admin:
      return p.is_platform_admin();
    case http::Access::city_admin:
      return user && p.is_city_admin(city);
    case http::Access::city_content:
    case http::Access::city_cases: {
      bool cases = access == http::Access::city_cases;
      return user ? user_may_work_on(p, city, module, cases) : token_may(p, city, module, write);
    }
    case http::Access::undeclared:
    case http::Access::public_:
      return false;
  }
  return false;
}

bool may_use_module(const Principal& p, std::string_view city, std::string_view module,
                    bool cases_module) noexcept {
  return p.kind == Principal::Kind::user && user_may_work_on(p, city, module, cases_module);
}

}  // namespace mosaik::identity
