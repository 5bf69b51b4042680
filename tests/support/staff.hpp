// Staff accounts and sign-in for the integration tests: accounts are made with the real
// `mosaik user create` (password on standard input), sessions with POST /api/v1/session.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/http_client.hpp"

namespace mosaik::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A password that passes the rules; different for every call.
std::string fresh_password();

// Runs `mosaik user create`; throws with the CLI's output when it fails.
void create_staff(const std::string& database_url, const std::string& email,
                  const std::string& password, const std::vector<std::string>& roles);

struct StaffSession {
  std::string session_id;  // the cookie value
  std::string csrf_token;
  HttpResponse login_response;

  // Cookie header only (reads), or cookie + X-CSRF-Token (writes).
  Headers cookie() const { return {{"Cookie", "mosaik_session=" + session_id}}; }
  Headers writer() const {
    return {{"Cookie", "mosaik_session=" + session_id}, {"X-CSRF-Token", csrf_token}};
  }
};

// POSTs the credentials; `session_id` is empty when the login failed (see login_response).
StaffSession sign_in(std::uint16_t port, const std::string& email, const std::string& password);

// Headers for an API token, and for a JSON body.
inline Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}
Headers with_json(Headers headers);

}  // namespace mosaik::testing
