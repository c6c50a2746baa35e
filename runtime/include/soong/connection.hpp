#pragma once
// soong::connection: one libpq connection (RAII, movable) with its prepared-statement cache and
// user-type registry.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "soong/statement_cache.hpp"
#include "soong/statement_hook.hpp"
#include "soong/type_registry.hpp"

struct pg_conn;

namespace soong {

namespace detail {
struct connection_state;
}
class connection;

namespace detail {

/// Marks a connection busy for the duration of one call (a statement, a batch, a COPY, a
/// transaction command). A connection is one libpq connection: a second thread calling while
/// the first is inside a call would interleave protocol messages and crash or hang, so the
/// second call throws soong::error instead and the first goes on undisturbed.
class [[nodiscard]] connection_use {
 public:
  connection_use(connection& conn, std::string_view query_name);
  ~connection_use();
  connection_use(const connection_use&) = delete;
  connection_use& operator=(const connection_use&) = delete;

 private:
  connection_state* state_;
};

}  // namespace detail
struct connection_config;

/// Per-connection switches.
struct connection_options {
  /// Unset: the connection URL's `statement_cache` (or `pooler`) parameter, then the
  /// environment (`SOONG_STATEMENT_CACHE=auto|on|off`, `SOONG_POOLER=transaction|session|none`),
  /// then `automatic`.
  std::optional<statement_cache_mode> statement_cache{};
  /// Bounds each call (statement, batch, COPY, transaction command) on its own: when it runs
  /// longer, soong cancels it on the server and it throws query_canceled (soong/deadline.hpp).
  /// Unset: no bound (a deadline_scope can still set one).
  std::optional<std::chrono::milliseconds> statement_timeout{};
  /// After a deadline's cancel request, how long the server gets to stop the statement before
  /// soong shuts the connection down (the call then throws connection_error).
  std::chrono::milliseconds cancel_grace{2000};
};

/// The conninfo soong uses for connection::from_environment(): `DATABASE_URL` if set; else the
/// keys given by `PG_HOST`, `PG_PORT`, `PG_DBNAME`, `PG_USER`, `PG_PASSWORD` (unset ones are
/// left out, so libpq's own PG* variables and defaults fill them); else "" (all libpq's).
/// Contains the password when one is set: do not log it.
[[nodiscard]] std::string conninfo_from_environment();

/// A connection to PostgreSQL. One thread at a time (use soong::pool to share connections
/// between threads): a call made while another thread's call is running on the same connection
/// throws soong::error naming the query.
class connection {
 public:
  /// Connects with a URL (`postgresql://user:pass@host:port/db?sslmode=require`) or a libpq
  /// conninfo string (`host=... dbname=...`). Throws connection_error naming host, port and
  /// database (never the password).
  explicit connection(std::string_view url_or_conninfo, connection_options options = {});
  /// Connects with `config.conninfo_for_connect()` (soong/connection_config.hpp) and keeps the
  /// config: every reconnect() builds a fresh conninfo, signing a new RDS IAM token when IAM is
  /// on. Throws connection_error (never the token or password), also when IAM lacks a region,
  /// credentials, host or user.
  explicit connection(const connection_config& config, connection_options options = {});
  /// Connects with connection_config::from_environment() (DATABASE_URL, CONNECTION_URL, PG_*,
  /// libpq's PG*; RDS IAM when PG_IAM_AUTH=1 or on Lambda without a password).
  [[nodiscard]] static connection from_environment(connection_options options = {});

  connection(connection&&) noexcept;
  connection& operator=(connection&&) noexcept;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection();

  /// False after the server closed the connection or a network failure was seen, and after a
  /// reconnect() whose new session could not be started.
  [[nodiscard]] bool is_open() const noexcept;
  /// Reconnects with the same parameters (PQreset; for a connection_config, a new connection
  /// with a freshly signed conninfo), dropping prepared statements and the type cache; throws
  /// connection_error on failure. When the new session cannot be put in UTC (its `SET
  /// TimeZone` fails: refused, or cancelled by a deadline or cancel()), the new connection is
  /// closed before the error is thrown: is_open() is false and every call throws
  /// connection_error until a reconnect() succeeds; no call runs in a session in another zone.
  void reconnect();

  /// Sets how generated statements run (see statement_cache_mode); forgets the cached ones.
  void set_statement_cache(statement_cache_mode mode);
  /// The mode as configured.
  [[nodiscard]] statement_cache_mode statement_cache() const;
  /// Whether generated statements are prepared under a name right now: false for `off`, and for
  /// `automatic` once a pooler was detected.
  [[nodiscard]] bool statement_cache_enabled() const noexcept;
  /// Deallocates this connection's cached prepared statements.
  void clear_statement_cache();

  /// Installs (or, with an empty function, removes) the statement hook. Parameter values are
  /// passed to it only when `include_parameters` is true.
  void set_statement_hook(statement_hook hook, bool include_parameters = false);

  /// Sets (or, with nullopt, removes) the bound of each call; see connection_options.
  void set_statement_timeout(std::optional<std::chrono::milliseconds> timeout);

  /// Asks the server to cancel whatever this connection runs now (PostgreSQL's cancel request);
  /// the running call throws query_canceled. The one member that may be called from another
  /// thread while a call runs. Harmless when nothing runs. Throws connection_error when the
  /// request cannot be sent.
  void cancel();

  /// User-type OIDs of this connection's database.
  [[nodiscard]] type_registry& types();

  /// Host, port and database for log lines (no password).
  [[nodiscard]] std::string description() const;
  /// The server's backend process id (for pg_terminate_backend / pg_cancel_backend).
  [[nodiscard]] int backend_pid() const;
  /// The libpq handle, for what soong does not wrap. Do not PQfinish it.
  [[nodiscard]] pg_conn* native_handle() const noexcept;

  /// Internal state, for soong's own execution functions.
  [[nodiscard]] detail::connection_state& state() const;

 private:
  friend class deadline_scope;  // ends without effect once this object no longer holds its state
  std::unique_ptr<detail::connection_state> state_;
};

}  // namespace soong
