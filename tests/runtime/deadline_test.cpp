// Deadlines and cancellation against a real server: a statement that outlives its call's
// deadline is cancelled on the server and throws query_canceled naming the query; outside a
// transaction the connection goes on, inside one the transaction has failed; cancel() works
// from another thread; a pool's acquire stops at the deadline; and when the network path
// stalls, so the server cannot even hear the cancel request, the call still ends, with
// connection_error, a grace period after its deadline. Then the edges: a scope outliving a
// moved-from connection, cancel() racing a reconnect, a deadline that passed before the call,
// deadlines during a pool's acquire and on COMMIT.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

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

constexpr soong::statement insert_row_untouched{.name = "InsertUntouched",
                                                .sql = "INSERT INTO untouched VALUES ($1)",
                                                .params = int8_type,
                                                .columns = {}};

std::int64_t seven_after(soong::connection& conn, double seconds) {
  return soong::execute(conn, sleep_then_seven, seconds).get<std::int64_t>(0, 1);
}

/// Waits until backend `pid` sleeps inside pg_sleep: a cancel request sent earlier would find
/// the session idle, and the server drops those.
bool sleeping(int pid) {
  return soong::testing::wait_for_backend(
      soong::testing::conninfo(), "pid = " + std::to_string(pid) + " AND wait_event = 'PgSleep'");
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
    const soong::deadline_scope outer(conn, 1s);
    EXPECT_EQ(seven_after(conn, 0.05), 7);
    const soong::deadline_scope inner(conn, 10s);  // cannot extend the outer 1 s
    const auto [thrown, took] =
        outcome<soong::query_canceled>([&] { static_cast<void>(seven_after(conn, 30)); });
    EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
    EXPECT_LT(took, 2s);
  }
  EXPECT_EQ(seven_after(conn, 1.2), 7);  // the scope's bound ended with it
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
  std::thread canceller([&, pid = conn.backend_pid()] {
    EXPECT_TRUE(sleeping(pid)) << "the statement never started";
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

// Edge cases: scopes and moves, cancel() racing a reconnect, deadlines that passed before the
// call, deadlines during a pool's acquire, and deadlines on COMMIT.
namespace {

TEST(DeadlineEdges, AScopeOutlivingAMovedFromConnectionEndsQuietly) {
  soong::connection conn = fresh_connection();
  std::optional<soong::connection> other;
  {
    const soong::deadline_scope scope(conn, 300ms);
    other.emplace(std::move(conn));
    // The scope bounds the object it was given, not the session that moved on.
    EXPECT_EQ(seven_after(*other, 0.5), 7);
    EXPECT_THROW(static_cast<void>(seven_after(conn, 0)), soong::error);  // moved from
  }  // ends on the moved-from object: no effect on `other`
  EXPECT_EQ(seven_after(*other, 0), 7);
  {
    const soong::deadline_scope scope(*other, 300ms);
    conn = std::move(*other);  // moved back while a scope on `other` lives
    EXPECT_EQ(seven_after(conn, 0.5), 7);
  }
  {
    const soong::deadline_scope scope(conn, 300ms);
    EXPECT_THROW(static_cast<void>(seven_after(conn, 30)), soong::query_canceled);
  }
  EXPECT_EQ(seven_after(conn, 0.5), 7);  // the scope's end restored "no deadline"
}

TEST(DeadlineEdges, AStatementTimeoutMovesWithTheConnection) {
  soong::connection conn = fresh_connection(timing(300ms));
  soong::connection other = std::move(conn);
  const auto [thrown, took] =
      outcome<soong::query_canceled>([&] { static_cast<void>(seven_after(other, 30)); });
  EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
  EXPECT_LT(took, 5s);
}

/// Reconnects `conn` over and over while another thread calls cancel() on it, then checks that
/// cancel() reaches the session the connection holds at the end.
void cancel_races_reconnect(soong::connection& conn) {
  {
    std::atomic<bool> done{false};
    std::atomic<int> cancels{0};
    const std::jthread canceller([&] {
      while (!done.load()) {
        try {
          conn.cancel();
          ++cancels;
        } catch (const soong::connection_error&) {
          // a cancel request can fail while the session is being replaced; it never crashes
        }
      }
    });
    for (int i = 0; i < 20; ++i) conn.reconnect();
    for (const auto until = steady::now() + 60s; cancels.load() == 0 && steady::now() < until;) {
      std::this_thread::yield();
    }
    done.store(true);
    EXPECT_GT(cancels.load(), 0);
  }  // every cancel request has been answered: none is still on its way
  EXPECT_EQ(seven_after(conn, 0), 7);
  {
    const std::jthread later([&, pid = conn.backend_pid()] {
      EXPECT_TRUE(sleeping(pid)) << "the statement never started";
      conn.cancel();
    });
    const auto [thrown, took] =
        outcome<soong::query_canceled>([&] { static_cast<void>(seven_after(conn, 10)); });
    EXPECT_NE(thrown.find("SleepThenSeven"), std::string::npos) << thrown;
    EXPECT_LT(took, 5s);  // the cancel reached the new session, not a replaced one
  }
  EXPECT_EQ(seven_after(conn, 0), 7);
}

TEST(DeadlineEdges, CancelRacingAReconnectReachesTheNewSession) {
  soong::connection by_reset(soong::testing::conninfo());  // reconnects with PQreset
  cancel_races_reconnect(by_reset);
  soong::connection by_config(soong::connection_config::parse(soong::testing::conninfo()));
  cancel_races_reconnect(by_config);  // reconnects with a fresh conninfo and a new PGconn
}

TEST(DeadlineEdges, APassedDeadlineThrowsNamingTheCallWithoutSendingIt) {
  soong::connection conn = fresh_connection();
  soong::execute_script(conn, "CREATE TABLE untouched (n int8)");
  std::vector<std::string> sent;
  conn.set_statement_hook([&](const soong::statement_event& e) { sent.emplace_back(e.sql); });
  {
    const soong::deadline_scope scope(conn, steady::now() - 1s);
    try {
      static_cast<void>(soong::execute(conn, insert_row_untouched, std::int64_t{1}));
      ADD_FAILURE() << "a call past its deadline ran";
    } catch (const soong::query_canceled& e) {
      EXPECT_EQ(e.sqlstate(), "57014");
      EXPECT_NE(std::string(e.what()).find("InsertUntouched"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("not started"), std::string::npos) << e.what();
    }
    EXPECT_THROW(soong::transaction tx(conn), soong::query_canceled);
    EXPECT_EQ(PQtransactionStatus(conn.native_handle()), PQTRANS_IDLE);  // no BEGIN went out
  }
  EXPECT_TRUE(sent.empty()) << sent.front();
  // A per-call deadline of zero has passed when each call starts.
  conn.set_statement_timeout(0ms);
  EXPECT_THROW(static_cast<void>(soong::execute(conn, insert_row_untouched, std::int64_t{2})),
               soong::query_canceled);
  conn.set_statement_timeout(std::nullopt);
  EXPECT_EQ(single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM untouched")), 0);
}

TEST(DeadlineEdges, PoolAcquireWithAPassedDeadlineNeverWaits) {
  soong::pool pool(soong::testing::fresh_database(), {.max_connections = 1});
  {
    soong::pool::lease held = pool.acquire();
    const auto [thrown, took] =
        outcome<soong::pool_timeout>([&] { static_cast<void>(pool.acquire(steady::now() - 1ms)); });
    EXPECT_FALSE(thrown.empty());
    EXPECT_LT(took, 200ms);
  }
  // A free connection that needs no check is lent; its calls then do not start.
  soong::pool::lease lease = pool.acquire(steady::now() - 1ms);
  const soong::deadline_scope scope(*lease, steady::now() - 1ms);
  EXPECT_THROW(static_cast<void>(seven_after(*lease, 0)), soong::query_canceled);
}

TEST(DeadlineEdges, PoolAcquireGetsAConnectionFreedBeforeTheDeadline) {
  soong::pool pool(soong::testing::fresh_database(), {.max_connections = 1});
  std::optional<soong::pool::lease> held(pool.acquire());
  std::thread returner([&] {
    std::this_thread::sleep_for(200ms);
    held.reset();
  });
  const auto started = steady::now();
  soong::pool::lease lease = pool.acquire(steady::now() + 3s);
  returner.join();
  EXPECT_LT(steady::now() - started, 2s);
  EXPECT_EQ(seven_after(*lease, 0), 7);
}

TEST(DeadlineEdges, PoolAcquireStopsAtTheDeadlineWhenAnIdleCheckStalls) {
  soong::test::tcp_proxy proxy(soong::testing::shared_server().port());
  soong::pool pool([&] { return soong::connection(proxy.conninfo(), timing(60s, 300ms)); },
                   {.max_connections = 1, .idle_check_after = 0ms});
  { EXPECT_EQ(seven_after(*pool.acquire(), 0), 7); }
  proxy.pause();  // the idle connection's check gets no answer
  const auto [thrown, took] =
      outcome<soong::pool_timeout>([&] { static_cast<void>(pool.acquire(steady::now() + 300ms)); });
  proxy.resume();
  EXPECT_NE(thrown.find("check"), std::string::npos) << thrown;
  EXPECT_LT(took, 3s);
  EXPECT_EQ(seven_after(*pool.acquire(), 0), 7);  // a new connection replaces the stalled one
}

TEST(DeadlineEdges, ADeadlineInsideCommitRollsTheTransactionBack) {
  soong::connection conn = fresh_connection();
  soong::execute_script(conn, R"(
    CREATE TABLE ledger (n int8);
    CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$;
    CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON ledger
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();
  )");
  {
    soong::transaction tx(conn);
    static_cast<void>(soong::execute_sql(conn, "INSERT INTO ledger VALUES (1)"));
    const soong::deadline_scope scope(conn, 300ms);
    const auto [thrown, took] = outcome<soong::query_canceled>([&] { tx.commit(); });
    EXPECT_NE(thrown.find("COMMIT"), std::string::npos) << thrown;
    EXPECT_NE(thrown.find("deadline passed"), std::string::npos) << thrown;
    EXPECT_LT(took, 5s);
    EXPECT_FALSE(tx.is_active());
  }
  EXPECT_EQ(PQtransactionStatus(conn.native_handle()), PQTRANS_IDLE);
  EXPECT_EQ(single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM ledger")), 0);
}

TEST(DeadlineEdges, ACommitWithoutAnAnswerSaysItMayHaveCommitted) {
  soong::test::tcp_proxy proxy(soong::testing::shared_server().port());
  soong::connection conn(proxy.conninfo(), timing(60s, 300ms));
  soong::transaction tx(conn);
  EXPECT_EQ(seven_after(conn, 0), 7);
  proxy.pause();  // the COMMIT is sent; neither its answer nor the cancel request gets through
  const auto [thrown, took] = outcome<soong::connection_error>([&] {
    const soong::deadline_scope scope(conn, 300ms);
    tx.commit();
  });
  proxy.resume();
  EXPECT_NE(thrown.find("COMMIT"), std::string::npos) << thrown;
  EXPECT_NE(thrown.find("may have committed"), std::string::npos) << thrown;
  EXPECT_LT(took, 3s);
  conn.reconnect();
  EXPECT_EQ(seven_after(conn, 0), 7);
}

}  // namespace
