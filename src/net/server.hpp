// mosaikd's HTTP/1.1 server: Boost.Beast on Asio C++20 coroutines.
//
// One coroutine per connection on its own strand; keep-alive; limits on header size, body size
// (413), a whole-request read timeout and a keep-alive idle timeout (slow clients are dropped),
// and a connection cap (503). Handlers marked blocking run on a separate thread pool.
// SIGINT/SIGTERM: stop accepting, close idle connections, let in-flight requests finish within
// `shutdown_grace`, then stop.
#pragma once

#include <cstdint>
#include <memory>

#include "core/config.hpp"
#include "core/metrics.hpp"
#include "http/application.hpp"

namespace mosaik::net {

class Server {
 public:
  // `app` and `metrics` must outlive the server.
  Server(const ServerConfig& config, const http::Application& app, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Errors: unavailable (address in use, permission denied, bad host).
  Result<void> bind();
  // REQUIRES: bind() succeeded. The bound port (useful when configured with port 0).
  std::uint16_t port() const;

  // Serves until a signal or stop(), then drains. Blocks; uses `threads` threads including the
  // caller.
  void run();
  // Begins a graceful shutdown. Thread safe; may be called from any thread.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mosaik::net
