#include "lifecycle/database_sessions.hpp"

#include <fmt/format.h>

#include <string>

#include "soong/connection.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

std::vector<session_info> sessions_of(connection& conn, std::string_view database) {
  // Every column as text, so NULLs (no transaction, background details) read uniformly.
  const result rows =
      execute_sql(conn,
                  "SELECT pid::text,"
                  " coalesce(usename::text, ''),"
                  " coalesce(application_name, ''),"
                  " CASE WHEN client_addr IS NOT NULL"
                  "  THEN host(client_addr) || ':' || client_port::text"
                  "  WHEN client_port = -1 THEN 'local' ELSE '' END,"
                  " coalesce(state, ''),"
                  " coalesce(round(extract(epoch FROM now() - xact_start)::numeric,"
                  "  1)::text, ''),"
                  " coalesce(left(regexp_replace(query, '\\s+', ' ', 'g'), 60), ''),"
                  " coalesce(extract(epoch FROM now() - state_change)::text, '0')"
                  " FROM pg_stat_activity"
                  " WHERE datname = $1 AND pid <> pg_backend_pid()"
                  "  AND backend_type = 'client backend'"
                  " ORDER BY pid",
                  std::string(database));
  std::vector<session_info> sessions;
  for (int row = 0; row < rows.rows(); ++row) {
    session_info s;
    s.pid = std::stoi(rows.get<std::string>(row, 0));
    s.user = rows.get<std::string>(row, 1);
    s.application = rows.get<std::string>(row, 2);
    s.client = rows.get<std::string>(row, 3);
    s.state = rows.get<std::string>(row, 4);
    s.transaction_age = rows.get<std::string>(row, 5);
    s.query = rows.get<std::string>(row, 6);
    s.seconds_in_state = std::stod(rows.get<std::string>(row, 7));
    sessions.push_back(std::move(s));
  }
  return sessions;
}

std::string describe(const session_info& session) {
  return fmt::format("pid {} (user {}, application {}, client {})", session.pid,
                     session.user.empty() ? "-" : session.user,
                     session.application.empty() ? "-" : session.application,
                     session.client.empty() ? "-" : session.client);
}

nlohmann::json to_json(const session_info& session) {
  return {{"pid", session.pid},
          {"user", session.user},
          {"application", session.application},
          {"client", session.client},
          {"state", session.state},
          {"transaction_age_seconds", session.transaction_age.empty()
                                          ? nlohmann::json(nullptr)
                                          : nlohmann::json(std::stod(session.transaction_age))},
          {"query", session.query}};
}

std::vector<session_info> idle_for(const std::vector<session_info>& sessions,
                                   std::chrono::milliseconds at_least) {
  std::vector<session_info> idle;
  const double threshold = static_cast<double>(at_least.count()) / 1000.0;
  for (const session_info& s : sessions) {
    if (s.state.starts_with("idle") && s.seconds_in_state >= threshold) idle.push_back(s);
  }
  return idle;
}

bool terminate_session(connection& conn, int pid) {
  const result done = execute_sql(conn, "SELECT pg_terminate_backend($1)", pid);
  return done.get<bool>(0, 0);
}

}  // namespace soong::gen::lifecycle
