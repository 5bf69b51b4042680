#include "core/metrics.hpp"

#include <fmt/format.h>

#include <memory>

namespace mosaik {

// The requests of one method on one route. Status codes 100..599 counted directly; the array is
// indexed by status - 100.
struct Metrics::Series {
  std::array<std::atomic<std::uint64_t>, 500> by_status{};
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};  // last: +Inf
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::uint64_t> sum_micros{0};
};

// A series per method, made on first use (4 KB each: most routes see one or two methods).
struct Metrics::RouteStats {
  std::string label;
  std::array<std::atomic<Series*>, kMethods.size()> by_method{};

  RouteStats() = default;
  RouteStats(const RouteStats&) = delete;
  RouteStats& operator=(const RouteStats&) = delete;
  ~RouteStats() {
    for (auto& s : by_method) delete s.load(std::memory_order_acquire);
  }

  Series& series(std::size_t method) {
    auto& slot = by_method[method];
    if (auto* s = slot.load(std::memory_order_acquire)) return *s;
    auto fresh = std::make_unique<Series>();
    Series* expected = nullptr;
    if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel))
      return *fresh.release();
    return *expected;  // another thread was first
  }
};

Metrics::Metrics() {
  add_route("unmatched");
}
Metrics::~Metrics() = default;

std::size_t Metrics::add_route(std::string label) {
  for (std::size_t i = 0; i < routes_.size(); ++i)
    if (routes_[i]->label == label) return i;
  auto stats = std::make_unique<RouteStats>();
  stats->label = std::move(label);
  routes_.push_back(std::move(stats));
  return routes_.size() - 1;
}

void Metrics::add_gauge(Gauge gauge) {
  gauges_.push_back(std::move(gauge));
}

void Metrics::record(std::size_t route, std::string_view method, int status,
                     double seconds) noexcept {
  if (route >= routes_.size()) route = 0;
  std::size_t m = 0;
  while (m + 1 < kMethods.size() && kMethods[m] != method) ++m;
  auto& r = routes_[route]->series(m);
  if (status >= 100 && status < 600)
    r.by_status[static_cast<std::size_t>(status - 100)].fetch_add(1, std::memory_order_relaxed);
  std::size_t b = 0;
  while (b < kLatencyBuckets.size() && seconds > kLatencyBuckets[b]) ++b;
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.count.fetch_add(1, std::memory_order_relaxed);
  r.sum_micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

namespace {
std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

std::string Metrics::render() const {
  fmt::memory_buffer out;
  auto it = std::back_inserter(out);
  // Calls `emit(labels, series)` for every series that counted something, in registration order;
  // `labels` is `method="GET",route="/x"`.
  auto each_series = [this](auto&& emit) {
    for (const auto& r : routes_) {
      auto route = escape_label(r->label);
      for (std::size_t m = 0; m < kMethods.size(); ++m) {
        const Series* s = r->by_method[m].load(std::memory_order_acquire);
        if (!s || !s->count.load(std::memory_order_relaxed)) continue;
        emit(fmt::format("method=\"{}\",route=\"{}\"", kMethods[m], route), *s);
      }
    }
  };
  fmt::format_to(
      it,
      "# HELP mosaik_http_requests_total HTTP requests by method, route pattern and status.\n"
      "# TYPE mosaik_http_requests_total counter\n");
  each_series([&](const std::string& labels, const Series& s) {
    for (std::size_t status = 0; status < s.by_status.size(); ++status) {
      auto n = s.by_status[status].load(std::memory_order_relaxed);
      if (n)
        fmt::format_to(it, "mosaik_http_requests_total{{{},status=\"{}\"}} {}\n", labels,
                       status + 100, n);
    }
  });
  fmt::format_to(
      it,
      "# HELP mosaik_http_request_duration_seconds Time from parsed request to response ready.\n"
      "# TYPE mosaik_http_request_duration_seconds histogram\n");
  each_series([&](const std::string& labels, const Series& s) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      fmt::format_to(it, "mosaik_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                     kLatencyBuckets[b], cumulative);
    }
    cumulative += s.buckets.back().load(std::memory_order_relaxed);
    fmt::format_to(it, "mosaik_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                   cumulative);
    fmt::format_to(it, "mosaik_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                   static_cast<double>(s.sum_micros.load(std::memory_order_relaxed)) / 1e6);
    fmt::format_to(it, "mosaik_http_request_duration_seconds_count{{{}}} {}\n", labels,
                   s.count.load(std::memory_order_relaxed));
  });
  fmt::format_to(
      it,
      "# HELP mosaik_http_open_connections Client connections currently open.\n"
      "# TYPE mosaik_http_open_connections gauge\n"
      "mosaik_http_open_connections {}\n"
      "# HELP mosaik_http_rejected_connections_total Connections refused at the connection limit.\n"
      "# TYPE mosaik_http_rejected_connections_total counter\n"
      "mosaik_http_rejected_connections_total {}\n",
      open_connections(), rejected_connections_.load(std::memory_order_relaxed));
  std::string last_name;
  for (const auto& g : gauges_) {
    if (g.name != last_name) {
      fmt::format_to(it, "# HELP {} {}\n# TYPE {} gauge\n", g.name, g.help, g.name);
      last_name = g.name;
    }
    if (g.labels.empty())
      fmt::format_to(it, "{} {}\n", g.name, g.read());
    else
      fmt::format_to(it, "{}{{{}}} {}\n", g.name, g.labels, g.read());
  }
  return fmt::to_string(out);
}

}  // namespace mosaik
