// The cluster's routing: which host answers a statement, what it knows about each host, and
// what a failure tells it.

#include "soong/cluster.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "soong/error.hpp"
#include "soong/execute.hpp"
#include "soong_parameters.hpp"

namespace soong {
namespace detail {

namespace {

using clock = std::chrono::steady_clock;

/// One server of the cluster.
struct host {
  std::string label;  // "host:port"
  std::unique_ptr<pool> connections;
  // Guarded by cluster_state::mutex.
  host_role role = host_role::unknown;
  std::uint64_t position = 0;
  clock::time_point checked_at{};
  bool checked = false;
  clock::time_point down_until{};
};

/// "host:port" of a URL or conninfo, for messages and route events (never the password).
std::string label_of(const std::string& url_or_conninfo, std::size_t index) {
  soong_parameters ignored;
  std::string text;
  try {
    text = take_soong_parameters(url_or_conninfo, ignored);
  } catch (const error&) {
    text = url_or_conninfo;
  }
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(text.c_str(), &message);
  if (message != nullptr) PQfreemem(message);
  std::string host_part;
  std::string port_part;
  if (options != nullptr) {
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (o->val == nullptr) continue;
      if (std::string_view(o->keyword) == "host") host_part = o->val;
      if (std::string_view(o->keyword) == "port") port_part = o->val;
    }
    PQconninfoFree(options);
  }
  if (host_part.empty()) host_part = "host" + std::to_string(index);
  return port_part.empty() ? host_part : host_part + ":" + port_part;
}

/// The primary's WAL position as a standby's pg_last_wal_replay_lsn() will show it once it has
/// replayed everything inserted so far. pg_current_wal_insert_lsn() rather than
/// pg_current_wal_lsn(): with synchronous_commit = off a commit can still be unwritten when the
/// client hears of it. But at the start of a page the insert position counts the page header
/// (24 bytes, 40 at a segment's start, e.g. after a WAL switch), which replay never reports as
/// reached: no record ends there, so those offsets are taken back to the page boundary.
constexpr const char* insert_position_sql =
    "(SELECT (l - CASE ((l - '0/0'::pg_catalog.pg_lsn)"
    " % pg_catalog.current_setting('wal_block_size')::numeric)"
    " WHEN 24 THEN 24 WHEN 40 THEN 40 ELSE 0 END)::text"
    " FROM (SELECT pg_catalog.pg_current_wal_insert_lsn() AS l) AS position)";

bool is_recovery_conflict(const std::string& sqlstate) {
  // 40001: "canceling statement due to conflict with recovery" (a standby's replay needed
  // what the statement held); 40P01: the same for a buffer-pin deadlock with recovery.
  return sqlstate == "40001" || sqlstate == "40P01";
}

bool is_lost_server(const std::string& sqlstate) {
  // 57P01-57P03: the server is shutting down or not accepting connections.
  return sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

}  // namespace

struct cluster_state {
  cluster_options options;
  std::vector<host> hosts;
  mutable std::mutex mutex;
  std::mt19937 random{std::random_device{}()};
  std::atomic<std::uint64_t> last_write{0};
  /// A write committed since last_write was read from the primary: last_write_token() asks the
  /// primary again (once, not after every write).
  std::atomic<bool> write_pending{false};

  /// Asks one host for its role and WAL position, outside the mutex. False when it is down.
  bool check(std::size_t index) {
    host& h = hosts[index];
    bool in_recovery = false;
    std::uint64_t position = 0;
    try {
      pool::lease lease = h.connections->acquire();
      const result r =
          execute_sql(*lease, std::string("SELECT pg_catalog.pg_is_in_recovery(),"
                                          " CASE WHEN pg_catalog.pg_is_in_recovery()"
                                          " THEN pg_catalog.pg_last_wal_replay_lsn()::text"
                                          " ELSE ") +
                                  insert_position_sql + " END");
      in_recovery = r.get<bool>(0, 0);
      position =
          consistency_token::parse(r.get<std::optional<std::string>>(0, 1).value_or("")).lsn();
    } catch (const error&) {
      mark_down(index);
      return false;
    }
    const std::lock_guard lock(mutex);
    h.role = in_recovery ? host_role::standby : host_role::primary;
    h.position = position;
    h.checked_at = clock::now();
    h.checked = true;
    h.down_until = {};
    return true;
  }

