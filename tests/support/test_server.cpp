#include "test_server.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace soong::testing {
namespace {

std::mutex server_mutex;
std::unique_ptr<soong::embedded::server> server_instance;

// Static destruction order: the server must outlive every test, so it is torn down by an
// atexit hook registered at creation rather than by a static destructor.
void stop_shared_server() { server_instance.reset(); }

}  // namespace

soong::embedded::server& shared_server() {
  std::lock_guard lock(server_mutex);
  if (!server_instance) {
    soong::embedded::server_options options;
    options.listen_tcp = true;  // some tests need TCP (TLS, proxies); the socket is the default
    server_instance = soong::embedded::server::start(options);
    std::atexit(stop_shared_server);
    if (std::getenv("SOONG_TEST_KEEP_SERVER") != nullptr) {
      std::cerr << "[soong test server] " << server_instance->conninfo() << "\n";
    }
  }
  return *server_instance;
}

std::string conninfo(std::string_view dbname) { return shared_server().conninfo(dbname); }

std::string fresh_database() { return conninfo(fresh_database_name()); }

std::string fresh_database_name() {
  static std::atomic<int> counter{0};
  // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict for
  // "t" + std::to_string(...) (an insert at the front of a temporary).
  std::string name = "t";
  name += std::to_string(::getpid());
  name += '_';
  name += std::to_string(++counter);
  run_sql(conninfo(), "CREATE DATABASE " + name);
  return name;
}

void run_sql(const std::string& conninfo, std::string_view sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("run_sql: cannot connect: " + std::string(PQerrorMessage(conn.get())));
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), std::string(sql).c_str()),
                                                    &PQclear);
  const auto status = PQresultStatus(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("run_sql: " + std::string(PQresultErrorMessage(res.get())) +
                             "in: " + std::string(sql));
  }
}

bool wait_for_backend(const std::string& conninfo, std::string_view condition,
                      std::chrono::milliseconds limit) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("wait_for_backend: cannot connect: " +
                             std::string(PQerrorMessage(conn.get())));
  }
  const std::string sql =
      "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE pid <> "
      "pg_catalog.pg_backend_pid() AND (" +
      std::string(condition) + ")";
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    // Each query is a transaction of its own, so each sees the view as it is now.
    std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
      throw std::runtime_error("wait_for_backend: " + std::string(PQresultErrorMessage(res.get())) +
                               "in: " + sql);
    }
    if (std::string_view(PQgetvalue(res.get(), 0, 0)) != "0") return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string seeded_database(std::string_view setup_sql) {
  std::string conninfo = fresh_database();
  run_sql(conninfo, setup_sql);
  return conninfo;
}

}  // namespace soong::testing
