// Generated queries from eight connections through PgBouncer in transaction pooling mode,
// where consecutive transactions of one client run on whichever server connection is free:
// statements prepared on one server connection are missing on another, and a statement name
// one client prepared may mean another client's query there. Every returned value is checked.
//
// With default connection options every call must succeed with the right value. With the
// named-statement cache forced on, errors are allowed (the configuration is wrong for the
// pooler) but must be typed soong errors naming the query, and no call may return a wrong value.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "call_workload.hpp"
#include "pgbouncer_database.hpp"
#include "pgbouncer_server.hpp"
#include "test_server.hpp"

namespace {

using pgbouncer_test::database_with_schema;

/// Rows RecordCall stored, counted on the cluster directly.
int recorded_rows(const std::string& database) {
  const std::string conninfo = soong::testing::conninfo(database);
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexec(conn.get(), "SELECT count(*) FROM recorded_calls"), &PQclear);
  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(PQresultErrorMessage(res.get()));
  }
  return std::stoi(PQgetvalue(res.get(), 0, 0));
}

constexpr pgbouncer_test::workload_shape shape{.threads = 8, .rounds = 300};
// Both :one queries every round; the :many and the :exec every third round of each thread.
constexpr int expected_calls =
    shape.threads * shape.rounds * 2 + shape.threads * shape.rounds / 3 * 2;

TEST(PgBouncerStatementNames, DirectToTheClusterEveryCallIsCorrect) {
  const std::string database = database_with_schema();
  const auto report = pgbouncer_test::run_workload(soong::testing::conninfo(database), {}, shape);
  std::cout << "direct: " << report.summary() << "\n";
  EXPECT_EQ(report.calls, expected_calls);
  EXPECT_EQ(report.correct, report.calls);
  EXPECT_EQ(recorded_rows(database), report.recorded_calls);
}

TEST(PgBouncerStatementNames, TransactionPoolingWithDefaultOptionsEveryCallIsCorrect) {
  soong::testing::pgbouncer_server bouncer;  // transaction pooling, 2 server connections
  const std::string database = database_with_schema();
  const auto report = pgbouncer_test::run_workload(bouncer.conninfo(database), {}, shape);
  std::cout << "transaction pooling, default options: " << report.summary() << "\n";
  EXPECT_EQ(report.calls, expected_calls);
  EXPECT_EQ(report.wrong_values, 0);
  EXPECT_EQ(report.errors, 0);
  EXPECT_EQ(report.correct, report.calls);
  EXPECT_EQ(recorded_rows(database), report.recorded_calls);
}

// Which statement a name means on which server connection is settled by how the first
// prepares race, and some races leave no two clients disagreeing; so the workload runs three
// times, each through a new PgBouncer with new server connections.
TEST(PgBouncerStatementNames, TransactionPoolingWithNamedStatementsForcedNeverReturnsAWrongValue) {
  soong::connection_options named;
  named.statement_cache = soong::statement_cache_mode::on;
  for (int wave = 1; wave <= 3; ++wave) {
    SCOPED_TRACE("wave " + std::to_string(wave));
    soong::testing::pgbouncer_server bouncer;
    const std::string database = database_with_schema();
    const auto report = pgbouncer_test::run_workload(bouncer.conninfo(database), named, shape);
    std::cout << "transaction pooling, named statements forced, wave " << wave << ": "
              << report.summary() << "\n";
    EXPECT_EQ(report.failed_connections, 0);
    EXPECT_EQ(report.calls, expected_calls);
    EXPECT_EQ(report.wrong_values, 0);
    EXPECT_EQ(report.untyped_errors, 0);
    EXPECT_EQ(report.errors_without_query_name, 0);
    EXPECT_EQ(report.correct + report.errors + report.wrong_values, report.calls);
    EXPECT_GT(report.correct, 0) << "no call got through at all";
    EXPECT_EQ(recorded_rows(database), report.recorded_calls);
  }
}

}  // namespace