  void mark_down(std::size_t index) {
    const std::lock_guard lock(mutex);
    host& h = hosts[index];
    h.role = host_role::unknown;
    h.checked = false;
    h.down_until = clock::now() + options.down_host_retry_after;
  }

  /// Checks every host whose facts are older than the interval (or `always`), skipping hosts
  /// that are down unless their wait is over.
  void refresh(bool always) {
    std::vector<std::size_t> due;
    {
      const std::lock_guard lock(mutex);
      const auto now = clock::now();
      for (std::size_t i = 0; i < hosts.size(); ++i) {
        const host& h = hosts[i];
        if (h.down_until > now) continue;
        if (always || !h.checked || now - h.checked_at >= options.role_check_interval) {
          due.push_back(i);
        }
      }
    }
    for (const std::size_t i : due) static_cast<void>(check(i));
  }

  /// The primary's last known WAL position (0 when none is known). Caller holds the mutex.
  [[nodiscard]] std::uint64_t primary_position() const {
    std::uint64_t out = 0;
    for (const host& h : hosts) {
      if (h.role == host_role::primary) out = std::max(out, h.position);
    }
    return out;
  }

  /// Standbys that are up and within the lag bound, in random order. Caller holds the mutex.
  [[nodiscard]] std::vector<std::size_t> usable_standbys(std::optional<std::size_t> exclude) {
    const auto now = clock::now();
    const std::uint64_t primary_at = primary_position();
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < hosts.size(); ++i) {
      const host& h = hosts[i];
      if (exclude == i || h.role != host_role::standby || h.down_until > now) continue;
      if (options.max_replica_lag_bytes && primary_at > h.position &&
          primary_at - h.position > *options.max_replica_lag_bytes) {
        continue;
      }
      out.push_back(i);
    }
    std::shuffle(out.begin(), out.end(), random);
    return out;
  }

  /// The first host believed to be the primary and up. Caller holds the mutex.
  [[nodiscard]] std::optional<std::size_t> known_primary() const {
    const auto now = clock::now();
    for (std::size_t i = 0; i < hosts.size(); ++i) {
      if (hosts[i].role == host_role::primary && hosts[i].down_until <= now) return i;
    }
    return std::nullopt;
  }

  /// A lease of host `index`, or nullopt (the host is then marked down).
  std::optional<host_lease> lease_of(std::size_t index) {
    try {
      return host_lease(index, hosts[index].connections->acquire());
    } catch (const connection_error&) {
      mark_down(index);
      return std::nullopt;
    }
  }

  /// Reads `pg_last_wal_replay_lsn()` on a lease of a standby; 0 when it cannot.
  static std::uint64_t replay_position(const host_lease& use) {
    try {
      const result r = execute_sql(use.conn(), "SELECT pg_catalog.pg_last_wal_replay_lsn()::text");
      return consistency_token::parse(r.get<std::optional<std::string>>(0, 0).value_or("")).lsn();
    } catch (const error&) {
      return 0;
    }
  }

  [[nodiscard]] std::string host_list() const {
    std::string out;
    for (const host& h : hosts) out += (out.empty() ? "" : ", ") + h.label;
    return out;
  }

