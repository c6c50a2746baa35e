#pragma once
// soong::cluster: a primary and its hot standbys behind one object. Generated functions take a
// cluster (or one of its handles) as well as a connection; reads go to a standby, writes to
// the primary (docs/replicas.md).

#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "soong/cluster_target.hpp"
#include "soong/connection.hpp"
#include "soong/consistency_token.hpp"
#include "soong/pool.hpp"
#include "soong/transaction.hpp"

namespace soong {

/// What a host was the last time soong asked it (`pg_is_in_recovery()`).
enum class host_role { unknown, primary, standby };

/// One statement (or transaction) the cluster ran, for logs and for tests that check routing.
struct route_event {
  std::string_view query_name;
  std::string_view host;  ///< "host:port" as configured
  host_role role = host_role::unknown;
  int attempt = 1;  ///< 2 for the one retry of a read
  bool succeeded = false;
  std::string_view error;  ///< what() of the failure; empty on success
};

/// Called synchronously after each statement the cluster routes; must not throw.
using route_hook = std::function<void(const route_event&)>;

/// The hosts and the rules of a cluster.
struct cluster_options {
  /// URL or libpq conninfo of the primary as configured. Which host is the primary is
  /// rediscovered with pg_is_in_recovery() after connection failures, so after a failover a
  /// promoted replica takes writes without a restart.
  std::string primary;
  /// URLs or conninfos of the hot standbys.
  std::vector<std::string> replicas;
  /// Limits of each host's pool (max_connections is per host).
  pool_options pool{};
  /// Switches of every connection.
  connection_options connection{};
  /// How old a host's role and WAL position may be before a routing decision asks it again
  /// (one small query on an idle connection). 0: ask before every decision.
  std::chrono::milliseconds role_check_interval{1000};
  /// A standby whose replay position is further than this behind the primary's WAL is not
  /// used for reads (when all are, reads go to the primary). nullopt: no bound.
  std::optional<std::uint64_t> max_replica_lag_bytes{std::uint64_t{16} << 20};
  /// How long a read given a consistency_token waits for a standby to replay that far before
  /// it goes to the primary instead.
  std::chrono::milliseconds consistency_wait{500};
  /// A host that refused a connection or broke one is left alone this long.
  std::chrono::milliseconds down_host_retry_after{2000};
  /// Sees every routed statement (optional).
  route_hook on_route{};
};

/// What the cluster knows about one host.
struct host_status {
  std::string host;  ///< "host:port"
  host_role role = host_role::unknown;
  bool down = false;
  consistency_token position;  ///< WAL position when last asked (replay position on a standby)
};

class cluster;
class cluster_transaction;
class replica_snapshot;
class consistent_reads;

namespace detail {

struct cluster_state;

/// A connection lent by one host's pool.
class host_lease {
 public:
  host_lease(std::size_t host, pool::lease lease) noexcept
      : host_(host), lease_(std::move(lease)) {}
  [[nodiscard]] connection& conn() const noexcept { return lease_.get(); }
  [[nodiscard]] std::size_t host() const noexcept { return host_; }

