#pragma once
// The client sessions of one database (pg_stat_activity), and ending them. The command's own
// session is never listed, so it can never be ended by mistake.

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace soong {
class connection;
}

namespace soong::gen::lifecycle {

struct session_info {
  int pid = 0;
  std::string user;
  std::string application;
  std::string client;  // `host:port`, or `local` for a Unix socket
  std::string state;   // active, idle, idle in transaction, ...
  /// Seconds since the session's transaction began, one decimal; empty outside a transaction.
  std::string transaction_age;
  std::string query;  // the current or last query, whitespace collapsed, cut short
  /// Seconds since the state last changed (how long an idle session has been idle).
  double seconds_in_state = 0;
};

/// Every client session connected to `database`, except the caller's own, by pid.
[[nodiscard]] std::vector<session_info> sessions_of(connection& conn, std::string_view database);

/// `pid 123 (user app, application psql, client local)`.
[[nodiscard]] std::string describe(const session_info& session);

[[nodiscard]] nlohmann::json to_json(const session_info& session);

/// The sessions from `sessions` that are idle (also idle in a transaction) for `at_least`.
[[nodiscard]] std::vector<session_info> idle_for(const std::vector<session_info>& sessions,
                                                 std::chrono::milliseconds at_least);

/// pg_terminate_backend; false when the session was already gone.
[[nodiscard]] bool terminate_session(connection& conn, int pid);

}  // namespace soong::gen::lifecycle
