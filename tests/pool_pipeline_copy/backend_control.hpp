#pragma once
// Test helpers that act on server backends from a separate superuser connection, to break
// the connections under test the way a server, a failover or a frozen Lambda would.

#include <chrono>
#include <cstdint>
#include <soong/soong.hpp>
#include <stdexcept>
#include <string>
#include <thread>

#include "test_server.hpp"

namespace soong::test {

/// Terminates backend `pid` and waits until the server no longer lists it, so the next use of
/// that connection surely finds it closed.
inline void terminate_backend(int pid) {
  soong::connection admin(soong::testing::conninfo());
  const auto terminated = soong::execute_sql(admin, "SELECT pg_terminate_backend($1)", pid);
  if (!terminated.get<bool>(0, 0)) throw std::runtime_error("pg_terminate_backend failed");
  for (const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
       std::chrono::steady_clock::now() < until;) {
    const auto left =
        soong::execute_sql(admin, "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid);
    if (left.get<std::int64_t>(0, 0) == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("backend did not exit");
}

/// Client backends connected to the database of `conn` (including `conn` itself).
inline std::int64_t client_backends(soong::connection& conn) {
  return soong::execute_sql(conn,
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                            "current_database() AND backend_type = 'client backend'")
      .get<std::int64_t>(0, 0);
}

}  // namespace soong::test
