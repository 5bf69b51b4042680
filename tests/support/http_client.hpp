// A deliberately plain HTTP/1.1 client over POSIX sockets for the integration tests: it sends
// exactly the bytes a test gives it (including malformed ones) and parses what comes back.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"

namespace mosaik::testing {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string header(std::string_view name) const;  // case-insensitive; empty if absent
  json::value json() const;                         // throws on invalid JSON
};

class Connection {
 public:
  explicit Connection(std::uint16_t port);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends raw bytes; false when the peer has closed.
  bool send(std::string_view bytes);
  // Reads one response (Content-Length framed; `head_only` for HEAD / 304). nullopt when the
  // connection closed or `timeout` passed first.
  std::optional<HttpResponse> read_response(
      std::chrono::milliseconds timeout = std::chrono::seconds(10), bool head_only = false);
  // True when the server closes the connection within `timeout` (reads and discards data).
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string buffer_;
};

// One request on a fresh connection, `Connection: close`.
HttpResponse request(std::uint16_t port, std::string_view method, std::string_view target,
                     std::vector<std::pair<std::string, std::string>> headers = {},
                     std::string_view body = {});
inline HttpResponse get(std::uint16_t port, std::string_view target,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
  return request(port, "GET", target, std::move(headers));
}

// Decompresses a gzip body (for checking Content-Encoding: gzip responses).
std::string gunzip(std::string_view compressed);

}  // namespace mosaik::testing
