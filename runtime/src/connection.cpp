// soong::connection: connecting, reconnecting, and the switches of a connection.

#include "soong/connection.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <sys/socket.h>

#include <array>
#include <exception>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "connection_state.hpp"
#include "secrets.hpp"
#include "session_time_zone.hpp"
#include "soong/connection_config.hpp"
#include "soong/deadline.hpp"
#include "soong/error.hpp"
#include "soong_parameters.hpp"

namespace soong {

namespace {

/// The password in `conninfo` (URL or key=value), or "" when none or unparsable.
std::string password_of(const std::string& conninfo) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (parse_error != nullptr) PQfreemem(parse_error);
  std::string password;
  if (options != nullptr) {
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
      if (std::string_view(o->keyword) == "password" && o->val != nullptr) password = o->val;
    }
    PQconninfoFree(options);
  }
  return password;
}

/// Removes secrets from a libpq message: the password itself, and the password part of any
/// `scheme://user:password@` URL (libpq may echo a malformed URL back).
std::string scrub(std::string message, const std::string& password) {
  if (!password.empty()) {
    for (std::size_t at = message.find(password); at != std::string::npos;
         at = message.find(password, at)) {
      message.replace(at, password.size(), "***");
      at += 3;
    }
  }
  return detail::without_url_passwords(std::move(message));
}

/// libpq's message for a refused server certificate, with what OpenSSL checked (libpq does not
/// say which check failed).
std::string with_tls_hint(std::string message) {
  if (message.find("certificate verify failed") != std::string::npos) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    message +=
        " (the server's certificate chain does not lead to sslrootcert, or a certificate in it "
        "has expired or is not valid yet)";
  }
  return message;
}

/// Closes the server session of `s.conn` whose start failed, keeping the PGconn (PQreset needs
/// its parameters): after this no call can run in that session. A session not put in UTC would
/// answer in the server's zone (timestamptz in a query's _json twin, in text): wrong values,
/// not an error.
void close_failed_session(detail::connection_state& s, std::string reason) noexcept {
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  s.session_start_failure = std::move(reason);
  // First: cancel() then reports no open connection, and soong's duplicate of the socket (held
  // during a watched call) is closed, so the socket really closes when libpq closes it below.
  detail::detach_session(s.deadlines);
  // Nothing more reaches the server on this socket, whatever libpq does next; reading the end
  // of the stream makes libpq close it and mark the connection bad, so is_open() is false and
  // soong::default_connection() and soong::pool replace the connection.
  if (const int socket = PQsocket(s.conn); socket >= 0) ::shutdown(socket, SHUT_RDWR);
  static_cast<void>(PQconsumeInput(s.conn));
}

/// What every fresh libpq connection of a soong::connection goes through, whichever way it
/// was made (first connect, reconnect by fresh conninfo or by PQreset): the session in UTC,
/// the type registry, the cancel handle for deadlines. When the session cannot be put in UTC
/// (the SET failed: cancelled by a deadline or cancel(), or refused), the libpq connection is
/// closed before the connection_error propagates.
void start_session(detail::connection_state& s) {
  s.session_start_failure.clear();
  s.types.attach(s.conn);
  try {
    // Before the SET: a deadline or cancel() must be able to cancel a SET that hangs.
    detail::attach_session(s.deadlines, s.conn);
    detail::start_session_in_utc(s.conn);
  } catch (const std::exception& e) {
    close_failed_session(s, e.what());
    throw;
  }
}

}  // namespace

