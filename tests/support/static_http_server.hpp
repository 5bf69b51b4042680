// A tiny HTTP/1.1 server on a free loopback port for tests that make mosaikd fetch something
// (feed imports): it answers each path with a reply set by the test and records the request
// heads it received. One connection at a time, `Connection: close`.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mosaik::testing {

class StaticHttpServer {
 public:
  struct Reply {
    int status = 200;
    std::string content_type = "text/plain";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra response headers
  };

  StaticHttpServer();  // listening when constructed; throws std::runtime_error otherwise
  ~StaticHttpServer();
  StaticHttpServer(const StaticHttpServer&) = delete;
  StaticHttpServer& operator=(const StaticHttpServer&) = delete;

  // Unknown paths get 404.
  void set(const std::string& path, Reply reply);
  std::string url(const std::string& path) const;
  std::uint16_t port() const { return port_; }
  // The request heads received so far (request line and headers), oldest first.
  std::vector<std::string> requests() const;

 private:
  void serve();

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::map<std::string, Reply> replies_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

}  // namespace mosaik::testing
