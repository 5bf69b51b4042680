#include "core/jobs.hpp"

#include <spdlog/spdlog.h>

namespace mosaik {

void JobRunner::start() {
  if (jobs_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::loop() {
  using clock = std::chrono::steady_clock;
  std::vector<clock::time_point> due(jobs_.size(), clock::now());
  for (std::size_t i = 0; i < jobs_.size(); ++i) due[i] += jobs_[i].interval;
  std::unique_lock lock(mu_);
  while (!stopping_) {
    auto next = *std::min_element(due.begin(), due.end());
    if (wake_.wait_until(lock, next, [this] { return stopping_; })) break;
    for (std::size_t i = 0; i < jobs_.size(); ++i) {
      if (clock::now() < due[i]) continue;
      lock.unlock();
      try {
        jobs_[i].run();
      } catch (const std::exception& e) {
        spdlog::error("job {} failed: {}", jobs_[i].name, e.what());
      }
      lock.lock();
      due[i] = clock::now() + jobs_[i].interval;
      if (stopping_) break;
    }
  }
}

}  // namespace mosaik
