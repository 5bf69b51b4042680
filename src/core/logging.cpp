#include "core/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace mosaik {

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
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(
        target == "stdout" ? "/dev/stdout" : target);
    log->logger_ = std::make_shared<spdlog::logger>("access", std::move(sink));
    log->logger_->set_pattern("%v");
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