  void report(const host_lease& use, std::string_view query_name, int attempt, bool succeeded,
              std::string_view error_text) noexcept {
    if (!options.on_route) return;
    route_event event;
    event.query_name = query_name;
    event.host = hosts[use.host()].label;
    {
      const std::lock_guard lock(mutex);
      event.role = hosts[use.host()].role;
    }
    event.attempt = attempt;
    event.succeeded = succeeded;
    event.error = error_text;
    options.on_route(event);
  }
};

host_lease acquire_primary(cluster_state& state, std::string_view query_name) {
  state.refresh(false);
  for (int round = 0; round < 2; ++round) {
    std::optional<std::size_t> index;
    {
      const std::lock_guard lock(state.mutex);
      index = state.known_primary();
    }
    if (index) {
      if (auto use = state.lease_of(*index)) return std::move(*use);
    }
    // No primary known, or it just refused a connection: ask every host again (a standby may
    // have been promoted).
    state.refresh(true);
  }
  throw connection_error(std::string(query_name) +
                         ": soong::cluster found no primary (no host answered "
                         "pg_is_in_recovery() = false) among: " +
                         state.host_list());
}

std::optional<host_lease> acquire_reader(cluster_state& state, std::string_view query_name,
                                         const consistency_token& at_least,
                                         std::optional<std::size_t> exclude) {
  state.refresh(false);
  const auto deadline = clock::now() + state.options.consistency_wait;
  while (true) {
    std::vector<std::size_t> candidates;
    {
      const std::lock_guard lock(state.mutex);
      candidates = state.usable_standbys(exclude);
    }
    for (const std::size_t index : candidates) {
      std::optional<host_lease> use = state.lease_of(index);
      if (!use) continue;
      if (at_least.empty()) return use;
      {
        // Replay only moves forward: a position already known to be far enough still is.
        const std::lock_guard lock(state.mutex);
        if (state.hosts[index].position >= at_least.lsn()) return use;
      }
      const std::uint64_t replayed = cluster_state::replay_position(*use);
      {
        const std::lock_guard lock(state.mutex);
        state.hosts[index].position = std::max(state.hosts[index].position, replayed);
      }
      if (replayed >= at_least.lsn()) return use;
    }
    if (at_least.empty() || candidates.empty() || clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  // No standby qualifies: the primary answers, unless it is the host that just failed.
  std::optional<std::size_t> primary;
  {
    const std::lock_guard lock(state.mutex);
    primary = state.known_primary();
  }
  if (primary && primary == exclude) return std::nullopt;
  if (exclude && !primary) {
    // A retry with no primary known: any other host that is up will do.
    return std::nullopt;
  }
  return acquire_primary(state, query_name);
}

void record_success(cluster_state& state, const host_lease& use, std::string_view query_name,
                    int attempt) noexcept {
  state.report(use, query_name, attempt, true, {});
}

read_retry record_failure(cluster_state& state, const host_lease& use,
                          std::string_view query_name, int attempt,
                          const std::exception_ptr& failure) noexcept {
  read_retry retry = read_retry::none;
  std::string text;
  try {
    std::rethrow_exception(failure);
  } catch (const sql_error& e) {
    text = e.what();
    if (e.sqlstate() == "25006") {
      // "cannot execute ... in a read-only transaction": this host is no longer the primary.
      const std::lock_guard lock(state.mutex);
      state.hosts[use.host()].role = host_role::unknown;
      state.hosts[use.host()].checked = false;
    } else if (is_lost_server(e.sqlstate())) {
      state.mark_down(use.host());
      retry = read_retry::another_host;
    } else if (is_recovery_conflict(e.sqlstate())) {
      retry = read_retry::primary;
    }
  } catch (const connection_error& e) {
    text = e.what();
    state.mark_down(use.host());
    retry = read_retry::another_host;
  } catch (const std::exception& e) {
    text = e.what();
  } catch (...) {
    text = "unknown exception";
  }
  state.report(use, query_name, attempt, false, text);
  return retry;
}

std::optional<host_lease> acquire_retry(cluster_state& state, std::string_view query_name,
                                        const consistency_token& at_least, read_retry where,
                                        std::size_t failed_host) {
  if (where == read_retry::primary) {
    try {
      host_lease primary = acquire_primary(state, query_name);
      if (primary.host() != failed_host) return primary;
    } catch (const connection_error&) {
      // No primary answers now: a standby other than the one that cancelled the read may still.
    }
  }
  return acquire_reader(state, query_name, at_least, failed_host);
}

namespace {

/// The primary's WAL insert position on `conn`, raising the cluster's last write token to it.
consistency_token read_insert_position(cluster_state& state, connection& conn) {
  const result r = execute_sql(conn, std::string("SELECT ") + insert_position_sql);
  const consistency_token token =
      consistency_token::parse(r.get<std::optional<std::string>>(0, 0).value_or(""));
  std::uint64_t seen = state.last_write.load();
  while (seen < token.lsn() && !state.last_write.compare_exchange_weak(seen, token.lsn())) {
  }
  return token;
}

}  // namespace

consistency_token record_write(cluster_state& state, const host_lease& use,
                               std::string_view /*query_name*/) noexcept {
  try {
    return read_insert_position(state, use.conn());
  } catch (...) {
    // The write stands; the next last_write_token() asks the primary again.
    state.write_pending = true;
    return {};
  }
}

void note_write(cluster_state& state) noexcept { state.write_pending = true; }

void begin_snapshot(const host_lease& use) {
  execute_script(use.conn(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

void end_snapshot(const host_lease& use) noexcept {
  try {
    if (use.conn().is_open()) execute_script(use.conn(), "COMMIT");
  } catch (...) {
    // The pool closes a connection left inside a transaction.
  }
}

std::string_view host_name(const cluster_state& state, std::size_t index) noexcept {
  return state.hosts[index].label;
}

host_role host_role_of(const cluster_state& state, std::size_t index) noexcept {
  const std::lock_guard lock(state.mutex);
  return state.hosts[index].role;
}

}  // namespace detail

cluster::cluster(cluster_options options) : state_(std::make_unique<detail::cluster_state>()) {
  state_->options = std::move(options);
  std::vector<std::string> urls{state_->options.primary};
  for (const std::string& replica : state_->options.replicas) urls.push_back(replica);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    detail::host h;
    h.label = detail::label_of(urls[i], i);
    h.connections =
        std::make_unique<pool>(urls[i], state_->options.pool, state_->options.connection);
    state_->hosts.push_back(std::move(h));
  }
}

cluster cluster::from_environment(cluster_options base) {
  const char* url = std::getenv("DATABASE_URL");
  base.primary = url != nullptr && *url != '\0' ? std::string(url) : conninfo_from_environment();
  base.replicas.clear();
  if (const char* list = std::getenv("DATABASE_REPLICA_URLS"); list != nullptr) {
    const std::string_view text(list);
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find(',', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view item = text.substr(start, end - start);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      if (!item.empty()) base.replicas.emplace_back(item);
      start = end + 1;
    }
  }
  return cluster(std::move(base));
}

cluster::cluster(cluster&&) noexcept = default;
cluster& cluster::operator=(cluster&&) noexcept = default;
cluster::~cluster() = default;

consistent_reads cluster::at_least(consistency_token token) {
  return consistent_reads(*state_, token);
}

replica_snapshot cluster::read_snapshot(consistency_token at_least) {
  std::optional<detail::host_lease> use =
      detail::acquire_reader(*state_, "cluster::read_snapshot", at_least, std::nullopt);
  if (!use) {
    throw connection_error("cluster::read_snapshot: no host available among: " +
                           state_->host_list());
  }
  return replica_snapshot(*state_, std::move(*use));
}

consistency_token cluster::last_write_token() const {
  // Cleared before asking: a write committing meanwhile sets it again, so the next call asks
  // again rather than answer with a position that may be before that write.
  if (state_->write_pending.exchange(false)) {
    constexpr std::string_view name = "cluster::last_write_token";
    try {
      const detail::host_lease use = detail::acquire_primary(*state_, name);
      static_cast<void>(detail::read_insert_position(*state_, use.conn()));
    } catch (...) {
      state_->write_pending = true;
      throw;
    }
  }
  return consistency_token(state_->last_write.load());
}

std::vector<host_status> cluster::hosts() const {
  std::vector<host_status> out;
  const std::lock_guard lock(state_->mutex);
  const auto now = std::chrono::steady_clock::now();
  for (const detail::host& h : state_->hosts) {
    out.push_back({h.label, h.role, h.down_until > now, consistency_token(h.position)});
  }
  return out;
}

replica_snapshot::replica_snapshot(detail::cluster_state& state, detail::host_lease use)
    : state_(&state), use_(std::move(use)), role_(detail::host_role_of(state, use_->host())) {
  detail::begin_snapshot(*use_);
}

replica_snapshot::replica_snapshot(replica_snapshot&& other) noexcept
    : state_(other.state_), use_(std::move(other.use_)), role_(other.role_) {
  other.use_.reset();
}

replica_snapshot::~replica_snapshot() {
  if (use_) detail::end_snapshot(*use_);
}

std::string_view replica_snapshot::host() const noexcept {
  return use_ ? detail::host_name(*state_, use_->host()) : std::string_view();
}

}  // namespace soong
