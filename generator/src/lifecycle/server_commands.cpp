// The `soong db` commands about the server and its databases: url, wait, create, drop,
// sessions, kill.

#include <fmt/format.h>
#include <libpq-fe.h>

#include <chrono>
#include <optional>
#include <thread>

#include "lifecycle/database_admin.hpp"
#include "lifecycle/database_sessions.hpp"
#include "lifecycle/db_commands.hpp"
#include "lifecycle/duration.hpp"
#include "lifecycle/production_guard.hpp"
#include "lifecycle/quiet_connection.hpp"
#include "soong/connection.hpp"
#include "soong/error.hpp"

namespace soong::gen::lifecycle {
namespace {

std::string sessions_list(const std::vector<session_info>& sessions) {
  std::string list;
  for (const session_info& s : sessions) {
    if (!list.empty()) list += "; ";
    list += describe(s);
  }
  return list;
}

}  // namespace

int run_url(const db_options& options, std::ostream& out) {
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  action_output output(out, options.format);
  output.line("url", database, fmt::format("{} (from {})", target.redacted(), target.source()),
              {{"conninfo", target.redacted()}, {"source", target.source()}});
  return 0;
}

int run_wait(const db_options& options, std::ostream& out) {
  const database_target target = database_target::resolve(options.target);
  const std::chrono::milliseconds timeout = parse_duration(options.timeout);
  const auto start = std::chrono::steady_clock::now();
  const std::string conninfo = target.conninfo_for_connect();
  for (;;) {
    const PGPing ping = PQping(conninfo.c_str());
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (ping == PQPING_OK) {
      action_output output(out, options.format);
      output.line("wait", target.database_name(),
                  fmt::format("server is accepting connections ({:.1f}s)",
                              static_cast<double>(waited.count()) / 1000.0),
                  {{"waited_seconds", static_cast<double>(waited.count()) / 1000.0}});
      return 0;
    }
    if (ping == PQPING_NO_ATTEMPT) {
      throw soong::error("the connection settings are invalid: " + target.redacted());
    }
    if (waited >= timeout) {
      throw soong::error(fmt::format("the server did not accept connections within {}: {}",
                                     options.timeout, target.redacted()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

int run_create(const db_options& options, std::ostream& out) {
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  connection maintenance = connect_quietly(target.maintenance());
  action_output output(out, options.format);
  if (database_exists(maintenance, database)) {
    if (!options.if_not_exists) {
      throw soong::error(fmt::format("database \"{}\" already exists", database));
    }
    output.line("create", database, fmt::format("database \"{}\" already exists", database),
                {{"created", false}});
    return 0;
  }
  create_database(maintenance, database);
  output.line("create", database, fmt::format("created database \"{}\"", database),
              {{"created", true}});
  return 0;
}

int run_drop(const db_options& options, std::ostream& out) {
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  action_output output(out, options.format);
  // The guard asks the database itself (its recorded environment), before anything else.
  std::optional<connection_error> unreachable;
  // That session may still be ending when the maintenance connection looks: it is not one
  // that blocks the drop (DROP DATABASE waits a few seconds for such sessions to go).
  int own_pid = 0;
  try {
    connection conn = connect_quietly(target);
    own_pid = conn.backend_pid();
    guard_production(conn, "run drop", database, options.allow_production);
  } catch (const connection_error& e) {
    unreachable = e;
  }
  connection maintenance = connect_quietly(target.maintenance());
  if (unreachable) {
    if (database_exists(maintenance, database)) throw *unreachable;
    if (!options.if_exists) {
      throw soong::error(fmt::format("database \"{}\" does not exist", database));
    }
    output.line("drop", database, fmt::format("database \"{}\" does not exist", database),
                {{"dropped", false}});
    return 0;
  }
  if (!options.force) {
    std::vector<session_info> blocking = sessions_of(maintenance, database);
    std::erase_if(blocking, [own_pid](const session_info& s) { return s.pid == own_pid; });
    if (!blocking.empty()) {
      throw soong::error(fmt::format(
          "database \"{}\" has {} open session{}; close {} or pass --force to end {}: {}", database,
          blocking.size(), blocking.size() == 1 ? "" : "s", blocking.size() == 1 ? "it" : "them",
          blocking.size() == 1 ? "it" : "them", sessions_list(blocking)));
    }
  }
  drop_database(maintenance, database, options.force);
  output.line("drop", database, fmt::format("dropped database \"{}\"", database),
              {{"dropped", true}});
  return 0;
}

int run_sessions(const db_options& options, std::ostream& out) {
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  connection conn = connect_quietly(target);
  const std::vector<session_info> sessions = sessions_of(conn, database);
  if (options.format == output_format::json) {
    nlohmann::json list = nlohmann::json::array();
    for (const session_info& s : sessions) list.push_back(to_json(s));
    out << nlohmann::json{{"action", "sessions"}, {"database", database}, {"sessions", list}}.dump()
        << "\n";
    return 0;
  }
  if (sessions.empty()) {
    out << fmt::format("no other sessions on database \"{}\"\n", database);
    return 0;
  }
  for (const session_info& s : sessions) {
    out << fmt::format(
        "pid={} user={} application={} client={} state={} transaction_age={} "
        "query={}\n",
        s.pid, s.user.empty() ? "-" : s.user, s.application.empty() ? "-" : s.application,
        s.client.empty() ? "-" : s.client, s.state.empty() ? "-" : s.state,
        s.transaction_age.empty() ? "-" : s.transaction_age + "s", s.query);
  }
  return 0;
}

int run_kill(const db_options& options, std::ostream& out) {
  const int selectors =
      (options.kill_all ? 1 : 0) + (options.kill_pid ? 1 : 0) + (options.idle_for ? 1 : 0);
  if (selectors != 1) {
    throw soong::error("kill needs exactly one of --all, --pid N, --idle-for DURATION");
  }
  const std::optional<std::chrono::milliseconds> idle =
      options.idle_for ? std::optional(parse_duration(*options.idle_for)) : std::nullopt;
  const database_target target = database_target::resolve(options.target);
  const std::string database = target.database_name();
  connection conn = connect_quietly(target);
  if (options.kill_all) {
    guard_production(conn, "run kill --all", database, options.allow_production);
  }
  const std::vector<session_info> sessions = sessions_of(conn, database);
  std::vector<session_info> chosen;
  if (options.kill_all) chosen = sessions;
  if (idle) chosen = idle_for(sessions, *idle);
  if (options.kill_pid) {
    if (*options.kill_pid == conn.backend_pid()) {
      throw soong::error(fmt::format("pid {} is this command's own session", *options.kill_pid));
    }
    for (const session_info& s : sessions) {
      if (s.pid == *options.kill_pid) chosen.push_back(s);
    }
    if (chosen.empty()) {
      throw soong::error(
          fmt::format("pid {} is not a session of database \"{}\"", *options.kill_pid, database));
    }
  }
  action_output output(out, options.format);
  if (chosen.empty()) {
    output.line("kill", database, fmt::format("no sessions to end on database \"{}\"", database),
                {{"pid", nullptr}});
    return 0;
  }
  for (const session_info& s : chosen) {
    const bool ended = terminate_session(conn, s.pid);
    output.line("kill", database,
                fmt::format("{} session {}", ended ? "ended" : "already gone:", describe(s)),
                {{"pid", s.pid}, {"ended", ended}});
  }
  return 0;
}

}  // namespace soong::gen::lifecycle
