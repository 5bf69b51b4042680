#include "core/jobs.hpp"

#include <spdlog/spdlog.h>

namespace mosaik {

void JobRunner::start() {
  if (!threads_.empty()) return;
  for (const auto& job : jobs_) threads_.emplace_back([this, &job] { loop(job); });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
}

void JobRunner::loop(const Entry& job) {
  std::unique_lock lock(mu_);
  for (;;) {
    auto due = std::chrono::steady_clock::now() + job.interval;
    if (wake_.wait_until(lock, due, [this] { return stopping_; })) return;
    lock.unlock();
    try {
      job.run();
    } catch (const std::exception& e) {
      spdlog::error("job {} failed: {}", job.name, e.what());
    }
    lock.lock();
  }
}

}  // namespace mosaik
