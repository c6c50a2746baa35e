// A heavier, mixed workload of generated calls through PgBouncer in transaction pooling mode
// (two server connections): 20 threads, each making 1,000 calls of every kind soong generates
// for writing and reading (:one, :many, :exec, :execrows, :batchexec pipelines, :copyfrom) and
// explicit transactions, some rolled back on purpose. Every returned value is checked, and
// afterwards the table must hold exactly the rows of the writes that committed.
//
// Straight to the cluster (the control) every call must succeed. Through PgBouncer, with unnamed
// statements (`off`), with the default `automatic` mode (which must detect the pooler on each
// connection and say so once), and through one soong::pool shared by all threads, no call may fail.
// With named statements forced (`on`), calls fail (the configuration is wrong for the pooler), but
// each failure is a typed soong error naming its query and no call returns a wrong value or loses a
// write.

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "mixed_workload.hpp"
#include "pgbouncer_database.hpp"
#include "pgbouncer_server.hpp"
#include "test_server.hpp"

namespace {

using pgbouncer_test::connection_source;
using pgbouncer_test::mixed_report;

using pgbouncer_test::database_with_schema;

constexpr pgbouncer_test::mixed_shape shape{.threads = 20, .calls_per_thread = 1000};
const pgbouncer_test::mixed_plan plan = pgbouncer_test::planned(shape);

/// Runs the workload on `conninfo` (which reaches `database`), prints its summary line and
/// checks what every mode must get right: no wrong value, every error typed and naming its
/// query, and the table holding exactly the committed writes.
mixed_report run_and_check(const std::string& mode, const std::string& conninfo,
                           const std::string& database, const soong::connection_options& options,
                           connection_source source) {
  const mixed_report report = pgbouncer_test::run_mixed_workload(conninfo, options, source, shape);
  std::cout << mode << ": " << report.summary() << "\n";
  EXPECT_EQ(report.failed_connections, 0);
  EXPECT_EQ(report.calls, plan.calls);
  EXPECT_EQ(report.wrong_values, 0);
  EXPECT_EQ(report.untyped_errors, 0);
  EXPECT_EQ(report.errors_without_query_name, 0);
  EXPECT_EQ(report.other_errors, 0);
  EXPECT_EQ(report.correct + report.errors + report.wrong_values, report.calls);
  const auto table =
      pgbouncer_test::check_table(soong::testing::conninfo(database), report.committed_rows);
  std::cout << mode << ", table: " << table.summary() << "\n";
  EXPECT_EQ(table.missing, 0);
  EXPECT_EQ(table.unexpected, 0);
  EXPECT_EQ(table.rolled_back, 0);
  EXPECT_EQ(table.rows, static_cast<int>(report.committed_rows.size()));
  return report;
}

/// run_and_check through a new PgBouncer in front of a new database.
mixed_report run_through_pgbouncer(const std::string& mode,
                                   const soong::connection_options& options,
                                   connection_source source) {
  soong::testing::pgbouncer_server bouncer;  // transaction pooling, 2 server connections
  const std::string database = database_with_schema();
  return run_and_check(mode, bouncer.conninfo(database), database, options, source);
}

/// Every call correct, every planned transaction and write done.
void expect_everything_correct(const mixed_report& report) {
  EXPECT_EQ(report.errors, 0);
  EXPECT_EQ(report.correct, report.calls);
  EXPECT_EQ(report.transactions_committed, plan.committed_transactions);
  EXPECT_EQ(report.transactions_rolled_back, plan.rolled_back_transactions);
  EXPECT_EQ(static_cast<int>(report.committed_rows.size()), plan.rows);
}

// The control: straight to the cluster, `automatic` finds no pooler and keeps named statements.
TEST(PgBouncerMixedWorkload, DirectToTheClusterEveryCallIsCorrect) {
  const std::string database = database_with_schema();
  const auto report = run_and_check("direct, automatic", soong::testing::conninfo(database),
                                    database, {}, connection_source::own_connection);
  expect_everything_correct(report);
  EXPECT_EQ(report.warnings, 0) << "no pooler, nothing to switch";
  EXPECT_EQ(report.connections_named_after_first_call, shape.threads);
}

TEST(PgBouncerMixedWorkload, StatementCacheOffEveryCallIsCorrect) {
  soong::connection_options unnamed;
  unnamed.statement_cache = soong::statement_cache_mode::off;
  const auto report = run_through_pgbouncer("off", unnamed, connection_source::own_connection);
  expect_everything_correct(report);
  EXPECT_EQ(report.warnings, 0) << "off has nothing to switch";
  EXPECT_EQ(report.connections_named_after_first_call, 0);
}

TEST(PgBouncerMixedWorkload, AutomaticModeSwitchesEachConnectionOnceAndEveryCallIsCorrect) {
  const auto report = run_through_pgbouncer("automatic", {}, connection_source::own_connection);
  expect_everything_correct(report);
  EXPECT_EQ(report.connections_warned_once, shape.threads)
      << "each connection must report the switch to unnamed statements exactly once";
  EXPECT_EQ(report.warnings, shape.threads);
  EXPECT_EQ(report.connections_named_after_first_call, 0)
      << "the first call must have detected the pooler";
}

TEST(PgBouncerMixedWorkload, SharedPoolWithDefaultOptionsEveryCallIsCorrect) {
  const auto report = run_through_pgbouncer("shared pool", {}, connection_source::shared_pool);
  expect_everything_correct(report);
}

// Named statements break under transaction pooling: a statement prepared during one transaction
// is missing on the server connection the next one runs on. Where the names land depends on
// how the threads race, so the workload runs again (through a new PgBouncer) until a wave has
// seen errors, at most three times.
TEST(PgBouncerMixedWorkload, NamedStatementsForcedFailLoudlyButNeverReturnAWrongValue) {
  soong::connection_options named;
  named.statement_cache = soong::statement_cache_mode::on;
  int errors = 0;
  for (int wave = 1; wave <= 3 && errors == 0; ++wave) {
    SCOPED_TRACE("wave " + std::to_string(wave));
    const auto report = run_through_pgbouncer("on, wave " + std::to_string(wave), named,
                                              connection_source::own_connection);
    EXPECT_GT(report.correct, 0) << "no call got through at all";
    EXPECT_EQ(report.warnings, 0) << "on never switches";
    EXPECT_EQ(report.connections_named_after_first_call, shape.threads);
    errors += report.errors;
  }
  EXPECT_GT(errors, 0) << "named statements never failed through transaction pooling";
}

}  // namespace
