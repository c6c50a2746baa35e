#pragma once
// The test harness: one throwaway PostgreSQL cluster per test binary, started on first use
// and removed at exit. Tests never mock libpq or the server.
//
// Set SOONG_TEST_KEEP_SERVER=1 to print the server's folder and conninfo (for debugging with
// psql while a test is stopped in a debugger).

#include <chrono>
#include <string>
#include <string_view>

#include "embedded_server.hpp"

namespace soong::testing {

/// The cluster shared by all tests in this binary (Unix socket, superuser `postgres`, trust).
[[nodiscard]] soong::embedded::server& shared_server();

/// libpq conninfo for `dbname` on the shared cluster.
[[nodiscard]] std::string conninfo(std::string_view dbname = "postgres");

/// Creates a new empty database with a unique name and returns its conninfo.
[[nodiscard]] std::string fresh_database();

/// Creates a new empty database with a unique name and returns the name (for reaching it
/// through a proxy such as pgbouncer_server).
[[nodiscard]] std::string fresh_database_name();

/// Runs SQL (possibly several statements) on `conninfo`; throws std::runtime_error with the
/// server's message on failure. For test setup, not for the code under test.
void run_sql(const std::string& conninfo, std::string_view sql);

/// A fresh database (fresh_database) with `setup_sql` (a schema, seed rows) run in it; returns
/// its conninfo. The one way tests get a prepared database of their own.
[[nodiscard]] std::string seeded_database(std::string_view setup_sql);

/// Polls pg_stat_activity through `conninfo` (any database of the cluster) until a backend
/// other than the poller's matches `condition`, SQL over that view's columns, e.g.
/// "pid = 4242 AND wait_event = 'PgSleep'" (inside pg_sleep) or "wait_event_type = 'Lock'".
/// For tests that must act while another session is in a known state: they wait for the
/// state instead of sleeping and hoping. False when no backend matched within `limit`.
[[nodiscard]] bool wait_for_backend(const std::string& conninfo, std::string_view condition,
                                    std::chrono::milliseconds limit = std::chrono::seconds(60));

}  // namespace soong::testing