namespace detail {

std::string new_statement_prefix() {
  // 64 random bits: two clients of one pooler picking the same prefix is out of the question
  // for any realistic number of connections.
  std::random_device random;
  const std::uint64_t bits = (static_cast<std::uint64_t>(random()) << 32) ^ random();
  return fmt::format("soong_{:016x}_", bits);
}

std::string describe_target(const PGconn* conn) {
  if (conn == nullptr) return "(no connection)";
  const auto text = [](const char* s) { return s != nullptr ? s : ""; };
  return fmt::format("host={} port={} dbname={} user={}", text(PQhost(conn)), text(PQport(conn)),
                     text(PQdb(conn)), text(PQuser(conn)));
}

connection_use::connection_use(connection& conn, std::string_view query_name)
    : state_(&conn.state()) {
  const std::thread::id caller = std::this_thread::get_id();
  if (state_->in_use.exchange(true, std::memory_order_acquire)) {
    if (state_->in_use_by.load(std::memory_order_relaxed) == caller) {
      throw error(fmt::format(
          "{}: this soong::connection is still running a call on this same thread (a query "
          "made from inside a callback that receives rows or batch results while they arrive); "
          "run it on another connection (a soong::pool lends one), or collect the rows first",
          query_name));
    }
    throw error(fmt::format(
        "{}: this soong::connection is running another call on another thread; a connection is "
        "one libpq connection and serves one thread at a time: give each thread its own, or "
        "share a soong::pool",
        query_name));
  }
  state_->in_use_by.store(caller, std::memory_order_relaxed);
  if (state_->deadlines.active()) {
    try {
      watch_call(state_->deadlines, query_name, state_->conn);
    } catch (...) {
      state_->in_use_by.store(std::thread::id{}, std::memory_order_relaxed);
      state_->in_use.store(false, std::memory_order_release);
      throw;
    }
  }
}

connection_use::~connection_use() {
  if (state_->deadlines.cancel_entry != 0) unwatch_call(state_->deadlines);
  state_->in_use_by.store(std::thread::id{}, std::memory_order_relaxed);
  state_->in_use.store(false, std::memory_order_release);
}

}  // namespace detail

connection::connection(std::string_view url_or_conninfo, connection_options options)
    : state_(std::make_unique<detail::connection_state>()) {
  detail::soong_parameters ours;
  const std::string conninfo =
      detail::with_utf8_client_encoding(detail::take_soong_parameters(url_or_conninfo, ours));
  state_->cache_mode = detail::resolve_statement_cache(options, ours);
  state_->statement_prefix = detail::new_statement_prefix();
  state_->conn = PQconnectdb(conninfo.c_str());
  if (state_->conn == nullptr) throw connection_error("cannot connect: out of memory");
  if (PQstatus(state_->conn) != CONNECTION_OK) {
    throw connection_error(
        fmt::format("cannot connect to {}: {}", detail::describe_target(state_->conn),
                    with_tls_hint(scrub(PQerrorMessage(state_->conn), password_of(conninfo)))));
  }
  start_session(*state_);
  state_->deadlines.statement_timeout = options.statement_timeout;
  state_->deadlines.cancel_grace = options.cancel_grace;
}

connection connection::from_environment(connection_options options) {
  // Through connection_config: same precedence as conninfo_from_environment() plus
  // CONNECTION_URL and RDS IAM (PG_IAM_AUTH, Lambda), with a fresh token on every reconnect.
  return connection(connection_config::from_environment(), options);
}

// A deadline_scope belongs to the object it was given (soong/deadline.hpp): the object taking
// the session over starts without the scope's deadline.
connection::connection(connection&& other) noexcept : state_(std::move(other.state_)) {
  if (state_) state_->deadlines.scope_deadline.reset();
}

connection& connection::operator=(connection&& other) noexcept {
  state_ = std::move(other.state_);
  if (state_) state_->deadlines.scope_deadline.reset();
  return *this;
}
connection::~connection() = default;

detail::connection_state& connection::state() const {
  if (!state_) throw error("use of a moved-from soong::connection");
  return *state_;
}

bool connection::is_open() const noexcept {
  return state_ && state_->conn != nullptr && PQstatus(state_->conn) == CONNECTION_OK;
}

