// The access log (core/logging.hpp): lines written from many threads arrive whole and once, a
// flush puts everything written so far into the file, and closing the log writes what is left.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <vector>

#include "core/logging.hpp"

namespace mosaik {
namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("mosaik_access_log_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(AccessLog, LinesFromManyThreadsArriveWholeAndOnce) {
  auto path = temp_path("threads.log");
  std::filesystem::remove(path);
  constexpr int kThreads = 4, kLines = 5000;
  {
    auto log = AccessLog::open(path).value();
    ASSERT_TRUE(log->enabled());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < kLines; ++i)
          log->write("{\"thread\":" + std::to_string(t) + ",\"n\":" + std::to_string(i) +
                     ",\"path\":\"/api/v1/cities/dortmund\"}");
      });
    for (auto& th : threads) th.join();
    log->flush();
    auto lines = lines_of(path);
    ASSERT_EQ(lines.size(), std::size_t{kThreads * kLines}) << "a flush writes everything so far";
    std::set<std::string> distinct(lines.begin(), lines.end());
    EXPECT_EQ(distinct.size(), lines.size());
    for (const auto& line : lines) {
      ASSERT_TRUE(line.starts_with("{\"thread\":")) << line;
      ASSERT_TRUE(line.ends_with("\"/api/v1/cities/dortmund\"}")) << line;
    }
    EXPECT_EQ(log->dropped(), 0u);
    log->write(R"({"last":true})");
  }  // closing writes what is pending
  auto lines = lines_of(path);
  ASSERT_EQ(lines.size(), std::size_t{kThreads * kLines + 1});
  EXPECT_EQ(lines.back(), R"({"last":true})");
  std::filesystem::remove(path);
}

TEST(AccessLog, OffWritesNothingAndABadPathIsAnError) {
  auto off = AccessLog::open("off").value();
  EXPECT_FALSE(off->enabled());
  off->write("{}");
  off->flush();
  auto bad = AccessLog::open("/nonexistent-dir/access.log");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field(), "log.access_log");
}

}  // namespace
}  // namespace mosaik
