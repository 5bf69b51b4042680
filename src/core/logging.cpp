#include "core/logging.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <vector>

namespace mosaik {

namespace {

// Access log lines arrive complete: append them and a newline. (The "%v" pattern did the same
// through spdlog's general pattern machinery.)
class LineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    dest.append(msg.payload.begin(), msg.payload.end());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<LineFormatter>();
  }
};

// Appends to a FILE* through a 64 KiB stdio buffer: one write(2) per ~260 lines instead of one
// per line; flushed every second (spdlog::flush_every) and at shutdown, not per line.
class BufferedFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit BufferedFileSink(std::FILE* file) : file_(file), buffer_(kBufferBytes) {
    std::setvbuf(file_, buffer_.data(), _IOFBF, buffer_.size());
  }
  ~BufferedFileSink() override { std::fclose(file_); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    std::fwrite(line.data(), 1, line.size(), file_);
  }
  void flush_() override { std::fflush(file_); }

 private:
  static constexpr std::size_t kBufferBytes = std::size_t{64} << 10;
  std::FILE* file_;
  std::vector<char> buffer_;
};

}  // namespace

void setup_logging(const LogConfig& config) {
  auto logger = spdlog::stderr_color_mt("mosaik");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  logger->set_level(spdlog::level::from_str(config.level));
  spdlog::set_default_logger(logger);
}

Result<std::shared_ptr<AccessLog>> AccessLog::open(const std::string& target) {
  auto log = std::make_shared<AccessLog>();
  if (target == "off") return log;
  // "stdout" is the inherited descriptor 1, duplicated: opening /dev/stdout by name fails when
  // it is a socket (as under systemd's journal or a Node.js parent).
  std::FILE* file =
      target == "stdout" ? fdopen(dup(STDOUT_FILENO), "a") : std::fopen(target.c_str(), "a");
  if (!file)
    return Error(Errc::validation_failed,
                 fmt::format("cannot open access log {}: {}", target, std::strerror(errno)),
                 "log.access_log");
  log->logger_ =
      std::make_shared<spdlog::logger>("access", std::make_shared<BufferedFileSink>(file));
  log->logger_->set_formatter(std::make_unique<LineFormatter>());
  log->logger_->set_level(spdlog::level::info);
  log->logger_->flush_on(spdlog::level::off);
  spdlog::flush_every(std::chrono::seconds(1));
  spdlog::register_logger(log->logger_);
  return log;
}

void AccessLog::write(std::string_view json_line) {
  if (logger_) logger_->info(json_line);
}

void AccessLog::flush() {
  if (logger_) logger_->flush();
}

}  // namespace mosaik
