// Runs periodic jobs (module jobs, the city refresh) in the background, each on its own thread,
// so that a slow one (a feed import waiting for a distant server) never delays another (the
// 2-second city refresh). A job never overlaps itself. A job that throws is logged and keeps
// its schedule. Stopping waits for the running jobs to finish.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mosaik {

class JobRunner {
 public:
  struct Entry {
    std::string name;
    std::chrono::milliseconds interval;
    std::function<void()> run;
  };

  explicit JobRunner(std::vector<Entry> jobs) : jobs_(std::move(jobs)) {}
  ~JobRunner() { stop(); }
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  void start();
  void stop();

 private:
  void loop(const Entry& job);
  std::vector<Entry> jobs_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace mosaik
