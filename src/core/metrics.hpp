// Prometheus metrics for the HTTP layer and the database pool.
//
// Route labels are the route *patterns* (bounded cardinality), registered before serving; the
// request method is a label of its own, from a fixed list. Recording is lock-free (relaxed
// atomics; the first request of a method on a route allocates that series once); rendering is
// for GET /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mosaik {

class Metrics {
 public:
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // The `method` label values; any other method is counted as "other".
  static constexpr std::array<std::string_view, 8> kMethods = {
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"};

  // Registers a route label (a pattern such as "/api/v1/cities/{city}") and returns its index for
  // `record`; a label registered before gets its existing index, so that the routes of one
  // pattern share it. Not thread safe: call before serving.
  std::size_t add_route(std::string label);
  // Index of the label used for requests that matched no route.
  std::size_t unmatched_route() const noexcept { return 0; }

  // Counts one request of `method` ("GET", ...) on `route`. Thread safe.
  void record(std::size_t route, std::string_view method, int status, double seconds) noexcept;
  void connection_opened() noexcept { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() noexcept { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const noexcept {
    return open_connections_.load(std::memory_order_relaxed);
  }
  void connection_rejected() noexcept {
    rejected_connections_.fetch_add(1, std::memory_order_relaxed);
  }

  // Extra gauges rendered with the rest (e.g. the database pool). Not thread safe: before serving.
  struct Gauge {
    std::string name, help, labels;
    std::function<double()> read;
  };
  void add_gauge(Gauge gauge);

  // The Prometheus text exposition format, version 0.0.4.
  std::string render() const;

 private:
  struct Series;
  struct RouteStats;
  std::vector<std::unique_ptr<RouteStats>> routes_;
  std::vector<Gauge> gauges_;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> rejected_connections_{0};
};

}  // namespace mosaik
