#pragma once
// Private: a connection's deadline settings and the watch over its running call (see
// soong/deadline.hpp for what users see).

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "deadline_watch.hpp"
#include "soong/deadline.hpp"

namespace soong::detail {

struct deadline_state {
  // The innermost deadline_scope's deadline, if any.
  std::optional<deadline_clock::time_point> scope_deadline;
  // connection_options::statement_timeout: each call's own bound.
  std::optional<std::chrono::milliseconds> statement_timeout;
  // How long the server gets to answer a cancel request before the socket is shut down.
  std::chrono::milliseconds cancel_grace{2000};

  // The server session's cancel handle, replaced at every (re)connect, and while a watched call
  // runs, soong's own duplicate of the session's socket descriptor (-1: none), which the shutdown
  // after the grace acts on. Never libpq's descriptor number itself: libpq closes its socket on
  // its own when the connection breaks (the server ended the session, a network error), and the
  // process may then reuse that number for anything (another connection, a file); a duplicate's
  // number stays soong's until soong closes it, and shutting it down acts on the same socket.
  // Held only during a watched call, so connections without deadlines spend no descriptor on it
  // and a socket libpq has dropped is closed at the end of the call at the latest. The watch's
  // thread and connection::cancel() read these from other threads, hence the mutex.
  std::mutex session_mutex;
  std::shared_ptr<PGcancel> canceller;
  int socket_duplicate = -1;

  // The running call's watch entries (zero: none) and whether its cancel request was sent.
  deadline_watch::entry_id cancel_entry = 0;
  deadline_watch::entry_id shutdown_entry = 0;
  std::atomic<bool> fired{false};
  std::shared_future<void> cancel_sent;

  /// Whether calls need a watch at all: the hot path's only cost without deadlines.
  [[nodiscard]] bool active() const noexcept {
    return scope_deadline.has_value() || statement_timeout.has_value();
  }

  deadline_state() = default;
  deadline_state(const deadline_state&) = delete;
  deadline_state& operator=(const deadline_state&) = delete;
  ~deadline_state();
};

/// Takes the cancel handle of `conn`'s current server session, and, when a watched call runs (a
/// reconnect), a duplicate of its socket in place of the old session's. On the calling thread
/// of the connection's call.
void attach_session(deadline_state& d, PGconn* conn);
/// Forgets the session's cancel handle and closes the duplicate of its socket; cancel() then
/// reports no open connection.
void detach_session(deadline_state& d) noexcept;

/// Sends a cancel request for whatever `d`'s session runs now. Thread-safe. Throws
/// connection_error when the request cannot be sent.
void send_cancel(deadline_state& d);

/// Starts watching a call on `conn` (when `d.active()`), holding a duplicate of its socket until
/// unwatch_call(): throws query_canceled naming the query when its deadline has already passed.
void watch_call(deadline_state& d, std::string_view query_name, PGconn* conn);
/// Ends the watch of the call; after a cancel was sent, waits (up to the grace) until the
/// server has taken it, so it cannot hit the connection's next call, and shuts the socket down
/// when it has not. Closes the duplicate of the socket.
void unwatch_call(deadline_state& d) noexcept;

/// The action at a call's deadline plus the grace: shuts down the watched call's socket (through
/// soong's duplicate), so libpq's blocking read returns. Nothing when no duplicate is held.
void shut_down_session_socket(deadline_state& d) noexcept;

/// The sentence added to a call's error when its deadline caused it ("" otherwise).
[[nodiscard]] std::string deadline_note(const deadline_state& d);

}  // namespace soong::detail
