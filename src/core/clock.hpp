// Wall-clock time as stored in the database: Unix milliseconds (see storage/store.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace mosaik {

inline std::int64_t unix_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// RFC 3339 in UTC with millisecond precision, e.g. "2026-11-24T09:30:00.250Z": the API's one
// timestamp format.
std::string rfc3339_utc(std::int64_t unix_ms);

}  // namespace mosaik
