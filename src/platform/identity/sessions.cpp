#include "platform/identity/sessions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.hpp"
#include "platform/identity/accounts.hpp"
#include "platform/identity/api_tokens.hpp"
#include "platform/identity/password.hpp"
#include "platform/identity/secrets.hpp"

namespace mosaik::identity {

namespace {

constexpr std::string_view kWrongCredentials = "The e-mail address or the password is wrong";
constexpr std::int64_t kTouchGranularityMs = 60'000;

Error unauthenticated(std::string detail) {
  return Error(Errc::unauthorized, std::move(detail));
}

std::shared_ptr<const Principal> user_principal(const StaffMember& m, std::string csrf,
                                                std::int64_t expires_at) {
  auto p = std::make_shared<Principal>();
  p->kind = Principal::Kind::user;
  p->id = m.id;
  p->label = m.email;
  p->display_name = m.display_name;
  p->roles = m.roles;
  p->csrf_token = std::move(csrf);
  p->expires_at = expires_at;
  return p;
}

long long seconds_until(std::int64_t when_ms, std::int64_t now_ms) {
  return std::max<long long>(1, (when_ms - now_ms + 999) / 1000);
}

}  // namespace

Result<void> Sessions::check_throttle(const std::string& account_key,
                                      const std::string& address_key) {
  auto now = unix_millis();
  auto locked = store_.read([&](storage::Transaction& tx) -> std::int64_t {
    auto row =
        tx.query_one("SELECT MAX(locked_until) FROM login_failures WHERE key_digest IN ($1, $2)",
                     {account_key, address_key});
    return row && !row->is_null(0) ? row->integer(0) : 0;
  });
  if (!locked) return std::move(locked).error();
  if (*locked > now)
    return Error(Errc::too_many_requests, "Too many failed sign-ins; wait before trying again")
        .with_retry_after(seconds_until(*locked, now));
  return {};
}

Result<void> Sessions::count_failure(const std::string& account_key,
                                     const std::string& address_key) {
  auto now = unix_millis();
  auto window = config_.login_lockout.count();
  return store_.write([&](storage::Transaction& tx) {
    auto bump = [&](const std::string& key, unsigned limit) {
      auto row = tx.query_one(
          "SELECT failures, window_start FROM login_failures WHERE key_digest = $1", {key});
      std::int64_t failures = 1;
      std::int64_t start = now;
      if (row && now - row->integer(1) < window) {
        failures = row->integer(0) + 1;
        start = row->integer(1);
      }
      std::int64_t locked_until = failures >= limit ? now + window : 0;
      if (row)
        tx.execute(
            "UPDATE login_failures SET failures = $2, window_start = $3, locked_until = $4 "
            "WHERE key_digest = $1",
            {key, failures, start, locked_until});
      else
        tx.execute(
            "INSERT INTO login_failures (key_digest, failures, window_start, locked_until) "
            "VALUES ($1, $2, $3, $4)",
            {key, failures, start, locked_until});
    };
    bump(account_key, config_.login_max_failures);
    bump(address_key, config_.login_max_failures_per_address);
  });
}

Result<SignedIn> Sessions::login(std::string_view email, std::string_view password,
                                 std::string_view remote_address) {
  auto normal = normalise_email(email);
  if (!normal) return std::move(normal).error();
  auto account_key = secret_digest("account:" + *normal);
  auto address_key = secret_digest("address:" + std::string(remote_address));
  if (auto throttled = check_throttle(account_key, address_key); !throttled)
    return std::move(throttled).error();
  struct Admitted {
    std::atomic<int>& n;
    ~Admitted() { --n; }
  } admitted{sign_ins_};
  if (sign_ins_.fetch_add(1) >= kMaxSignInsAtOnce)
    return Error(Errc::unavailable, "Too many sign-ins at this moment; try again in a second")
        .with_retry_after(1);

  struct Stored {
    std::int64_t id;
    std::string hash;
    bool disabled;
  };
  auto stored = store_.read([&](storage::Transaction& tx) -> std::optional<Stored> {
    auto row = tx.query_one("SELECT id, password_hash, disabled FROM staff_users WHERE email = $1",
                            {*normal});
    if (!row) return std::nullopt;
    return Stored{row->integer(0), row->text(1), row->integer(2) != 0};
  });
  if (!stored) return std::move(stored).error();
  bool good = false;
  if (*stored) {
    good = verify_password(password, (*stored)->hash) && !(*stored)->disabled;
  } else {
    verify_password_against_nothing(password);
  }
  if (!good) {
    if (auto counted = count_failure(account_key, address_key); !counted)
      return std::move(counted).error();
    return unauthenticated(std::string(kWrongCredentials));
  }

  std::optional<std::string> rehash;
  if (password_needs_rehash((*stored)->hash)) {
    if (auto h = hash_password(password)) rehash = std::move(*h);
  }
  SignedIn out;
  out.session_id = random_secret();
  auto csrf = random_secret();
  auto now = unix_millis();
  auto member = store_.write([&](storage::Transaction& tx) {
    auto id = (*stored)->id;
    tx.execute("DELETE FROM login_failures WHERE key_digest = $1", {account_key});
    tx.execute(
        "INSERT INTO staff_sessions (id_digest, user_id, csrf_token, created_at, last_seen_at, "
        "remote_address) VALUES ($1, $2, $3, $4, $4, $5)",
        {secret_digest(out.session_id), id, csrf, now, std::string(remote_address)});
    tx.execute("UPDATE staff_users SET last_login_at = $2 WHERE id = $1", {id, now});
    if (rehash)
      tx.execute("UPDATE staff_users SET password_hash = $2 WHERE id = $1", {id, *rehash});
    return *load_member(tx, id);
  });
  if (!member) return std::move(member).error();
  auto expires =
      std::min(now + config_.session_idle.count(), now + config_.session_absolute.count());
  out.principal = user_principal(*member, std::move(csrf), expires);
  return out;
}

Result<std::shared_ptr<const Principal>> Sessions::resolve_session(std::string_view session_id) {
  auto digest = secret_digest(session_id);
  auto now = unix_millis();
  auto idle = config_.session_idle.count();
  auto absolute = config_.session_absolute.count();
  struct Found {
    StaffMember member;
    std::string csrf;
    std::int64_t created_at, last_seen_at;
    bool disabled;
  };
  auto found = store_.read([&](storage::Transaction& tx) -> std::optional<Found> {
    auto row = tx.query_one(
        "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.disabled "
        "FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id WHERE s.id_digest = $1",
        {digest});
    if (!row) return std::nullopt;
    auto member = load_member(tx, row->integer(0));
    if (!member) return std::nullopt;
    return Found{std::move(*member), row->text(1), row->integer(2), row->integer(3),
                 row->integer(4) != 0};
  });
  if (!found) return std::move(found).error();
  if (!*found) return unauthenticated("Not signed in, or the session has ended");
  auto& f = **found;
  if (f.disabled || now >= f.created_at + absolute || now >= f.last_seen_at + idle) {
    auto ended = store_.write([&](storage::Transaction& tx) {
      tx.execute("DELETE FROM staff_sessions WHERE id_digest = $1", {digest});
    });
    if (!ended) return std::move(ended).error();
    return unauthenticated("The session has ended; sign in again");
  }
  auto last_seen = f.last_seen_at;
  if (now - last_seen >= std::min(kTouchGranularityMs, idle / 10)) {
    auto touched = store_.write([&](storage::Transaction& tx) {
      tx.execute("UPDATE staff_sessions SET last_seen_at = $2 WHERE id_digest = $1", {digest, now});
    });
    if (!touched) return std::move(touched).error();
    last_seen = now;
  }
  return user_principal(f.member, std::move(f.csrf),
                        std::min(last_seen + idle, f.created_at + absolute));
}

Result<std::shared_ptr<const Principal>> Sessions::resolve_token(std::string_view token) {
  auto found = find_active_token(store_, token);
  if (!found) return std::move(found).error();
  if (!*found) return unauthenticated("The API token is unknown or revoked");
  auto& t = **found;
  auto now = unix_millis();
  if (!t.last_used_at || now - *t.last_used_at >= kTouchGranularityMs) {
    auto touched = store_.write([&](storage::Transaction& tx) {
      tx.execute("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1", {t.id, now});
    });
    if (!touched) return std::move(touched).error();
  }
  auto p = std::make_shared<Principal>();
  p->kind = Principal::Kind::token;
  p->id = t.id;
  p->label = t.name;
  p->city = t.city;
  p->scopes = t.scopes;
  return std::shared_ptr<const Principal>(std::move(p));
}

Result<void> Sessions::logout(std::string_view session_id) {
  return store_.write([&](storage::Transaction& tx) {
    tx.execute("DELETE FROM staff_sessions WHERE id_digest = $1", {secret_digest(session_id)});
  });
}

Result<void> Sessions::logout_everywhere(std::int64_t user_id) {
  return store_.write([&](storage::Transaction& tx) {
    tx.execute("DELETE FROM staff_sessions WHERE user_id = $1", {user_id});
  });
}

Result<void> Sessions::purge_expired() {
  auto now = unix_millis();
  return store_.write([&](storage::Transaction& tx) {
    tx.execute("DELETE FROM staff_sessions WHERE last_seen_at < $1 OR created_at < $2",
               {now - config_.session_idle.count(), now - config_.session_absolute.count()});
    tx.execute("DELETE FROM login_failures WHERE window_start < $1 AND locked_until < $2",
               {now - config_.login_lockout.count(), now});
  });
}

}  // namespace mosaik::identity
