#include "core/logging.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

namespace mosaik {

namespace {}  // namespace

void setup_logging(const LogConfig& config) {
  auto logger = spdlog::stderr_color_mt("mosaik");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  logger->set_level(spdlog::level::from_str(config.level));
  spdlog::set_default_logger(logger);
}

struct AccessLog::Writer {
  explicit Writer(std::FILE* f) : file(f), thread([this] { run(); }) {}
  ~Writer() {
    {
      std::lock_guard lock(mutex);
      stopping = true;
    }
    wake.notify_one();
    thread.join();
    std::fclose(file);
  }

  // Takes what is pending and writes it outside the lock, until stopped and drained.
  void run() {
    std::string out;
    std::unique_lock lock(mutex);
    for (;;) {
      wake.wait_for(lock, kInterval, [this] {
        return stopping || pending.size() >= kBatchBytes || flush_wanted > flushed;
      });
      std::uint64_t upto = flush_wanted;
      out.swap(pending);
      bool stop = stopping;
      lock.unlock();
      if (!out.empty()) {
        std::fwrite(out.data(), 1, out.size(), file);
        std::fflush(file);
        out.clear();
      }
      lock.lock();
      flushed = upto;
      done.notify_all();
      if (stop && pending.empty()) return;
    }
  }

  static constexpr std::size_t kBatchBytes = std::size_t{64} << 10;
  static constexpr auto kInterval = std::chrono::seconds(1);

  std::FILE* file;
  std::mutex mutex;
  std::condition_variable wake, done;
  std::string pending;
  std::uint64_t flush_wanted = 0, flushed = 0;
  std::atomic<std::uint64_t> dropped{0};
  bool stopping = false;
  std::thread thread;  // last: starts when everything above is ready
};

AccessLog::AccessLog() = default;
AccessLog::~AccessLog() = default;

bool AccessLog::enabled() const noexcept {
  return writer_ != nullptr;
}

std::uint64_t AccessLog::dropped() const noexcept {
  return writer_ ? writer_->dropped.load() : 0;
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
  log->writer_ = std::make_unique<Writer>(file);
  return log;
}

void AccessLog::write(std::string_view json_line) {
  if (!writer_) return;
  bool full = false;
  {
    std::lock_guard lock(writer_->mutex);
    if (writer_->pending.size() + json_line.size() + 1 > kMaxPendingBytes) {
      writer_->dropped.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    writer_->pending.append(json_line);
    writer_->pending.push_back('\n');
    full = writer_->pending.size() >= Writer::kBatchBytes;
  }
  if (full) writer_->wake.notify_one();
}

void AccessLog::flush() {
  if (!writer_) return;
  std::unique_lock lock(writer_->mutex);
  auto ticket = ++writer_->flush_wanted;
  writer_->wake.notify_one();
  writer_->done.wait(lock, [&] { return writer_->flushed >= ticket; });
}

}  // namespace mosaik
