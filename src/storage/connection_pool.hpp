// The connection pool both storage backends use: up to `size` connections, opened lazily,
// each lent to one thread at a time. A caller waits at most `wait` for a free connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "storage/store.hpp"

namespace mosaik::storage {

template <class Connection>
class ConnectionPool {
 public:
  // Opens a connection or throws Error (Errc::unavailable).
  using Connect = std::function<std::unique_ptr<Connection>()>;
  // Whether a returned connection may be lent again (e.g. not broken); empty: always.
  using Reusable = std::function<bool(const Connection&)>;

  // A borrowed connection, returned to the pool at scope end.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    ~Lease() { pool_.release(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }
    // The connection is in an unknown state: close it instead of returning it.
    void discard() { conn_.reset(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> conn_;
  };

  ConnectionPool(std::size_t size, std::chrono::milliseconds wait, Connect connect,
                 Reusable reusable = {})
      : size_(size ? size : 1),
        wait_(wait),
        connect_(std::move(connect)),
        reusable_(std::move(reusable)) {}

  // Opens the first connection, so that a wrong URL or path shows at once. Throws Error.
  void open_first() {
    auto conn = connect_();
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(conn));
    ++opened_;
  }

  // Throws Error(Errc::unavailable) when no connection is free within `wait` or opening fails.
  Lease acquire() {
    std::unique_lock lock(mu_);
    for (;;) {
      if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(conn));
      }
      if (opened_ < size_) {
        ++opened_;
        lock.unlock();
        try {
          return Lease(*this, connect_());
        } catch (...) {
          lock.lock();
          --opened_;
          throw;
        }
      }
      ++waiting_;
      bool got =
          available_.wait_for(lock, wait_, [&] { return !idle_.empty() || opened_ < size_; });
      --waiting_;
      if (!got) throw Error(Errc::unavailable, "no database connection became free in time");
    }
  }

  PoolStats stats() const {
    std::lock_guard lock(mu_);
    return {opened_, opened_ - idle_.size(), waiting_};
  }

 private:
  void release(std::unique_ptr<Connection> conn) {
    {
      std::lock_guard lock(mu_);
      if (conn && (!reusable_ || reusable_(*conn)))
        idle_.push_back(std::move(conn));
      else
        --opened_;
    }
    available_.notify_one();
  }

  const std::size_t size_;
  const std::chrono::milliseconds wait_;
  Connect connect_;
  Reusable reusable_;
  mutable std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t opened_ = 0;
  std::size_t waiting_ = 0;
};

}  // namespace mosaik::storage
