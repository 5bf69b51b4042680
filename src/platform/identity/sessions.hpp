// Staff sign-in: server-side sessions behind an opaque cookie, login throttling, and the
// lookup of a session or API token for each request.
//
// Sessions are rows (only a SHA-256 of the cookie value is stored), so logout, a password
// change and disabling an account end them on every node at once. A session ends after
// `auth.session_idle_ms` without use and `auth.session_absolute_ms` after login.
//
// Throttling: failed logins are counted per account (also for addresses that have no account,
// so that the answer does not tell which exist) and per client address, in the database so
// that all nodes share the count. After `auth.login_max_failures` (per account) or
// `auth.login_max_failures_per_address` failures within `auth.login_lockout_ms`, logins for
// that account or address answer too_many_requests with a retry time until the lockout ends.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/config.hpp"
#include "platform/identity/roles.hpp"
#include "storage/store.hpp"

namespace mosaik::identity {

struct SignedIn {
  std::string session_id;  // the cookie value; never stored, never logged
  std::shared_ptr<const Principal> principal;
};

inline constexpr int kMaxSignInsAtOnce = 4;

class Sessions {
 public:
  Sessions(storage::Store& store, const AuthConfig& config) : store_(store), config_(config) {}

  // Errors: unauthorized with one message for an unknown address, a wrong password and a
  // disabled account (and the same time spent on each); too_many_requests with retry_after;
  // unavailable (retry after 1 s) when kMaxSignInsAtOnce sign-ins are being checked already, so
  // that a burst of sign-ins cannot hold every database thread of the node.
  Result<SignedIn> login(std::string_view email, std::string_view password,
                         std::string_view remote_address);

  // The person behind a session cookie. Extends the idle expiry. Errors: unauthorized when the
  // session is unknown, expired or its account disabled.
  Result<std::shared_ptr<const Principal>> resolve_session(std::string_view session_id);

  // The token behind an "Authorization: Bearer" value. Errors: unauthorized when unknown or
  // revoked.
  Result<std::shared_ptr<const Principal>> resolve_token(std::string_view token);

  // Ends one session, or all sessions of a person.
  Result<void> logout(std::string_view session_id);
  Result<void> logout_everywhere(std::int64_t user_id);

  // Deletes expired sessions and stale throttling counters (a periodic job).
  Result<void> purge_expired();

  const AuthConfig& config() const noexcept { return config_; }

 private:
  Result<void> check_throttle(const std::string& account_key, const std::string& address_key);
  Result<void> count_failure(const std::string& account_key, const std::string& address_key);

  storage::Store& store_;
  const AuthConfig& config_;
  std::atomic<int> sign_ins_ = 0;
};

}  // namespace mosaik::identity
