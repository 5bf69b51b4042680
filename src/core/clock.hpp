// Wall-clock time as stored in the database: Unix milliseconds (see storage/store.hpp).
#pragma once

#include <chrono>
#include <cstdint>

namespace mosaik {

inline std::int64_t unix_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace mosaik