void connection::reconnect() {
  const detail::connection_use use(*this, "reconnect");
  detail::connection_state& s = state();
  // The server side of prepared statements and the session's view of types are gone.
  s.statements.clear();
  s.by_descriptor.clear();
  s.crud_statements.clear();
  s.types.clear();
  s.failed_transaction_error.clear();
  s.pooler_detected.reset();  // the new connection may take another path
  if (s.fresh_conninfo) {
    const std::string conninfo = detail::with_utf8_client_encoding(s.fresh_conninfo());
    PGconn* fresh = PQconnectdb(conninfo.c_str());
    if (fresh == nullptr) throw connection_error("cannot reconnect: out of memory");
    if (PQstatus(fresh) != CONNECTION_OK) {
      const std::string message =
          fmt::format("cannot reconnect to {}: {}", detail::describe_target(fresh),
                      with_tls_hint(scrub(PQerrorMessage(fresh), password_of(conninfo))));
      PQfinish(fresh);
      throw connection_error(message);
    }
    // The new session's cancel handle (and, in a watched call, the duplicate of its socket)
    // are in place before the old session ends: a cancel() on another thread or the deadline
    // reaches the session the connection holds from then on.
    PGconn* old = s.conn;
    s.conn = fresh;
    try {
      start_session(s);
    } catch (...) {
      // start_session closed the fresh session: s.conn stays a closed connection (is_open()
      // false) until a reconnect() succeeds.
      PQfinish(old);
      throw;
    }
    PQfinish(old);
    return;
  }
  PQreset(s.conn);
  s.session_start_failure.clear();  // that session is gone either way
  if (PQstatus(s.conn) != CONNECTION_OK) {
    throw connection_error(fmt::format(
        "cannot reconnect to {}: {}", detail::describe_target(s.conn),
        scrub(PQerrorMessage(s.conn), PQpass(s.conn) != nullptr ? PQpass(s.conn) : std::string())));
  }
  start_session(s);
}

void connection::set_statement_timeout(std::optional<std::chrono::milliseconds> timeout) {
  state().deadlines.statement_timeout = timeout;
}

void connection::cancel() { detail::send_cancel(state().deadlines); }

deadline_scope::deadline_scope(connection& conn, deadline_clock::time_point deadline)
    : conn_(&conn), bounded_(&conn.state()), previous_(conn.state().deadlines.scope_deadline) {
  conn.state().deadlines.scope_deadline =
      previous_ && *previous_ < deadline ? *previous_ : deadline;
}

deadline_scope::deadline_scope(connection& conn, deadline_clock::duration timeout)
    : deadline_scope(conn, deadline_clock::now() + timeout) {}

deadline_scope::~deadline_scope() {
  // The connection was moved from (or given another session) while the scope lived.
  if (conn_->state_.get() != bounded_) return;
  conn_->state_->deadlines.scope_deadline = previous_;
}

void connection::set_statement_cache(statement_cache_mode mode) {
  detail::connection_state& s = state();
  clear_statement_cache();
  s.cache_mode = mode;
  s.pooler_detected.reset();
}

statement_cache_mode connection::statement_cache() const { return state().cache_mode; }

bool connection::statement_cache_enabled() const noexcept {
  return state_ && detail::uses_named_statements(*state_);
}

void connection::clear_statement_cache() {
  const detail::connection_use use(*this, "clear_statement_cache");
  detail::connection_state& s = state();
  // Behind a detected pooler the names live on server sessions this client no longer holds:
  // forget them without a round trip.
  if (detail::uses_named_statements(s) && PQstatus(s.conn) == CONNECTION_OK &&
      PQtransactionStatus(s.conn) == PQTRANS_IDLE) {
    for (const auto& [sql, variants] : s.statements) {
      for (const detail::prepared_statement& prepared : variants) {
        if (prepared.name.empty()) continue;
        const std::string deallocate = "DEALLOCATE " + prepared.name;
        PQclear(PQexec(s.conn, deallocate.c_str()));
      }
    }
  }
  s.statements.clear();
  s.by_descriptor.clear();
}

void connection::set_statement_hook(statement_hook hook, bool include_parameters) {
  detail::connection_state& s = state();
  s.hook = std::move(hook);
  s.hook_parameters = include_parameters;
  s.pending_warning.clear();  // a new hook hears of switches from now on
}

type_registry& connection::types() { return state().types; }

std::string connection::description() const { return detail::describe_target(state().conn); }

int connection::backend_pid() const { return PQbackendPID(state().conn); }

pg_conn* connection::native_handle() const noexcept { return state_ ? state_->conn : nullptr; }

}  // namespace soong
