#pragma once
// soong::pool: a bounded, thread-safe set of connections lent out as RAII leases.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "soong/connection.hpp"
#include "soong/connection_factory.hpp"
#include "soong/deadline.hpp"
#include "soong/error.hpp"

namespace soong {

struct connection_config;

/// acquire() waited for the whole acquire timeout and no connection became free.
class pool_timeout : public error {
 public:
  using error::error;
};

/// Limits and checks of a pool.
struct pool_options {
  /// Most connections open at once (idle + leased).
  std::size_t max_connections = 10;
  /// How long acquire() waits for a free connection before throwing pool_timeout.
  std::chrono::milliseconds acquire_timeout{5000};
  /// A connection idle longer than this is checked with an empty query before it is lent out
  /// (a server or NAT may have closed it meanwhile); a failed check replaces it.
  std::chrono::milliseconds idle_check_after{10000};
  /// Connections older than this are closed instead of reused (0: no limit), so that new
  /// credentials, DNS failovers and server-side settings are picked up.
  std::chrono::milliseconds max_lifetime{std::chrono::minutes(30)};
};

namespace detail {
struct pool_state;
}

/// A bounded pool of connections. Thread-safe. Connections are made lazily (none at start)
/// through a connection_factory. Leases must not outlive their pool.
class pool {
 public:
  class lease;

  /// Connections made from a URL or libpq conninfo string (see soong::connection).
  explicit pool(std::string url_or_conninfo, pool_options options = {},
                connection_options connection = {});
  /// Connections made from `config`: every new connection gets a freshly signed RDS IAM token
  /// when IAM is on (soong/connection_config.hpp).
  explicit pool(connection_config config, pool_options options = {},
                connection_options connection = {});
  /// Connections made by `factory` (e.g. with a fresh RDS IAM token each time).
  explicit pool(connection_factory factory, pool_options options = {});
  /// Connections made with conninfo_from_environment(), read at each connect.
  [[nodiscard]] static pool from_environment(pool_options options = {},
                                             connection_options connection = {});

  pool(pool&&) noexcept;
  pool& operator=(pool&&) noexcept;
  ~pool();

  /// Lends a connection, waiting up to pool_options::acquire_timeout; throws pool_timeout then,
  /// or connection_error when a new connection cannot be made.
  [[nodiscard]] lease acquire();
  /// As acquire(), with its own timeout.
  [[nodiscard]] lease acquire(std::chrono::milliseconds timeout);
  /// As acquire(), waiting until `deadline` at most: the same deadline a handler then puts on
  /// the lease's calls with a deadline_scope (soong/deadline.hpp). The deadline bounds the
  /// wait for a free connection and an idle connection's check (a check that does not answer in
  /// time throws pool_timeout); opening a new connection is bounded by the connection's
  /// connect_timeout instead. A deadline that has passed never waits: it gets an idle connection
  /// that needs no check, or a new one while the pool has room (its calls then throw
  /// query_canceled without running), else pool_timeout at once.
  [[nodiscard]] lease acquire(deadline_clock::time_point deadline);

  /// Connections open now (idle + leased + being made).
  [[nodiscard]] std::size_t size() const;
  /// Connections waiting in the pool.
  [[nodiscard]] std::size_t idle() const;
  /// Threads waiting in acquire() now. They are served in arrival order: a returned connection
  /// goes to the one that has waited longest, never to a thread that came later.
  [[nodiscard]] std::size_t waiting() const;

 private:
  std::unique_ptr<detail::pool_state> state_;
};

/// A connection borrowed from a pool; returned when the lease is destroyed. A connection that
/// is broken (the server closed it, a statement saw connection_error), inside a transaction
/// or a failed one, or marked with discard() is closed instead of returned; the pool makes a
/// new one when needed.
class pool::lease {
 public:
  lease(lease&& other) noexcept;
  lease& operator=(lease&& other) noexcept;
  lease(const lease&) = delete;
  lease& operator=(const lease&) = delete;
  ~lease();

  [[nodiscard]] connection& operator*() const noexcept { return *conn_; }
  [[nodiscard]] connection* operator->() const noexcept { return conn_.get(); }
  [[nodiscard]] connection& get() const noexcept { return *conn_; }

  /// Closes the connection on return instead of reusing it (e.g. after changing session state).
  void discard() noexcept { discard_ = true; }
  /// Returns the connection now; the lease is empty afterwards.
  void release() noexcept;

 private:
  friend class pool;
  lease(detail::pool_state* owner, std::unique_ptr<connection> conn,
        std::chrono::steady_clock::time_point created) noexcept;

  detail::pool_state* owner_ = nullptr;
  std::unique_ptr<connection> conn_;
  std::chrono::steady_clock::time_point created_;
  bool discard_ = false;
};

}  // namespace soong
