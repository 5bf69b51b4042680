// Runs periodic jobs (module jobs, the city refresh) on one background thread. A job that
// throws is logged and keeps its schedule. Stopping waits for the running job to finish.
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
  void loop();
  std::vector<Entry> jobs_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace mosaik
