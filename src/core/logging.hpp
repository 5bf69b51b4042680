// Process logging: application messages (spdlog, stderr) and the structured access log
// (one JSON object per line, buffered, flushed once a second and at shutdown).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace spdlog {
class logger;
}

namespace mosaik {

// Sets the level and format of the default (application) logger. Call once at start-up.
void setup_logging(const LogConfig& config);

// The access log sink. Thread safe. `write` takes one complete JSON line without newline.
class AccessLog {
 public:
  // target: "stdout", "off" or a file path (appended). Returns an error when the file cannot be
  // opened.
  static Result<std::shared_ptr<AccessLog>> open(const std::string& target);
  bool enabled() const noexcept { return logger_ != nullptr; }
  void write(std::string_view json_line);
  void flush();

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace mosaik
