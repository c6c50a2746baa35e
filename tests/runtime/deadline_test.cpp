// Deadlines and cancellation against a real server: a statement that outlives its call's
// deadline is cancelled on the server and throws query_canceled naming the query; outside a
// transaction the connection goes on, inside one the transaction has failed; cancel() works
// from another thread; a pool's acquire stops at the deadline; and when the network path
// stalls, so the server cannot even hear the cancel request, the call still ends, with
// connection_error, a grace period after its deadline.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "../serverless/tcp_proxy.hpp"
#include "runtime_fixture.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::fresh_connection;
using soong::test::single;
using steady = std::chrono::steady_clock;

constexpr soong::type_ref float8_type[] = {{soong::oids::float8, "pg_catalog", "float8"}};
constexpr soong::type_ref int8_type[] = {{soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::statement sleep_then_seven{.name = "SleepThenSeven",
                                            .sql = "SELECT pg_sleep($1), 7::int8 AS seven",
                                            .params = float8_type,
                                            .columns = {}};

/// Runs `call`, returning what it threw as text ("" when it did not throw `Error`) and how long
/// it took.
template <class Error, class Call>
std::pair<std::string, steady::duration> outcome(Call call) {
  const auto started = steady::now();
  try {
    call();
  } catch (const Error& e) {
    return {e.what(), steady::now() - started};
  }
  return {"", steady::now() - started};
}

/// Options with a per-call timeout (and cancel grace).
soong::connection_options timing(std::chrono::milliseconds timeout,
                                 std::chrono::milliseconds grace = 2000ms) {
  soong::connection_options options;
  options.statement_timeout = timeout;
  options.cancel_grace = grace;
  return options;
}

std::int64_t seven_after(soong::connection& conn, double seconds) {
  return soong::execute(conn, sleep_then_seven, seconds).get<std::int64_t>(0, 1);
}

TEST(Deadline, StatementTimeoutCancelsOnTheServerAndTheConnectionGoesOn) {
  soong::connection conn = fresh_connection(timing(300ms));
  const auto [thrown, took] =
      outcome<soong::query_canceled>([&] { static_cast<void>(seven_after(conn, 30)); });
  EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
  EXPECT_NE(thrown.find("deadline passed"), std::string::npos) << thrown;
  EXPECT_NE(thrown.find("57014"), std::string::npos) << thrown;
  EXPECT_GE(took, 300ms);
  EXPECT_LT(took, 2s);
  // The server stopped the statement: nothing of this connection is still active there.
  EXPECT_EQ(seven_after(conn, 0.05), 7);
  soong::connection observer = fresh_connection();
  EXPECT_EQ(single<std::int64_t>(soong::execute_sql(
                observer,
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep($1)%' "
                "AND state = 'active' AND pid <> pg_backend_pid()")),
            0);
}

TEST(Deadline, FastCallsUnderATimeoutAreUntouched) {
  soong::connection conn = fresh_connection(timing(2s));
  for (int i = 0; i < 200; ++i) ASSERT_EQ(seven_after(conn, 0), 7);
  conn.set_statement_timeout(std::nullopt);
  EXPECT_EQ(seven_after(conn, 0.3), 7);  // no bound any more
}

TEST(Deadline, ScopeBoundsEveryCallInsideAndNestsToTheEarlier) {
  soong::connection conn = fresh_connection();
  {
    const soong::deadline_scope outer(conn, 400ms);
    EXPECT_EQ(seven_after(conn, 0.05), 7);
    const soong::deadline_scope inner(conn, 10s);  // cannot extend the outer 400 ms
    const auto [thrown, took] =
        outcome<soong::query_canceled>([&] { static_cast<void>(seven_after(conn, 30)); });
    EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
    EXPECT_LT(took, 2s);
  }
  EXPECT_EQ(seven_after(conn, 0.6), 7);  // the scope's bound ended with it
}

TEST(Deadline, APassedDeadlineRunsNothing) {
  soong::connection conn = fresh_connection();
  soong::execute_script(conn, "CREATE TABLE hits (n int)");
  {
    const soong::deadline_scope scope(conn, steady::now() - 1ms);
    const auto [thrown, took] = outcome<soong::query_canceled>(
        [&] { static_cast<void>(soong::execute_sql(conn, "INSERT INTO hits VALUES (1)")); });
    EXPECT_NE(thrown.find("execute_sql"), std::string::npos) << thrown;
    EXPECT_NE(thrown.find("not started"), std::string::npos) << thrown;
  }
  EXPECT_EQ(single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM hits")), 0);
}

TEST(Deadline, CancelInsideATransactionFailsTheTransaction) {
  soong::connection conn = fresh_connection();
  soong::execute_script(conn, "CREATE TABLE kept (n int)");
  {
    soong::transaction tx(conn);
    static_cast<void>(soong::execute_sql(conn, "INSERT INTO kept VALUES (1)"));
    {
      const soong::deadline_scope scope(conn, 300ms);
      EXPECT_THROW(static_cast<void>(seven_after(conn, 30)), soong::query_canceled);
    }
    EXPECT_THROW(static_cast<void>(soong::execute_sql(conn, "INSERT INTO kept VALUES (2)")),
                 soong::transaction_aborted);
  }  // rolled back
  EXPECT_EQ(single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM kept")), 0);
}

TEST(Deadline, CancelFromAnotherThread) {
  soong::connection conn = fresh_connection();
  std::thread canceller([&] {
    std::this_thread::sleep_for(300ms);
    conn.cancel();
  });
  const auto [thrown, took] =
      outcome<soong::query_canceled>([&] { static_cast<void>(seven_after(conn, 30)); });
  canceller.join();
  EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
  EXPECT_LT(took, 3s);
  EXPECT_EQ(seven_after(conn, 0), 7);
  conn.cancel();  // nothing runs: harmless
  EXPECT_EQ(seven_after(conn, 0), 7);
}

TEST(Deadline, PoolAcquireStopsAtTheDeadlineAndLeasesTakeScopes) {
  soong::pool pool(soong::testing::fresh_database(), {.max_connections = 1});
  soong::pool::lease held = pool.acquire();
  const auto [thrown, took] =
      outcome<soong::pool_timeout>([&] { static_cast<void>(pool.acquire(steady::now() + 300ms)); });
  EXPECT_FALSE(thrown.empty());
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
  {
    const soong::deadline_scope scope(*held, 300ms);
    EXPECT_THROW(static_cast<void>(seven_after(*held, 30)), soong::query_canceled);
  }
  EXPECT_EQ(seven_after(*held, 0), 7);
}

TEST(Deadline, AStalledPathEndsTheCallAfterTheGrace) {
  soong::test::tcp_proxy proxy(soong::testing::shared_server().port());
  soong::connection conn(proxy.conninfo(), timing(300ms, 500ms));
  EXPECT_EQ(seven_after(conn, 0), 7);
  proxy.pause();  // neither the statement's answer nor the cancel request gets through
  const auto [thrown, took] =
      outcome<soong::connection_error>([&] { static_cast<void>(seven_after(conn, 0.1)); });
  proxy.resume();
  EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
  EXPECT_NE(thrown.find("deadline passed"), std::string::npos) << thrown;
  EXPECT_GE(took, 800ms);
  EXPECT_LT(took, 3s);
  conn.reconnect();
  EXPECT_EQ(seven_after(conn, 0), 7);
}

}  // namespace
namespace {
constexpr soong::statement insert_row{.name = "InsertRow",
                                      .sql = "INSERT INTO locked VALUES ($1)",
                                      .params = int8_type,
                                      .columns = {}};
TEST(Deadline, CancelledWhileWaitingForALockWritesNothing) {
  const std::string database = soong::testing::fresh_database();
  soong::connection conn(database);
  soong::execute_script(conn, "CREATE TABLE locked (n int8)");
  soong::connection blocker(database);
  soong::execute_script(blocker, "BEGIN; LOCK TABLE locked IN ACCESS EXCLUSIVE MODE");
  {
    const soong::deadline_scope scope(conn, 500ms);
    EXPECT_THROW(static_cast<void>(soong::execute(conn, insert_row, std::int64_t{1})),
                 soong::query_canceled);
  }
  soong::execute_script(blocker, "ROLLBACK");
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(single<std::int64_t>(soong::execute_sql(blocker, "SELECT count(*) FROM locked")), 0);
}
}  // namespace
