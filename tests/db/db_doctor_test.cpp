// `soong doctor` end to end: the real executable against the test server directly and through a
// real PgBouncer in transaction mode.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "pgbouncer_server.hpp"
#include "run_soong.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::run_soong;
using soong::testing::shell_quote;

TEST(doctor, reports_a_direct_connection_without_its_password) {
  const auto& server = soong::testing::shared_server();
  const std::string url =
      "postgresql://postgres:sw0rdfish@127.0.0.1:" + std::to_string(server.port()) +
      "/postgres?sslmode=disable";
  const auto r = run_soong("doctor --database-url " + shell_quote(url));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("sw0rdfish"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("********"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("libpq: 15."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("server: PostgreSQL 15."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("tls: off"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rds iam: off"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("statement cache: auto"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pooler: none detected"), std::string::npos) << r.out;
}

TEST(doctor, reports_the_statement_cache_mode_of_the_url) {
  const std::string url = soong::testing::conninfo() + " statement_cache=off";
  const auto r = run_soong("doctor --database-url " + shell_quote(url));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("statement cache: off (unnamed statements)"), std::string::npos) << r.out;
}

/// Runs `sql` on `conn`; fails the test on an error.
void exec_ok(PGconn* conn, const char* sql) {
  PGresult* r = PQexec(conn, sql);
  const auto status = PQresultStatus(r);
  EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
      << sql << ": " << PQerrorMessage(conn);
  PQclear(r);
}

TEST(doctor, detects_pgbouncer_in_transaction_mode) {
  // FIFO over two server connections: consecutive transactions of one client run in different
  // backends, as a transaction pooler may do at any time.
  soong::testing::pgbouncer_options options;
  options.pool_mode = "transaction";
  options.default_pool_size = 2;
  options.settings = {"server_round_robin = 1"};
  soong::testing::pgbouncer_server bouncer(options);
  {
    // Two clients inside a transaction at once make PgBouncer open both server connections.
    std::unique_ptr<PGconn, decltype(&PQfinish)> a(
        PQconnectdb(bouncer.conninfo("postgres").c_str()), &PQfinish);
    std::unique_ptr<PGconn, decltype(&PQfinish)> b(
        PQconnectdb(bouncer.conninfo("postgres").c_str()), &PQfinish);
    exec_ok(a.get(), "BEGIN; SELECT 1");
    exec_ok(b.get(), "BEGIN; SELECT 1");
    exec_ok(a.get(), "COMMIT");
    exec_ok(b.get(), "COMMIT");
  }
  const auto r = run_soong("doctor --database-url " + shell_quote(bouncer.conninfo("postgres")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("pooler: transaction pooler detected"), std::string::npos) << r.out;
}

TEST(doctor, cannot_connect_is_exit_2_with_the_reason) {
  const auto r = run_soong("doctor --database-url " +
                           shell_quote("host=127.0.0.1 port=1 user=postgres connect_timeout=2"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("soong doctor: "), std::string::npos) << r.err;
}

}  // namespace
