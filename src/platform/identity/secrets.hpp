// Random secrets and their storage form, on libsodium.
#pragma once

#include <string>
#include <string_view>

namespace mosaik::identity {

// `bytes` random bytes from the operating system's CSPRNG, base64url without padding.
std::string random_secret(std::size_t bytes = 32);

// SHA-256 of `secret` as lower-case hex: how session ids and API tokens are stored, so that a
// copy of the database does not let anyone sign in. (They are 256-bit random values, so a fast
// hash suffices; passwords use argon2id, see password.hpp.)
std::string secret_digest(std::string_view secret);

// Comparison in time independent of where the strings differ (equal lengths assumed public).
bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace mosaik::identity
