// soong::pool: lending, returning, health checks and replacement of connections.

#include "soong/pool.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "connection_health.hpp"
#include "soong/connection_config.hpp"

namespace soong {

namespace detail {

namespace {
using clock = std::chrono::steady_clock;
}

struct pool_state {
  connection_factory factory;
  pool_options options;

  struct idle_connection {
    std::unique_ptr<connection> conn;
    clock::time_point created;
    clock::time_point returned;
  };

  /// A thread waiting in acquire(), served in arrival order: a returned connection or a freed
  /// slot goes straight to the longest waiter, so a thread arriving later cannot take it first
  /// (under load, barging threads would leave an unlucky waiter unserved until its deadline).
  struct waiter {
    std::condition_variable woken;
    std::optional<idle_connection> handed;  // a returned connection, now this waiter's
    bool may_open = false;                  // a slot, counted in `open`: make a new connection
    [[nodiscard]] bool served() const noexcept { return handed.has_value() || may_open; }
  };

  mutable std::mutex mutex;
  std::vector<idle_connection> idle;  // most recently returned last: reused first (warm cache)
  std::deque<waiter*> waiters;        // oldest first; idle is empty while anyone waits
  std::size_t open = 0;               // idle + leased + being made

  bool expired(clock::time_point created, clock::time_point now) const {
    return options.max_lifetime.count() > 0 && now - created >= options.max_lifetime;
  }

  /// Gives idle connections, then free slots, to the waiters in arrival order. Called with
  /// `mutex` held after every change that frees something.
  void serve_waiters() {
    while (!waiters.empty()) {
      waiter& next = *waiters.front();
      if (!idle.empty()) {
        next.handed = std::move(idle.back());
        idle.pop_back();
      } else if (open < options.max_connections) {
        ++open;
        next.may_open = true;
      } else {
        return;
      }
      waiters.pop_front();
      next.woken.notify_one();
    }
  }

