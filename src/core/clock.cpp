#include "core/clock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace mosaik {

std::string rfc3339_utc(std::int64_t unix_ms) {
  auto ms = unix_ms % 1000;
  if (ms < 0) ms += 1000;
  std::time_t seconds = static_cast<std::time_t>((unix_ms - ms) / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", utc, ms);
}

}  // namespace mosaik