 private:
  std::size_t host_;
  pool::lease lease_;
};

/// A connection to the primary (discovering it when unknown); throws connection_error naming
/// `query_name` and every host when no host says it is the primary.
[[nodiscard]] host_lease acquire_primary(cluster_state& state, std::string_view query_name);
/// A connection to a standby that is up, within the lag bound and (when `at_least` is not
/// empty) has replayed that far, chosen at random among them; else to the primary. Skips the
/// host `exclude`; nullopt when no other host is left.
[[nodiscard]] std::optional<host_lease> acquire_reader(cluster_state& state,
                                                       std::string_view query_name,
                                                       const consistency_token& at_least,
                                                       std::optional<std::size_t> exclude);
void record_success(cluster_state& state, const host_lease& use, std::string_view query_name,
                    int attempt) noexcept;

/// Where a failed read may run once more.
enum class read_retry {
  none,          ///< not at all: the failure is the statement's own
  another_host,  ///< any other host: this one broke or is shutting down
  primary,       ///< the primary: a standby's replay cancelled it (every standby replays the
                 ///< same WAL, so another standby may cancel it again; the primary cannot)
};

/// Notes a failure (a broken connection marks the host down; a write refused as read-only
/// makes its role unknown) and says where a read may run again.
[[nodiscard]] read_retry record_failure(cluster_state& state, const host_lease& use,
                                        std::string_view query_name, int attempt,
                                        const std::exception_ptr& failure) noexcept;
/// The connection for the one retry of a read that failed on `failed_host`: the primary when
/// `where` says so and it is another host (else, or when no primary answers, as
/// acquire_reader() excluding `failed_host`); nullopt when no other host is left.
[[nodiscard]] std::optional<host_lease> acquire_retry(cluster_state& state,
                                                      std::string_view query_name,
                                                      const consistency_token& at_least,
                                                      read_retry where, std::size_t failed_host);
/// After a committed transaction on the primary: reads pg_current_wal_insert_lsn() on the same
/// connection and raises the cluster's last write token. Empty when that query fails (the write
/// stands; the next last_write_token() asks the primary).
consistency_token record_write(cluster_state& state, const host_lease& use,
                               std::string_view query_name) noexcept;
/// After a write outside cluster::transaction: no query now (it would double the write's round
/// trips); the next last_write_token() reads the primary's position.
void note_write(cluster_state& state) noexcept;
/// Begins the read-only REPEATABLE READ transaction of a snapshot on `use`.
void begin_snapshot(const host_lease& use);
/// Ends it (a read-only transaction: nothing to keep); a failure is swallowed.
void end_snapshot(const host_lease& use) noexcept;
[[nodiscard]] std::string_view host_name(const cluster_state& state, std::size_t host) noexcept;
[[nodiscard]] host_role host_role_of(const cluster_state& state, std::size_t host) noexcept;

template <class Fn>
using call_result_t = std::invoke_result_t<Fn&, connection&>;

/// fn(conn), then `after()` when it returned normally.
template <class Fn, class After>
call_result_t<Fn> call_then(Fn& fn, connection& conn, After&& after) {
  if constexpr (std::is_void_v<call_result_t<Fn>>) {
    fn(conn);
    after();
  } else {
    call_result_t<Fn> out = fn(conn);
    after();
    return out;
  }
}

/// A write on the primary: never retried (it may have run), then noted for last_write_token().
template <class Fn>
call_result_t<Fn> run_write(cluster_state& state, std::string_view query_name, Fn& fn) {
  const host_lease use = acquire_primary(state, query_name);
  try {
    return call_then(fn, use.conn(), [&] {
      record_success(state, use, query_name, 1);
      note_write(state);
    });
  } catch (...) {
    static_cast<void>(record_failure(state, use, query_name, 1, std::current_exception()));
    throw;
  }
}

/// A read on a standby (or the primary), run once more when its connection broke (on another
/// host) or a recovery conflict cancelled it (on the primary).
template <class Fn>
call_result_t<Fn> run_read(cluster_state& state, std::string_view query_name,
                           const consistency_token& at_least, Fn& fn) {
  std::optional<host_lease> use = acquire_reader(state, query_name, at_least, std::nullopt);
  try {
    return call_then(fn, use->conn(), [&] { record_success(state, *use, query_name, 1); });
  } catch (...) {
    const read_retry where = record_failure(state, *use, query_name, 1, std::current_exception());
    if (where == read_retry::none) throw;
    const std::size_t failed_host = use->host();
    use.reset();  // back to its pool (or closed, when broken) before another lease is taken
    use = acquire_retry(state, query_name, at_least, where, failed_host);
    if (!use) throw;
  }
  try {
    return call_then(fn, use->conn(), [&] { record_success(state, *use, query_name, 2); });
  } catch (...) {
    static_cast<void>(record_failure(state, *use, query_name, 2, std::current_exception()));
    throw;
  }
}

}  // namespace detail

/// A primary and its hot standbys, each with its own pool. Thread-safe. Generated functions
/// called with a cluster send read-only statements to a standby (chosen at random among those
/// up and within the lag bound, else the primary) and the rest to the primary.
class cluster {
 public:
  static constexpr bool can_write = true;

  explicit cluster(cluster_options options);
  /// The primary from `DATABASE_URL` (or conninfo_from_environment()), the standbys from
  /// `DATABASE_REPLICA_URLS` (comma-separated; unset or empty: none, so every statement goes
  /// to the primary). Other options from `base`.
  [[nodiscard]] static cluster from_environment(cluster_options base = {});

  cluster(cluster&&) noexcept;
  cluster& operator=(cluster&&) noexcept;
  cluster(const cluster&) = delete;
  cluster& operator=(const cluster&) = delete;
  ~cluster();

  /// Runs `fn(connection&)` where `where` says: reads once more after a broken connection (on
  /// another host) or a recovery conflict (on the primary), writes never again (they may have
  /// run). Generated functions call this; call it yourself for hand-written SQL.
  template <class Fn>
  detail::call_result_t<Fn> run(route where, std::string_view query_name, Fn&& fn) {
    if (where == route::primary) return detail::run_write(*state_, query_name, fn);
    return detail::run_read(*state_, query_name, consistency_token{}, fn);
  }

