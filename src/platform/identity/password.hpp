// Staff passwords: argon2id hashes (libsodium crypto_pwhash, "interactive" limits: 64 MiB,
// 2 passes) and the password rules. At most min(cores, 4) hashes run at once, process-wide;
// further callers wait (bounds memory to 256 MiB under a burst of sign-ins).
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace mosaik::identity {

inline constexpr std::size_t kMinPasswordLength = 12;  // in characters (UTF-8 code points)
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Checks the rules: at least kMinPasswordLength characters, at most kMaxPasswordBytes bytes,
// valid UTF-8, not the e-mail address or its local part, and not a common password (a shipped
// list of frequent passwords and the words they are built from, compared without case and
// without leading or trailing digits and punctuation, so "Passwort2024!" is refused too).
// Errors: validation_failed (field "password"); the message never repeats the password.
Result<void> check_password_rules(std::string_view password, std::string_view email);

// An argon2id hash in the PHC string format ("$argon2id$v=19$m=65536,t=2,p=1$...").
// Errors: internal when libsodium cannot allocate the memory.
Result<std::string> hash_password(std::string_view password);

// True when `password` matches `hash`. A malformed hash never matches.
bool verify_password(std::string_view password, const std::string& hash);

// Spends the time of verify_password without a stored hash: for unknown e-mail addresses, so
// that the response time does not tell whether an account exists.
void verify_password_against_nothing(std::string_view password);

// True when `hash` was made with other parameters than hash_password uses now (re-hash it at the
// next successful sign-in).
bool password_needs_rehash(const std::string& hash);

}  // namespace mosaik::identity
