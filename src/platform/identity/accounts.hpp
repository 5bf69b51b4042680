// Staff accounts and their roles: creation, listing per city, changes by a city admin or the
// CLI. Every change is audited in the same transaction. There is no public sign-up.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/pagination.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/roles.hpp"
#include "storage/store.hpp"

namespace mosaik::identity {

struct StaffMember {
  std::int64_t id = 0;
  std::string email;
  std::string display_name;
  bool disabled = false;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_login_at;
  std::vector<Role> roles;  // all of them
};

// The JSON form; `city` non-empty limits "roles" to that city's. Never contains the password.
json::object to_json(const StaffMember& member, std::string_view city = {});

struct NewStaffMember {
  std::string email;
  std::string display_name;
  std::string password;
  std::vector<Role> roles;
};

// A change; unset fields stay as they are. `roles` replaces the member's roles in the city the
// change is made for (StaffAccounts::update), or all roles when that city is empty.
struct StaffChange {
  std::optional<std::string> display_name;
  std::optional<bool> disabled;
  std::optional<std::string> password;
  std::optional<std::vector<Role>> roles;
};

// Strict parsing of request bodies (field names in errors). Errors: validation_failed.
Result<NewStaffMember> parse_new_staff_member(const json::object& body);
Result<StaffChange> parse_staff_change(const json::object& body);
// Normalises and checks an e-mail address (lower case). Errors: validation_failed ("email").
Result<std::string> normalise_email(std::string_view email);

class StaffAccounts {
 public:
  explicit StaffAccounts(storage::Store& store) : store_(store) {}

  // Creates an account. Errors: validation_failed (password rules, roles), conflict when the
  // e-mail address is taken. Audited once per city among the roles ("" for platform roles).
  Result<StaffMember> create(const NewStaffMember& member, const Actor& actor);

  // The accounts with a role in `city`, ordered by e-mail address.
  Result<json::object> list(std::string_view city, const http::PageRequest& page);

  Result<std::optional<StaffMember>> find(std::int64_t id);
  Result<std::optional<StaffMember>> find_by_email(std::string_view email);

  // Applies `change` on behalf of `actor` for `city` (empty: platform-wide, the CLI or a
  // platform admin). A password change or disabling ends all sessions of the account.
  // `may_change_account` says whether the actor may change the account itself (name, password,
  // disabled) rather than only its roles in `city`. Errors: not_found, validation_failed,
  // forbidden.
  Result<StaffMember> update(
      std::int64_t id, const StaffChange& change, std::string_view city, const Actor& actor,
      const std::function<Result<void>(const StaffMember&)>& may_change_account);

 private:
  storage::Store& store_;
};

// Loads an account inside a transaction (for the session lookup).
std::optional<StaffMember> load_member(storage::Transaction& tx, std::int64_t id);

}  // namespace mosaik::identity
