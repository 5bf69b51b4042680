#include "net/server.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <ctime>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "http/problem.hpp"

namespace mosaik::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using Strand = asio::strand<asio::io_context::executor_type>;
// A connection's executor: a strand of its own when several threads run the io_context, the
// io_context's executor itself with one thread (then nothing runs concurrently anyway, and a
// strand costs a mutex, a shared_ptr copy and a type-erased copy on every handler: about a
// tenth of the server's CPU per cached request, measured with perf).
using SessionExecutor = asio::any_io_executor;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// "Date:" header value, formatted at most once a second per thread.
std::string_view http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local char buffer[64];
  thread_local std::size_t length = 0;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    length = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return {buffer, length};
}

void append_number(std::string& out, std::size_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, end);
}

// Serialises the status line and headers of `r` into `out` (reused between requests).
void serialize_head(std::string& out, const http::Response& r, bool close) {
  out.clear();
  out += "HTTP/1.1 ";
  append_number(out, static_cast<std::size_t>(r.status));
  out += ' ';
  out += http::reason_phrase(r.status);
  out += "\r\nDate: ";
  out += http_date();
  out += "\r\n";
  bool bodyless_status = r.status == 204 || r.status == 304 || r.status < 200;
  if (!bodyless_status) {
    auto type = r.type();
    if (!type.empty()) {
      out += "Content-Type: ";
      out += type;
      out += "\r\n";
    }
    out += "Content-Length: ";
    append_number(out, r.body_view().size());
    out += "\r\n";
  }
  for (const auto& [name, value] : r.headers) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  if (r.header_block) out += *r.header_block;
  if (close) out += "Connection: close\r\n";
  out += "\r\n";
}

using Clock = std::chrono::steady_clock;

// A connection's state as seen by the shutdown logic and its timeout. Touched only on the
// connection's executor.
//
// The timeout is one deadline that the session moves before each phase (the idle wait, reading
// a request, writing the answer) and one timer that sleeps until the earliest deadline it was
// given. Moving the deadline later costs a clock read and no timer operation: a timer that fires
// before the current deadline goes back to sleep until it. beast::tcp_stream's timeouts, used
// before, started and cancelled a timer wait (and ran the cancelled handler) on every read and
// every write, about 5% of the CPU of a cached request. On expiry the socket is closed, as
// tcp_stream did, so the pending operation fails and `timed_out` says why.
struct SessionState {
  explicit SessionState(const SessionExecutor& executor) : timer(executor) {}
  bool idle = false;
  tcp::socket* socket = nullptr;
  asio::steady_timer timer;
  Clock::time_point deadline = Clock::time_point::max();  // max: no timeout running
  Clock::time_point armed = Clock::time_point::max();     // when the timer wakes up
  bool timed_out = false;
};

void arm_timer(const std::shared_ptr<SessionState>& state, Clock::time_point when);

void on_timer(const std::shared_ptr<SessionState>& state, const boost::system::error_code& ec) {
  if (ec) return;  // re-armed (a newer wait is pending) or the session ended
  state->armed = Clock::time_point::max();
  if (!state->socket || state->deadline == Clock::time_point::max()) return;
  if (Clock::now() < state->deadline) {
    arm_timer(state, state->deadline);  // the deadline moved on since the timer was set
    return;
  }
  state->timed_out = true;
  boost::system::error_code ignored;
  state->socket->close(ignored);
}

void arm_timer(const std::shared_ptr<SessionState>& state, Clock::time_point when) {
  state->armed = when;
  state->timer.expires_at(when);  // cancels a pending wait: its handler sees operation_aborted
  state->timer.async_wait([state](const boost::system::error_code& ec) { on_timer(state, ec); });
}

// The current phase must end within `timeout` from now.
void set_deadline(const std::shared_ptr<SessionState>& state, Clock::duration timeout) {
  state->deadline = Clock::now() + timeout;
  if (state->deadline < state->armed) arm_timer(state, state->deadline);
}

// No timeout while the application handles a request (as before: tcp_stream only timed I/O).
void clear_deadline(SessionState& state) {
  state.deadline = Clock::time_point::max();
}

}  // namespace

class Server::Impl {
 public:
  Impl(const ServerConfig& config, const http::Application& app, Metrics& metrics)
      : config_(config),
        app_(app),
        metrics_(metrics),
        threads_(config.threads ? config.threads
                                : std::max(1u, std::thread::hardware_concurrency())),
        ioc_(static_cast<int>(threads_)),
        blocking_pool_(config.blocking_threads ? config.blocking_threads : 8),
        acceptor_(ioc_),
        signals_(ioc_, SIGINT, SIGTERM),
        control_(asio::make_strand(ioc_)),
        drain_timer_(control_) {}

