#pragma once
// Deadlines for calls on a connection. HTTP handlers and Lambda functions run against a clock
// (a client that went away, the function's remaining time): a statement that outlives it only
// holds a connection and a server backend for nobody.
//
// When a call's deadline passes, soong sends PostgreSQL's cancel request: the statement stops
// on the server and the call throws soong::query_canceled naming the query. Outside a
// transaction the connection stays usable; inside one, the transaction has failed (as for any
// error) and must be rolled back. If the server does not answer within the connection's cancel
// grace (a stalled network path, an unresponsive server), soong shuts the connection's socket
// down: the call throws connection_error, and the connection must be reconnected.
//
// A deadline comes from a deadline_scope (every call on the connection while it lives) or from
// connection_options::statement_timeout (each call on its own); the earlier one wins.
//
// A scope bounds the connection object it was given. Moving that connection (construction or
// assignment) ends the scope's effect: the connection that takes the session over starts
// without a scope deadline (its statement_timeout moves with it), and the scope, when it ends,
// leaves whatever the moved-from object holds by then alone.

#include <chrono>
#include <optional>

namespace soong {

class connection;
namespace detail {
struct connection_state;
}

/// The clock deadlines are measured on: monotonic, so a wall-clock change moves no deadline.
using deadline_clock = std::chrono::steady_clock;

/// Bounds every call made on `conn` while it lives by one point in time. Nests: an inner scope
/// cannot extend an outer one's deadline. Not for sharing across threads (neither is the
/// connection).
class [[nodiscard]] deadline_scope {
 public:
  deadline_scope(connection& conn, deadline_clock::time_point deadline);
  /// `timeout` from now.
  deadline_scope(connection& conn, deadline_clock::duration timeout);
  ~deadline_scope();
  deadline_scope(const deadline_scope&) = delete;
  deadline_scope& operator=(const deadline_scope&) = delete;

 private:
  connection* conn_;
  const detail::connection_state* bounded_;  ///< the session state the scope set a deadline on
  std::optional<deadline_clock::time_point> previous_;
};

}  // namespace soong