  /// A connection given up: frees its slot for a new one.
  void close_one(std::unique_ptr<connection> conn) {
    conn.reset();  // PQfinish outside the lock: it may send a Terminate message
    const std::lock_guard lock(mutex);
    --open;
    serve_waiters();
  }
};

/// Whether a returned connection can be lent again: open and not left inside a transaction.
bool reusable(connection& conn) {
  if (!conn.is_open()) return false;
  // A lease dropped inside a transaction (e.g. by an exception without soong::transaction):
  // its state would leak into the next borrower.
  return PQtransactionStatus(conn.native_handle()) == PQTRANS_IDLE;
}

}  // namespace detail

using detail::pool_state;

pool::pool(std::string url_or_conninfo, pool_options options, connection_options connection)
    : pool([conninfo = std::move(url_or_conninfo),
            connection] { return soong::connection(conninfo, connection); },
           options) {}

pool::pool(connection_config config, pool_options options, connection_options connection)
    : pool([config = std::move(config),
            connection] { return soong::connection(config, connection); },
           options) {}

pool::pool(connection_factory factory, pool_options options)
    : state_(std::make_unique<pool_state>()) {
  if (!factory) throw error("soong::pool: empty connection factory");
  if (options.max_connections == 0) throw error("soong::pool: max_connections must be positive");
  state_->factory = std::move(factory);
  state_->options = options;
}

pool pool::from_environment(pool_options options, connection_options connection) {
  return pool([connection] { return soong::connection::from_environment(connection); }, options);
}

pool::pool(pool&&) noexcept = default;
pool& pool::operator=(pool&&) noexcept = default;
pool::~pool() = default;

pool::lease pool::acquire() { return acquire(state_->options.acquire_timeout); }

pool::lease pool::acquire(std::chrono::milliseconds timeout) {
  return acquire(deadline_clock::now() + timeout);
}

pool::lease pool::acquire(deadline_clock::time_point deadline) {
  pool_state& s = *state_;
  const auto started = deadline_clock::now();
  std::unique_lock lock(s.mutex);
  for (;;) {
    // Take what is free only when nobody is waiting for it already; else wait in line.
    std::optional<pool_state::idle_connection> entry;
    bool may_open = false;
    if (s.waiters.empty() && !s.idle.empty()) {
      entry = std::move(s.idle.back());
      s.idle.pop_back();
    } else if (s.waiters.empty() && s.open < s.options.max_connections) {
      ++s.open;
      may_open = true;
    } else {
      pool_state::waiter me;
      s.waiters.push_back(&me);
      while (!me.served()) {
        if (me.woken.wait_until(lock, deadline) == std::cv_status::timeout && !me.served()) {
          s.waiters.erase(std::find(s.waiters.begin(), s.waiters.end(), &me));
          throw pool_timeout(fmt::format(
              "soong::pool: no connection free after {} ms (all {} in use); return leases "
              "sooner or raise max_connections",
              std::chrono::duration_cast<std::chrono::milliseconds>(deadline_clock::now() -
                                                                    started)
                  .count(),
              s.options.max_connections));
        }
      }
      entry = std::move(me.handed);
      may_open = me.may_open;
    }

    if (entry && s.expired(entry->created, detail::clock::now())) {
      // Past max_lifetime: a new connection takes its slot, and this thread keeps its turn.
      lock.unlock();
      entry->conn.reset();  // PQfinish outside the lock: it may send a Terminate message
      entry.reset();
      may_open = true;
    }
    if (may_open) {
      if (lock.owns_lock()) lock.unlock();
      try {
        auto conn = std::make_unique<connection>(s.factory());
        return lease(&s, std::move(conn), detail::clock::now());
      } catch (...) {
        lock.lock();
        --s.open;
        s.serve_waiters();
        throw;
      }
    }

    if (detail::clock::now() - entry->returned < s.options.idle_check_after) {
      return lease(&s, std::move(entry->conn), entry->created);
    }
    if (deadline_clock::now() >= deadline) {
      // No time for the check's round trip: keep the connection for a later acquire.
      s.idle.push_back(std::move(*entry));
      s.serve_waiters();
      throw pool_timeout(
          "soong::pool: the acquire's deadline had passed before an idle connection could be "
          "checked");
    }
    lock.unlock();  // the check is a round trip: don't hold up other threads
    if (detail::responds_by(*entry->conn, deadline)) {
      return lease(&s, std::move(entry->conn), entry->created);
    }
    s.close_one(std::move(entry->conn));
    if (deadline_clock::now() >= deadline) {
      throw pool_timeout(fmt::format(
          "soong::pool: an idle connection's check did not answer within the {} ms the "
          "acquire had (the network path or the server is stalled)",
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - started).count()));
    }
    lock.lock();
  }
}

std::size_t pool::waiting() const {
  const std::lock_guard lock(state_->mutex);
  return state_->waiters.size();
}

std::size_t pool::size() const {
  const std::lock_guard lock(state_->mutex);
  return state_->open;
}

std::size_t pool::idle() const {
  const std::lock_guard lock(state_->mutex);
  return state_->idle.size();
}

pool::lease::lease(detail::pool_state* owner, std::unique_ptr<connection> conn,
                   std::chrono::steady_clock::time_point created) noexcept
    : owner_(owner), conn_(std::move(conn)), created_(created) {}

pool::lease::lease(lease&& other) noexcept
    : owner_(std::exchange(other.owner_, nullptr)),
      conn_(std::move(other.conn_)),
      created_(other.created_),
      discard_(other.discard_) {}

pool::lease& pool::lease::operator=(lease&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = std::exchange(other.owner_, nullptr);
    conn_ = std::move(other.conn_);
    created_ = other.created_;
    discard_ = other.discard_;
  }
  return *this;
}

pool::lease::~lease() { release(); }

void pool::lease::release() noexcept {
  if (owner_ == nullptr || !conn_) return;
  pool_state& s = *std::exchange(owner_, nullptr);
  const auto now = detail::clock::now();
  if (discard_ || !detail::reusable(*conn_) || s.expired(created_, now)) {
    s.close_one(std::move(conn_));
    return;
  }
  const std::lock_guard lock(s.mutex);
  s.idle.push_back({std::move(conn_), created_, now});
  s.serve_waiters();
}

}  // namespace soong
