// The audit log: who changed what, when, in which city, with the state before and after and
// the request id. Written in the same transaction as the change it describes, so the two
// cannot disagree; append-only (no route changes it, and a database trigger refuses UPDATE and
// DELETE).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "http/pagination.hpp"
#include "http/router.hpp"
#include "storage/store.hpp"

namespace mosaik::identity {

// Who made a change. From a request (a person or an API token) or from the mosaik CLI.
struct Actor {
  std::string kind;        // "user", "token" or "cli"
  std::string id;          // staff_users.id, api_tokens.id, or the operating-system user for "cli"
  std::string label;       // e-mail address, token name, or "mosaik CLI"
  std::string request_id;  // empty for the CLI (listed as null)
};

// REQUIRES: ctx.principal is set (a route with an access level other than public_).
Actor actor_of(const http::RequestContext& ctx);
// The person running the mosaik CLI (from $USER / the effective uid).
Actor cli_actor();

struct AuditEntry {
  std::string city;         // the city the object belongs to; empty for none
  std::string action;       // e.g. "staff.create", "token.revoke", "services.replace"
  std::string object_type;  // e.g. "staff", "token", "city"
  std::string object_id;
  json::value before;  // null when the object did not exist
  json::value after;   // null when the object is gone
};

// Appends one entry. Throws like any statement of `tx` (see storage/store.hpp).
void record_audit(storage::Transaction& tx, const Actor& actor, const AuditEntry& entry);

// A city's entries, newest first, as {"items": [...], "next_cursor"}.
Result<json::object> list_audit(storage::Store& store, std::string_view city,
                                const http::PageRequest& page);

}  // namespace mosaik::identity
