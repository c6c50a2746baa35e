// The migration lock: a PostgreSQL advisory lock, waited for with pg_try_advisory_lock so the
// wait has a deadline and can say who is in the way.

#include "lifecycle/runner_lock.hpp"

#include <fmt/format.h>

#include <charconv>
#include <ostream>
#include <thread>

#include "soong/connection.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"

namespace soong::gen::lifecycle {

std::string migration_lock_holder(connection& conn) {
  // A bigint key is stored as classid (high 32 bits), objid (low 32 bits), objsubid 1.
  const result r = execute_sql(
      conn,
      "SELECT a.pid, coalesce(nullif(a.application_name, ''), 'unnamed'),"
      "       coalesce(host(a.client_addr), 'local socket'),"
      "       extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start))::bigint "
      "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
      "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
      "  AND l.classid::bigint = ($1 >> 32) AND l.objid::bigint = ($1 & 4294967295) "
      "LIMIT 1",
      migration_lock_key);
  if (r.rows() == 0) return {};
  return fmt::format("pid {} (application '{}', client {}, holding it for up to {}s)",
                     r.get<std::int32_t>(0, 0), r.get<std::string>(0, 1), r.get<std::string>(0, 2),
                     r.get<std::int64_t>(0, 3));
}

namespace {

/// Calls `try_lock` until it returns true or `wait` is over, reporting each new holder.
template <class TryLock>
void wait_with_report(connection& conn, std::chrono::milliseconds wait, std::ostream& progress,
                      TryLock try_lock) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string last_pid;
  while (!try_lock()) {
    const std::string holder = migration_lock_holder(conn);
    if (std::chrono::steady_clock::now() >= deadline) {
      throw soong::error(fmt::format(
          "timed out after {}ms waiting for the migration lock, held by {}", wait.count(),
          holder.empty() ? std::string("a session that has just released it") : holder));
    }
    const std::string pid = holder.substr(0, holder.find(' ', 4));
    if (!holder.empty() && pid != last_pid) {
      progress << "waiting for the migration lock, held by " << holder << "\n" << std::flush;
      last_pid = pid;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

void wait_for_migration_lock(connection& conn, std::chrono::milliseconds wait,
                             std::ostream& progress) {
  wait_with_report(conn, wait, progress, [&] {
    return execute_sql(conn, "SELECT pg_try_advisory_lock($1)", migration_lock_key).get<bool>(0, 0);
  });
}

void begin_with_transaction_lock(connection& conn, std::chrono::milliseconds wait,
                                 std::ostream& progress) {
  wait_with_report(conn, wait, progress, [&] {
    execute_script(conn, "BEGIN");
    try {
      if (execute_sql(conn, "SELECT pg_try_advisory_xact_lock($1)", migration_lock_key)
              .get<bool>(0, 0)) {
        return true;
      }
    } catch (...) {
      execute_script(conn, "ROLLBACK");
      throw;
    }
    execute_script(conn, "ROLLBACK");
    return false;
  });
}

session_migration_lock::session_migration_lock(const database_target& target,
                                               std::chrono::milliseconds wait,
                                               std::ostream& progress)
    : conn_(std::make_unique<connection>(target.config())) {
  execute_script(*conn_, "SET application_name = 'soong migrate (lock)'");
  wait_for_migration_lock(*conn_, wait, progress);
}

// Closing the connection ends the session, which releases the lock even if the unlock below
// cannot be sent.
session_migration_lock::~session_migration_lock() {
  try {
    static_cast<void>(execute_sql(*conn_, "SELECT pg_advisory_unlock($1)", migration_lock_key));
  } catch (...) {  // NOLINT(bugprone-empty-catch): the close below releases it anyway
  }
}

std::chrono::milliseconds parse_duration(const std::string& text, const std::string& option) {
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto [rest, ec] = std::from_chars(begin, end, value);
  const std::string unit(rest, end);
  double factor = -1;
  if (unit.empty() || unit == "s") factor = 1000;
  if (unit == "ms") factor = 1;
  if (unit == "m" || unit == "min") factor = 60'000;
  if (unit == "h") factor = 3'600'000;
  if (ec != std::errc{} || rest == begin || factor < 0 || value < 0) {
    throw soong::error(
        fmt::format("{} {}: expected a duration such as 500ms, 2s or 1min", option, text));
  }
  return std::chrono::milliseconds(static_cast<std::int64_t>(value * factor));
}

}  // namespace soong::gen::lifecycle
