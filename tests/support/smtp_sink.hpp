// A tiny SMTP server on a free loopback port for tests that make Mosaik send e-mail: it accepts
// every message (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT; no AUTH, no STARTTLS)
// and keeps it. One connection at a time; a client silent for 5 s is dropped.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mosaik::testing {

class SmtpSink {
 public:
  struct Message {
    std::string from;                     // MAIL FROM address, without angle brackets
    std::vector<std::string> recipients;  // RCPT TO addresses, without angle brackets
    std::string data;  // headers and body as sent, CRLF line ends, dots unstuffed, no final "."
  };

  SmtpSink();   // listening when constructed; throws std::runtime_error otherwise
  ~SmtpSink();  // stops and joins the thread
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const;  // "smtp://127.0.0.1:PORT"
  std::vector<Message> messages() const;
  // Waits until at least `count` messages arrived; false on timeout.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout) const;
  // While on, MAIL FROM is answered "451" (a temporary failure), so no message is accepted.
  void set_refuse(bool refuse) { refuse_ = refuse; }

 private:
  void serve();
  void converse(int client);

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> refuse_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<Message> messages_;
  std::thread thread_;
};

}  // namespace mosaik::testing
