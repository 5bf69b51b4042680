#include "support/static_http_server.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace mosaik::testing {

StaticHttpServer::StaticHttpServer() {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 16) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(listener_);
    throw std::runtime_error("cannot listen on loopback");
  }
  port_ = ntohs(address.sin_port);
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
    auto space = head.find(' ');
    auto path = space == std::string::npos
                    ? std::string()
                    : head.substr(space + 1, head.find(' ', space + 1) - space - 1);
    Reply reply{.status = 404, .body = "not found"};
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(head.substr(0, head.find("\r\n\r\n")));
      if (auto it = replies_.find(path); it != replies_.end()) reply = it->second;
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
