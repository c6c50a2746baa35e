#pragma once
// The test harness: one throwaway PostgreSQL cluster per test binary, started on first use
// and removed at exit. Tests never mock libpq or the server.
//
// Set SOONG_TEST_KEEP_SERVER=1 to print the server's folder and conninfo (for debugging with
// psql while a test is stopped in a debugger).

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

}  // namespace soong::testing
