#include "support/smtp_sink.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <optional>
#include <stdexcept>

#include "support/loopback_listener.hpp"

namespace mosaik::testing {
namespace {

constexpr int kIdleMs = 5000;
constexpr std::size_t kMaxLine = 64 * 1024;
constexpr std::size_t kMaxData = 16 << 20;

// Reads CRLF-terminated lines from a socket, giving up when the peer is silent for kIdleMs, the
// sink is stopping, or a line is longer than kMaxLine.
class LineReader {
 public:
  LineReader(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}

  // The next line without its CRLF (a bare LF also ends it); nullopt when the connection ends.
  std::optional<std::string> next() {
    int waited = 0;
    while (true) {
      if (auto lf = buffer_.find('\n'); lf != std::string::npos) {
        std::string line = buffer_.substr(0, lf);
        buffer_.erase(0, lf + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      if (buffer_.size() > kMaxLine || stopping_ || waited >= kIdleMs) return std::nullopt;
      pollfd readable{fd_, POLLIN, 0};
      int ready = ::poll(&readable, 1, 50);
      if (ready < 0) return std::nullopt;
      if (ready == 0) {
        waited += 50;
        continue;
      }
      waited = 0;
      char chunk[4096];
      auto n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  const std::atomic<bool>& stopping_;
  std::string buffer_;
};

bool send_all(int fd, std::string_view text) {
  while (!text.empty()) {
    auto n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The address in "FROM:<a@b> SIZE=1" / "TO:<a@b>"; nullopt when there are no angle brackets.
std::optional<std::string> path_of(std::string_view argument) {
  auto open = argument.find('<');
  auto close = argument.find('>', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
  return std::string(argument.substr(open + 1, close - open - 1));
}

}  // namespace

SmtpSink::SmtpSink() {
  auto listener = listen_on_loopback();
  listener_ = listener.fd;
  port_ = listener.port;
  thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
  stopping_ = true;
  thread_.join();
  ::close(listener_);
}

std::string SmtpSink::url() const {
  return fmt::format("smtp://127.0.0.1:{}", port_);
}

std::vector<SmtpSink::Message> SmtpSink::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

bool SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
}

void SmtpSink::serve() {
  while (!stopping_) {
    pollfd waiting{listener_, POLLIN, 0};
    if (::poll(&waiting, 1, 50) <= 0) continue;
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    converse(client);
    ::close(client);
  }
}

void SmtpSink::converse(int client) {
  LineReader reader(client, stopping_);
  if (!send_all(client, "220 127.0.0.1 Mosaik test SMTP sink\r\n")) return;
  std::optional<Message> current;  // after MAIL FROM
  while (auto line = reader.next()) {
    std::string verb = upper(std::string_view(*line).substr(0, line->find(' ')));
    std::string_view argument =
        line->size() > verb.size() ? std::string_view(*line).substr(verb.size() + 1) : "";
    std::string reply;
    if (verb == "EHLO") {
      reply = "250-127.0.0.1 hello\r\n250-8BITMIME\r\n250 HELP\r\n";
    } else if (verb == "HELO") {
      reply = "250 127.0.0.1 hello\r\n";
    } else if (verb == "MAIL") {
      auto from = upper(argument).starts_with("FROM:") ? path_of(argument) : std::nullopt;
      if (refuse_) {
        reply = "451 4.3.0 Try again later\r\n";
      } else if (!from) {
        reply = "501 5.5.4 Syntax: MAIL FROM:<address>\r\n";
      } else {
        current = Message{.from = *from};
        reply = "250 2.1.0 OK\r\n";
      }
    } else if (verb == "RCPT") {
      auto to = upper(argument).starts_with("TO:") ? path_of(argument) : std::nullopt;
      if (!current) {
        reply = "503 5.5.1 MAIL first\r\n";
      } else if (!to) {
        reply = "501 5.5.4 Syntax: RCPT TO:<address>\r\n";
      } else {
        current->recipients.push_back(*to);
        reply = "250 2.1.5 OK\r\n";
      }
    } else if (verb == "DATA") {
      if (!current || current->recipients.empty()) {
        reply = "503 5.5.1 RCPT first\r\n";
      } else {
        if (!send_all(client, "354 End data with <CR><LF>.<CR><LF>\r\n")) return;
        bool complete = false;
        while (auto data_line = reader.next()) {
          if (*data_line == ".") {
            complete = true;
            break;
          }
          std::string_view text = *data_line;
          if (text.starts_with('.')) text.remove_prefix(1);  // dot-unstuffing
          current->data.append(text);
          current->data += "\r\n";
          if (current->data.size() > kMaxData) return;
        }
        if (!complete) return;
        {
          std::lock_guard lock(mutex_);
          messages_.push_back(std::move(*current));
        }
        arrived_.notify_all();
        current.reset();
        reply = "250 2.0.0 OK: queued\r\n";
      }
    } else if (verb == "RSET") {
      current.reset();
      reply = "250 2.0.0 OK\r\n";
    } else if (verb == "NOOP") {
      reply = "250 2.0.0 OK\r\n";
    } else if (verb == "QUIT") {
      send_all(client, "221 2.0.0 Bye\r\n");
      return;
    } else {
      reply = "502 5.5.2 Command not recognised\r\n";
    }
    if (!send_all(client, reply)) return;
  }
}

}  // namespace mosaik::testing
