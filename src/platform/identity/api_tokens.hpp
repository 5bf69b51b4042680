// API tokens for integrations (a city's CMS, a department's ticket system): scoped to one city
// and a set of module scopes, shown once when created, stored as a SHA-256 digest, revocable.
// Sent as "Authorization: Bearer mosaik_...".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/pagination.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/roles.hpp"
#include "storage/store.hpp"

namespace mosaik::identity {

inline constexpr std::string_view kTokenPrefix = "mosaik_";

struct ApiToken {
  std::int64_t id = 0;
  std::string city;
  std::string name;
  std::string prefix;  // the first characters of the token, to recognise it in lists
  std::vector<Scope> scopes;
  std::optional<std::int64_t> created_by;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  std::optional<std::int64_t> revoked_at;
};

json::object to_json(const ApiToken& token);

struct NewApiToken {
  std::string name;
  std::vector<Scope> scopes;
};
// Errors: validation_failed ("name", "scopes[i]").
Result<NewApiToken> parse_new_api_token(const json::object& body);

// Creates a token for `city`; returns it with the secret, which is not stored and cannot be
// shown again. Audited.
Result<std::pair<ApiToken, std::string>> create_api_token(storage::Store& store,
                                                          std::string_view city,
                                                          const NewApiToken& token,
                                                          std::optional<std::int64_t> created_by,
                                                          const Actor& actor);
Result<json::object> list_api_tokens(storage::Store& store, std::string_view city,
                                     const http::PageRequest& page);
// Errors: not_found when `city` has no such token (revoked ones are found: revoking is
// idempotent). Audited when it changes something.
Result<void> revoke_api_token(storage::Store& store, std::string_view city, std::int64_t id,
                              const Actor& actor);
// The active (not revoked) token for a presented secret, or nullopt.
Result<std::optional<ApiToken>> find_active_token(storage::Store& store, std::string_view secret);

}  // namespace mosaik::identity
