// Process logging: application messages (spdlog, stderr) and the structured access log
// (one JSON object per line, written by a thread of its own at least once a second and at
// shutdown, never by the thread that serves the request).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace mosaik {

// Sets the level and format of the default (application) logger. Call once at start-up.
void setup_logging(const LogConfig& config);

// The access log. Thread safe. `write` takes one complete JSON line without newline and only
// appends it to memory: a writer thread of the log's own puts the lines into the file (a full
// buffer of 64 KiB at once, or whatever is there after a second), so that a slow disk or a
// flush never stalls a network thread. Past kMaxPendingBytes not yet written (the disk does not
// keep up), further lines are dropped and counted, rather than memory growing without bound.
class AccessLog {
 public:
  static constexpr std::size_t kMaxPendingBytes = std::size_t{8} << 20;

  // target: "stdout", "off" or a file path (appended). Returns an error when the file cannot be
  // opened.
  static Result<std::shared_ptr<AccessLog>> open(const std::string& target);
  AccessLog();
  ~AccessLog();  // writes what is pending, then stops the writer
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool enabled() const noexcept;
  void write(std::string_view json_line);
  // Writes every line written so far to the file before it returns.
  void flush();
  // Lines dropped because the writer fell kMaxPendingBytes behind.
  std::uint64_t dropped() const noexcept;

 private:
  struct Writer;
  std::unique_ptr<Writer> writer_;  // null when off
};

}  // namespace mosaik