  /// Runs `fn(cluster_transaction&)` in one transaction on the primary (every statement,
  /// reads too) and commits; returns the consistency token of the commit (empty when it could
  /// not be read). Rolls back and rethrows when `fn` throws.
  template <class Fn>
  consistency_token transaction(Fn&& fn, transaction_options options = {});

  /// Reads that see at least `token`: each goes to a standby that has replayed that far,
  /// waiting up to consistency_wait, else to the primary.
  [[nodiscard]] consistent_reads at_least(consistency_token token);

  /// A read-only REPEATABLE READ transaction on one standby (the primary when none
  /// qualifies): several reads see one snapshot. With a token, the standby has replayed it.
  [[nodiscard]] replica_snapshot read_snapshot(consistency_token at_least = {});

  /// A WAL position at or after every write this cluster committed: hand it to the client (a
  /// cookie, a header) and read with at_least() on its next request. When a write ran outside
  /// cluster::transaction since the last call, asks the primary for its position (one small
  /// query; a single write does not pay for it). Throws connection_error when no primary answers.
  [[nodiscard]] consistency_token last_write_token() const;

  /// What the cluster knows about each host, primary as configured first.
  [[nodiscard]] std::vector<host_status> hosts() const;

 private:
  std::unique_ptr<detail::cluster_state> state_;
};

/// The handle inside cluster::transaction: every statement on the transaction's connection.
class cluster_transaction {
 public:
  static constexpr bool can_write = true;
  explicit cluster_transaction(connection& conn) noexcept : conn_(&conn) {}

  template <class Fn>
  detail::call_result_t<Fn> run(route /*where*/, std::string_view /*query_name*/, Fn&& fn) {
    return fn(*conn_);
  }
  /// The primary's connection, for hand-written SQL in the same transaction.
  [[nodiscard]] connection& conn() const noexcept { return *conn_; }

 private:
  connection* conn_;
};

/// Reads that must see a write (cluster::at_least). Read-only: a generated function that writes
/// does not compile with it.
class consistent_reads {
 public:
  static constexpr bool can_write = false;
  consistent_reads(detail::cluster_state& state, consistency_token token) noexcept
      : state_(&state), token_(token) {}

  template <class Fn>
  detail::call_result_t<Fn> run(route /*where*/, std::string_view query_name, Fn&& fn) {
    return detail::run_read(*state_, query_name, token_, fn);
  }

 private:
  detail::cluster_state* state_;
  consistency_token token_;
};

/// A read-only snapshot on one host (cluster::read_snapshot): every read sees the same data.
/// Read-only: a generated function that writes does not compile with it. Reads are not retried
/// (the snapshot is gone with its connection). Must not outlive its cluster.
class replica_snapshot {
 public:
  static constexpr bool can_write = false;
  replica_snapshot(detail::cluster_state& state, detail::host_lease use);
  replica_snapshot(replica_snapshot&& other) noexcept;
  replica_snapshot& operator=(replica_snapshot&&) = delete;
  replica_snapshot(const replica_snapshot&) = delete;
  replica_snapshot& operator=(const replica_snapshot&) = delete;
  ~replica_snapshot();

  template <class Fn>
  detail::call_result_t<Fn> run(route /*where*/, std::string_view query_name, Fn&& fn) {
    try {
      return detail::call_then(fn, use_->conn(),
                               [&] { detail::record_success(*state_, *use_, query_name, 1); });
    } catch (...) {
      static_cast<void>(
          detail::record_failure(*state_, *use_, query_name, 1, std::current_exception()));
      throw;
    }
  }

  /// "host:port" of the host holding the snapshot.
  [[nodiscard]] std::string_view host() const noexcept;
  /// Its role when the snapshot began.
  [[nodiscard]] host_role role() const noexcept { return role_; }

 private:
  detail::cluster_state* state_;
  std::optional<detail::host_lease> use_;
  host_role role_;
};

template <class Fn>
consistency_token cluster::transaction(Fn&& fn, transaction_options options) {
  constexpr std::string_view name = "cluster::transaction";
  const detail::host_lease use = detail::acquire_primary(*state_, name);
  try {
    soong::transaction tx(use.conn(), options);
    cluster_transaction handle(use.conn());
    fn(handle);
    tx.commit();
  } catch (...) {
    static_cast<void>(detail::record_failure(*state_, use, name, 1, std::current_exception()));
    throw;
  }
  detail::record_success(*state_, use, name, 1);
  return detail::record_write(*state_, use, name);
}

}  // namespace soong