  Result<void> bind() {
    boost::system::error_code ec;
    tcp::resolver resolver(ioc_);
    auto results =
        resolver.resolve(config_.host, std::to_string(config_.port), tcp::resolver::passive, ec);
    if (ec || results.empty())
      return Error(Errc::unavailable,
                   fmt::format("cannot resolve listen host '{}': {}", config_.host, ec.message()));
    tcp::endpoint endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return Error(Errc::unavailable, fmt::format("cannot listen on {}:{}: {}", config_.host,
                                                  config_.port, ec.message()));
    return {};
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void run() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
      if (!ec) {
        spdlog::info("received signal {}, shutting down (grace {} ms)", signo,
                     config_.shutdown_grace.count());
        asio::post(control_, [this] { begin_shutdown(); });
      }
    });
    // The acceptor lives on control_ so that begin_shutdown may close it safely.
    asio::co_spawn(control_, accept_loop(), asio::detached);
    std::vector<std::thread> workers;
    for (unsigned i = 1; i < threads_; ++i) workers.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : workers) t.join();
    blocking_pool_.join();
  }

  void stop() {
    asio::post(control_, [this] { begin_shutdown(); });
  }

 private:
  // Runs on control_, like every other use of drain_timer_.
  void begin_shutdown() {
    if (stopping_.exchange(true)) return;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    signals_.cancel(ignored);
    {
      std::lock_guard lock(sessions_mu_);
      for (auto& [id, entry] : sessions_) {
        asio::post(entry.first, [state = entry.second] {
          if (state->idle && state->socket) state->socket->cancel();
        });
      }
      if (sessions_.empty()) return;  // nothing in flight: run() returns when the work runs out
    }
    drain_timer_.expires_after(config_.shutdown_grace);
    drain_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // cancelled: every connection finished in time
      std::size_t left;
      {
        std::lock_guard lock(sessions_mu_);
        left = sessions_.size();
      }
      spdlog::warn("shutdown grace expired with {} connection(s) still busy; stopping", left);
      ioc_.stop();
    });
  }

  asio::awaitable<void> accept_loop() {
    while (!stopping_) {
      SessionExecutor executor = threads_ == 1 ? SessionExecutor(ioc_.get_executor())
                                               : SessionExecutor(asio::make_strand(ioc_));
      tcp::socket socket(executor);
      auto [ec] = co_await acceptor_.async_accept(socket, kTuple);
      if (ec) {
        if (stopping_ || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        // Out of descriptors and similar: back off instead of spinning.
        asio::steady_timer pause(ioc_, std::chrono::milliseconds(50));
        co_await pause.async_wait(kTuple);
        continue;
      }
      if (active_.load() >= config_.max_connections) {
        reject(socket);
        continue;
      }
      boost::system::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      active_.fetch_add(1);
      asio::co_spawn(executor, session(std::move(socket), executor), asio::detached);
    }
  }

  // Over the connection limit: a short 503 problem, written without waiting, then close.
  void reject(tcp::socket& socket) {
    metrics_.connection_rejected();
    http::Response r = http::problem_response(
        Error(Errc::unavailable, "Too many open connections; retry shortly."));
    r.set_header("Retry-After", "1");
    std::string response;
    serialize_head(response, r, /*close=*/true);
    response += r.body;
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.write_some(asio::buffer(response), ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  std::uint64_t register_session(const SessionExecutor& executor,
                                 std::shared_ptr<SessionState> state) {
    std::lock_guard lock(sessions_mu_);
    auto id = next_session_id_++;
    sessions_.emplace(id, std::make_pair(executor, std::move(state)));
    return id;
  }

  void unregister_session(std::uint64_t id) {
    std::lock_guard lock(sessions_mu_);
    sessions_.erase(id);
    if (stopping_ && sessions_.empty()) asio::post(control_, [this] { drain_timer_.cancel(); });
  }

  // Writes a problem for a request that could not be parsed, then the caller closes.
  asio::awaitable<void> write_parse_failure(tcp::socket& stream,
                                            const std::shared_ptr<SessionState>& state,
                                            std::string& head, Errc code, std::string detail) {
    http::Response r = http::problem_response(Error(code, std::move(detail)));
    serialize_head(head, r, /*close=*/true);
    set_deadline(state, std::chrono::seconds(2));
    std::array buffers{asio::const_buffer(head.data(), head.size()),
                       asio::const_buffer(r.body.data(), r.body.size())};
    co_await asio::async_write(stream, buffers, kTuple);
    // Lingering close: the client may still be sending the body we refused (413). Closing with
    // unread data makes the kernel answer with RST, and the client may lose our answer; so stop
    // sending, then read and discard what still arrives, for a short while.
    boost::system::error_code ignored;
    stream.shutdown(tcp::socket::shutdown_send, ignored);
    set_deadline(state, std::chrono::seconds(2));
    std::array<char, 16384> sink{};
    for (;;) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
    }
  }

  asio::awaitable<void> session(tcp::socket socket, SessionExecutor executor) {
    metrics_.connection_opened();
    auto state = std::make_shared<SessionState>(executor);
    auto id = register_session(executor, state);
    std::string remote;
    {
      boost::system::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    tcp::socket& stream = socket;
    state->socket = &stream;
    beast::flat_buffer buffer;
    std::string head;
    head.reserve(1024);
    try {
      co_await serve(stream, buffer, head, state, remote);
    } catch (const std::exception& e) {
      spdlog::error("connection from {} failed: {}", remote, e.what());
    }
    state->socket = nullptr;
    state->timer.cancel();
    boost::system::error_code ignored;
    stream.shutdown(tcp::socket::shutdown_send, ignored);
    stream.close(ignored);
    metrics_.connection_closed();
    active_.fetch_sub(1);
    unregister_session(id);
  }

  asio::awaitable<void> serve(tcp::socket& stream, beast::flat_buffer& buffer, std::string& head,
                              const std::shared_ptr<SessionState>& session_state,
                              const std::string& remote) {
    SessionState& state = *session_state;
    for (;;) {
      if (buffer.size() == 0) {
        // Between requests: wait for the first byte with the (longer) idle timeout.
        if (stopping_) co_return;
        state.idle = true;
        set_deadline(session_state, config_.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
        state.idle = false;
        if (ec) co_return;  // idle timeout, peer closed, or shutdown
        buffer.commit(n);
      }
      // The whole request must arrive within read_timeout: a slowloris is dropped.
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(config_.max_header_bytes));
      // The body limit depends on the route (uploads accept more): decided once the headers
      // are in, before any of the body is read.
      parser.body_limit(boost::none);
      set_deadline(session_state, config_.read_timeout);
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      std::size_t body_limit = config_.max_body_bytes;
      if (!ec) {
        auto length = parser.content_length();
        // Only a request with a body needs its route's limit (a second route match per request).
        if (parser.chunked() || (length && *length > 0))
          body_limit = app_.body_limit(http::parse_method(parser.get().method_string()),
                                       parser.get().target(), config_.max_body_bytes);
        if (length && *length > body_limit)
          ec = bhttp::error::body_limit;
        else {
          parser.body_limit(body_limit);  // chunked bodies are counted as they arrive
          std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        }
      }
      if (ec && state.timed_out) ec = beast::error::timeout;
      if (ec) {
        if (ec == bhttp::error::header_limit) {
          co_await write_parse_failure(
              stream, session_state, head, Errc::header_too_large,
              fmt::format("The request headers exceed {} bytes", config_.max_header_bytes));
        } else if (ec == bhttp::error::body_limit) {
          co_await write_parse_failure(
              stream, session_state, head, Errc::payload_too_large,
              fmt::format("The request body exceeds {} bytes", body_limit));
        } else if (ec == beast::error::timeout) {
          co_await write_parse_failure(stream, session_state, head, Errc::request_timeout,
                                       "The request did not arrive completely in time");
        } else if (ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
                   ec != asio::error::eof && ec != asio::error::connection_reset &&
                   ec != asio::error::operation_aborted) {
          co_await write_parse_failure(stream, session_state, head, Errc::bad_request,
                                       fmt::format("Malformed HTTP request: {}", ec.message()));
        }
        co_return;
      }

      auto& msg = parser.get();
      http::Request request;
      request.method = http::parse_method(msg.method_string());
      request.target = msg.target();
      request.body = msg.body();
      request.remote_address = remote;
      request.keep_alive = msg.keep_alive();
      request.headers.reserve(16);
      for (const auto& field : msg)
        request.headers.emplace_back(field.name_string(), field.value());

      clear_deadline(state);
      http::RequestContext ctx(request);
      app_.prepare(request, ctx);
      http::Response response;
      if (app_.blocking(ctx)) {
        response = co_await asio::co_spawn(
            blocking_pool_,
            [&]() -> asio::awaitable<http::Response> { co_return app_.handle(ctx); },
            asio::use_awaitable);
      } else {
        response = app_.handle(ctx);
      }

      bool close = response.close || !request.keep_alive || stopping_;
      serialize_head(head, response, close);
      set_deadline(session_state, config_.read_timeout);
      if (response.omit_body) {
        auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(head), kTuple);
        if (wec) co_return;
      } else {
        auto body = response.body_view();
        std::array buffers{asio::const_buffer(head.data(), head.size()),
                           asio::const_buffer(body.data(), body.size())};
        auto [wec, wn] = co_await asio::async_write(stream, buffers, kTuple);
        if (wec) co_return;
      }
      if (close) co_return;
    }
  }

  const ServerConfig& config_;
  const http::Application& app_;
  Metrics& metrics_;
  unsigned threads_;
  asio::io_context ioc_;
  asio::thread_pool blocking_pool_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  Strand control_;  // serialises shutdown: begin_shutdown and the drain timer
  asio::steady_timer drain_timer_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> active_{0};
  std::mutex sessions_mu_;
  std::uint64_t next_session_id_ = 0;
  std::unordered_map<std::uint64_t, std::pair<SessionExecutor, std::shared_ptr<SessionState>>>
      sessions_;
};

Server::Server(const ServerConfig& config, const http::Application& app, Metrics& metrics)
    : impl_(std::make_unique<Impl>(config, app, metrics)) {}
Server::~Server() = default;
Result<void> Server::bind() {
  return impl_->bind();
}
std::uint16_t Server::port() const {
  return impl_->port();
}
void Server::run() {
  impl_->run();
}
void Server::stop() {
  impl_->stop();
}

}  // namespace mosaik::net
