#include "core/metrics.hpp"

#include <fmt/format.h>

namespace mosaik {

// Status codes 100..599 counted directly; the array is indexed by status - 100.
struct Metrics::RouteStats {
  std::string label;
  std::array<std::atomic<std::uint64_t>, 500> by_status{};
  std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};  // last: +Inf
  std::atomic<std::uint64_t> count{0};
  std::atomic<std::uint64_t> sum_micros{0};
};

Metrics::Metrics() {
  add_route("unmatched");
}
Metrics::~Metrics() = default;

std::size_t Metrics::add_route(std::string label) {
  auto stats = std::make_unique<RouteStats>();
  stats->label = std::move(label);
  routes_.push_back(std::move(stats));
  return routes_.size() - 1;
}

void Metrics::add_gauge(Gauge gauge) {
  gauges_.push_back(std::move(gauge));
}

void Metrics::record(std::size_t route, int status, double seconds) noexcept {
  if (route >= routes_.size()) route = 0;
  auto& r = *routes_[route];
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
  fmt::format_to(it,
                 "# HELP mosaik_http_requests_total HTTP requests by route pattern and status.\n"
                 "# TYPE mosaik_http_requests_total counter\n");
  for (const auto& r : routes_) {
    auto label = escape_label(r->label);
    for (std::size_t s = 0; s < r->by_status.size(); ++s) {
      auto n = r->by_status[s].load(std::memory_order_relaxed);
      if (n)
        fmt::format_to(it, "mosaik_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", label,
                       s + 100, n);
    }
  }
  fmt::format_to(
      it,
      "# HELP mosaik_http_request_duration_seconds Time from parsed request to response ready.\n"
      "# TYPE mosaik_http_request_duration_seconds histogram\n");
  for (const auto& r : routes_) {
    auto count = r->count.load(std::memory_order_relaxed);
    if (!count) continue;
    auto label = escape_label(r->label);
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kLatencyBuckets.size(); ++b) {
      cumulative += r->buckets[b].load(std::memory_order_relaxed);
      fmt::format_to(it,
                     "mosaik_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                     label, kLatencyBuckets[b], cumulative);
    }
    cumulative += r->buckets.back().load(std::memory_order_relaxed);
    fmt::format_to(it,
                   "mosaik_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                   label, cumulative);
    fmt::format_to(it, "mosaik_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                   static_cast<double>(r->sum_micros.load(std::memory_order_relaxed)) / 1e6);
    fmt::format_to(it, "mosaik_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                   count);
  }
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
