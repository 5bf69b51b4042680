#include "support/static_http_server.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

#include "support/loopback_listener.hpp"

namespace mosaik::testing {

StaticHttpServer::StaticHttpServer() {
  auto listener = listen_on_loopback();
  listener_ = listener.fd;
  port_ = listener.port;
  thread_ = std::thread([this] { serve(); });
}

StaticHttpServer::~StaticHttpServer() {
  stopping_ = true;
  thread_.join();
  ::close(listener_);
}

void StaticHttpServer::set(const std::string& path, Reply reply) {
  std::lock_guard lock(mutex_);
  replies_[path] = std::move(reply);
}

std::string StaticHttpServer::url(const std::string& path) const {
  return fmt::format("http://127.0.0.1:{}{}", port_, path);
}

std::vector<std::string> StaticHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

namespace {
std::string path_of(const std::string& head) {
  auto space = head.find(' ');
  if (space == std::string::npos) return {};
  return head.substr(space + 1, head.find(' ', space + 1) - space - 1);
}
std::string header_of(const std::string& head, const std::string& name) {
  auto at = head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  auto start = at + name.size() + 4;
  return head.substr(start, head.find("\r\n", start) - start);
}
}  // namespace

int StaticHttpServer::request_count(const std::string& path) const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& head : requests_) n += path_of(head) == path ? 1 : 0;
  return n;
}

std::string StaticHttpServer::last_header(const std::string& path, const std::string& name) const {
  std::lock_guard lock(mutex_);
  for (auto it = requests_.rbegin(); it != requests_.rend(); ++it)
    if (path_of(*it) == path) return header_of(*it, name);
  return {};
}

void StaticHttpServer::serve() {
  while (!stopping_) {
    pollfd waiting{listener_, POLLIN, 0};
    if (::poll(&waiting, 1, 50) <= 0) continue;
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
      pollfd readable{client, POLLIN, 0};
      if (::poll(&readable, 1, 2000) <= 0) break;
      auto n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      head.append(buffer, static_cast<std::size_t>(n));
    }
    head = head.substr(0, head.find("\r\n\r\n") + 2);  // the last header keeps its CRLF
    Reply reply{.status = 404, .body = "not found"};
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(head);
      if (auto it = replies_.find(path_of(head)); it != replies_.end()) reply = it->second;
    }
    if (!reply.etag.empty()) {
      reply.headers.emplace_back("ETag", reply.etag);
      if (header_of(head, "If-None-Match") == reply.etag) {
        reply.status = 304;
        reply.body.clear();
      }
    }
    std::string response =
        fmt::format("HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\n", reply.status,
                    reply.content_type, reply.body.size());
    for (const auto& [name, value] : reply.headers) response += name + ": " + value + "\r\n";
    response += "Connection: close\r\n\r\n";
    response += reply.body;
    std::size_t sent = 0;
    while (sent < response.size()) {
      auto n = ::send(client, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::close(client);
  }
}

}  // namespace mosaik::testing
