#include "core/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

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
  try {
    // The file sink writes through a buffered FILE*; we flush on a timer, not per line,
    // so logging costs no system call per request.
    // A 64 KiB stdio buffer: one write(2) per ~260 lines instead of one per ~16 (glibc's default
    // is the file's block size). setvbuf ignores the size unless it is given the buffer; the
    // handler, and with it the buffer, lives in the sink's file helper as long as the FILE does.
    constexpr std::size_t kBufferBytes = std::size_t{64} << 10;
    std::shared_ptr<char[]> buffer(new char[kBufferBytes]);
    spdlog::file_event_handlers handlers;
    handlers.after_open = [buffer](const spdlog::filename_t&, std::FILE* file) {
      std::setvbuf(file, buffer.get(), _IOFBF, kBufferBytes);
    };
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(
        target == "stdout" ? "/dev/stdout" : target, /*truncate=*/false, handlers);
    log->logger_ = std::make_shared<spdlog::logger>("access", std::move(sink));
    log->logger_->set_formatter(std::make_unique<LineFormatter>());
    log->logger_->set_level(spdlog::level::info);
    log->logger_->flush_on(spdlog::level::off);
    spdlog::flush_every(std::chrono::seconds(1));
    spdlog::register_logger(log->logger_);
  } catch (const spdlog::spdlog_ex& e) {
    return Error(Errc::validation_failed, std::string("cannot open access log: ") + e.what(),
                 "log.access_log");
  }
  return log;
}

void AccessLog::write(std::string_view json_line) {
  if (logger_) logger_->info(json_line);
}

void AccessLog::flush() {
  if (logger_) logger_->flush();
}

}  // namespace mosaik
