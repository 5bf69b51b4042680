// A fast, stable, non-cryptographic hash for ETags and migration checksums (FNV-1a, 64 bit).
// Never use it where an attacker could profit from a collision.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mosaik {

constexpr std::uint64_t fnv1a_64(std::string_view data) noexcept {
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// The hash as 16 lower-case hex digits.
inline std::string fnv1a_64_hex(std::string_view data) {
  static constexpr char digits[] = "0123456789abcdef";
  auto h = fnv1a_64(data);
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = digits[h & 0xF];
  return out;
}

}  // namespace mosaik
