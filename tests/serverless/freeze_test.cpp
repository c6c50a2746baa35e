// The Lambda freeze case for real: the code under test reaches the server through a loopback
// TCP proxy that the test stalls or cuts between (or during) calls, the way a frozen container's
// socket is stalled or killed by a NAT / idle timeout. The default connection must reconnect
// transparently before the next statement; a statement in flight is reported as
// connection_error and never re-sent, unless the caller wraps it in retry_idempotent().

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <soong/connection_config.hpp>
#include <soong/retry_idempotent.hpp>
#include <soong/soong.hpp>
#include <string>
#include <thread>

#include "tcp_proxy.hpp"
#include "test_server.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::cut_kind;
using soong::test::tcp_proxy;

constexpr soong::type_ref int4_ref[] = {{23, "pg_catalog", "int4"}};
constexpr soong::type_ref int8_ref[] = {{20, "pg_catalog", "int8"}};

constexpr soong::statement add_one{
    .name = "AddOne", .sql = "SELECT $1::int8 + 1", .params = int8_ref, .columns = int8_ref};
// Slow on purpose, so the test can cut the path while the statement is on the server
// (when_sleeping below waits until it is).
constexpr soong::statement add_one_slowly{.name = "AddOneSlowly",
                                          .sql = "SELECT $1::int8 + 1 FROM pg_sleep(1)",
                                          .params = int8_ref,
                                          .columns = int8_ref};
constexpr soong::statement insert_slowly{
    .name = "InsertSlowly",
    .sql = "INSERT INTO freeze_writes (n) SELECT $1::int4 FROM pg_sleep(1)",
    .params = int4_ref};

std::int64_t add_one_on_default(std::int64_t n) {
  return soong::execute(soong::default_connection(), add_one, n).get<std::int64_t>(0, 0);
}

std::int64_t admin_count(const std::string& sql) {
  soong::connection admin(soong::testing::conninfo());  // Unix socket: not through the proxy
  return soong::execute_sql(admin, sql).get<std::int64_t>(0, 0);
}

/// Waits until backend `pid` has exited, so what it did (or did not) commit is final.
void wait_for_backend_exit(int pid) {
  for (const auto until = std::chrono::steady_clock::now() + 60s;
       std::chrono::steady_clock::now() < until;) {
    if (admin_count("SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid)) ==
        0) {
      return;
    }
    std::this_thread::sleep_for(10ms);
  }
  FAIL() << "backend " << pid << " did not exit";
}

/// Runs `action` on another thread after `delay`, joined when the guard goes out of scope.
class later {
 public:
  template <class Action>
  later(std::chrono::milliseconds delay, Action action)
      : thread_([delay, action] {
          std::this_thread::sleep_for(delay);
          action();
        }) {}
  ~later() { thread_.join(); }

 private:
  std::thread thread_;
};

/// Runs `action` on another thread as soon as backend `pid` sleeps inside pg_sleep, i.e. its
/// statement is on the server (a fixed delay could act before it got there on a busy
/// machine); joined when the guard goes out of scope.
class when_sleeping {
 public:
  template <class Action>
  when_sleeping(int pid, Action action)
      : thread_([pid, action] {
          EXPECT_TRUE(soong::testing::wait_for_backend(
              soong::testing::conninfo(),
              "pid = " + std::to_string(pid) + " AND wait_event = 'PgSleep'"))
              << "the statement never reached the server";
          action();
        }) {}
  ~when_sleeping() { thread_.join(); }

 private:
  std::thread thread_;
};

/// libpq's wording for a connection the network path killed; through the proxy we see both.
bool names_connection_loss(const std::string& message) {
  return message.find("server closed the connection unexpectedly") != std::string::npos ||
         message.find("Connection reset by peer") != std::string::npos ||
         message.find("Broken pipe") != std::string::npos;
}

class freeze : public ::testing::TestWithParam<cut_kind> {
 protected:
  void SetUp() override {
    soong::reset_default_connection();
    soong::testing::run_sql(
        soong::testing::conninfo(),
        "DROP TABLE IF EXISTS freeze_writes; CREATE TABLE freeze_writes (n int)");
  }
  void TearDown() override { soong::reset_default_connection(); }

  void use_proxy_for_default_connection(std::chrono::milliseconds idle_check_after) {
    soong::set_default_connection_config(soong::connection_config::parse(proxy_.conninfo()),
                                         {.idle_check_after = idle_check_after});
  }

  tcp_proxy proxy_{soong::testing::shared_server().port()};
};

TEST_P(freeze, a_socket_killed_while_frozen_is_replaced_before_the_next_call) {
  use_proxy_for_default_connection(100ms);
  EXPECT_EQ(add_one_on_default(1), 2);
  const int pid = soong::default_connection().backend_pid();
  proxy_.cut_all(GetParam());
  std::this_thread::sleep_for(150ms);     // frozen longer than the idle threshold
  EXPECT_EQ(add_one_on_default(41), 42);  // no exception: the check found it dead and reconnected
  EXPECT_NE(soong::default_connection().backend_pid(), pid);
  EXPECT_EQ(proxy_.accepted(), 2);
}

TEST_P(freeze, within_the_idle_threshold_the_next_statement_reports_the_loss_then_it_reconnects) {
  use_proxy_for_default_connection(1h);  // never checked: only a statement can notice
  EXPECT_EQ(add_one_on_default(1), 2);
  proxy_.cut_all(GetParam());
  try {
    (void)add_one_on_default(2);
    FAIL() << "a statement on a cut connection succeeded";
  } catch (const soong::connection_error& e) {
    const std::string message = e.what();
    RecordProperty("libpq_reports", message);  // in --gtest_output=xml, for the docs
    EXPECT_EQ(message.rfind("AddOne: connection to ", 0), 0u) << message;
    EXPECT_TRUE(names_connection_loss(message)) << message;
  }
  EXPECT_EQ(proxy_.accepted(), 1);  // the failed statement was not re-sent on a new connection
  EXPECT_EQ(add_one_on_default(2), 3);
  EXPECT_EQ(proxy_.accepted(), 2);
}

TEST_P(freeze, a_write_in_flight_is_reported_and_not_retried) {
  use_proxy_for_default_connection(0ms);
  const int pid = soong::default_connection().backend_pid();
  bool reported = false;
  {
    const when_sleeping cut(pid, [this] { proxy_.cut_all(GetParam()); });
    try {
      (void)soong::execute(soong::default_connection(), insert_slowly, 7);
    } catch (const soong::connection_error& e) {
      reported = true;
      RecordProperty("libpq_reports", e.what());
      EXPECT_EQ(std::string(e.what()).rfind("InsertSlowly: connection to ", 0), 0u) << e.what();
      EXPECT_TRUE(names_connection_loss(e.what())) << e.what();
    }
  }
  EXPECT_TRUE(reported);
  wait_for_backend_exit(pid);
  // The caller was told "connection lost: may or may not have run". The server had the whole
  // request (Bind/Execute/Sync arrive in one packet) and commits before its first flush, so the
  // row is there exactly once: soong did not send it again.
  EXPECT_EQ(admin_count("SELECT count(*) FROM freeze_writes"), 1);
  EXPECT_EQ(proxy_.accepted(), 1);
  EXPECT_EQ(add_one_on_default(1), 2);  // the next call reconnects
  EXPECT_EQ(proxy_.accepted(), 2);
  EXPECT_EQ(admin_count("SELECT count(*) FROM freeze_writes"), 1);
}

TEST_P(freeze, a_write_in_flight_inside_a_transaction_is_not_committed) {
  use_proxy_for_default_connection(0ms);
  soong::connection& conn = soong::default_connection();
  const int pid = conn.backend_pid();
  bool reported = false;
  {
    const when_sleeping cut(pid, [this] { proxy_.cut_all(GetParam()); });
    try {
      soong::transaction tx(conn);
      (void)soong::execute(conn, insert_slowly, 8);
      tx.commit();
    } catch (const soong::connection_error&) {
      reported = true;
    }
  }
  EXPECT_TRUE(reported);
  wait_for_backend_exit(pid);
  // Here the caller's answer is certain: no COMMIT was sent, and the server rolls back a
  // transaction whose session died.
  EXPECT_EQ(admin_count("SELECT count(*) FROM freeze_writes"), 0);
}

TEST_P(freeze, retry_idempotent_runs_a_read_again_on_a_new_connection) {
  use_proxy_for_default_connection(0ms);
  EXPECT_EQ(add_one_on_default(0), 1);
  const int pid = soong::default_connection().backend_pid();
  int attempts = 0;
  std::int64_t answer = 0;
  {
    const when_sleeping cut(pid, [this] { proxy_.cut_all(GetParam()); });
    answer = soong::retry_idempotent([&] {
      ++attempts;
      return soong::execute(soong::default_connection(), add_one_slowly, std::int64_t{99})
          .get<std::int64_t>(0, 0);
    });
  }
  EXPECT_EQ(answer, 100);
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(proxy_.accepted(), 2);
}

TEST_P(freeze, a_pool_lease_cut_in_flight_is_discarded_and_the_next_acquire_works) {
  soong::pool pool(proxy_.conninfo(), {.max_connections = 2, .idle_check_after = 0ms});
  int pid = 0;
  {
    auto lease = pool.acquire();
    pid = lease->backend_pid();
    const when_sleeping cut(pid, [this] { proxy_.cut_all(GetParam()); });
    EXPECT_THROW((void)soong::execute(*lease, add_one_slowly, std::int64_t{1}),
                 soong::connection_error);
  }
  EXPECT_EQ(pool.size(), 0u);  // closed on return, not put back
  auto lease = pool.acquire();
  EXPECT_NE(lease->backend_pid(), pid);
  EXPECT_EQ(soong::execute(*lease, add_one, std::int64_t{1}).get<std::int64_t>(0, 0), 2);
  EXPECT_EQ(proxy_.accepted(), 2);
}

TEST_P(freeze, an_idle_pool_connection_cut_while_frozen_is_replaced_at_acquire) {
  soong::pool pool(proxy_.conninfo(), {.max_connections = 2, .idle_check_after = 100ms});
  int pid = 0;
  {
    auto lease = pool.acquire();
    pid = lease->backend_pid();
  }
  EXPECT_EQ(pool.idle(), 1u);
  proxy_.cut_all(GetParam());
  std::this_thread::sleep_for(150ms);
  auto lease = pool.acquire();
  EXPECT_NE(lease->backend_pid(), pid);
  EXPECT_EQ(soong::execute(*lease, add_one, std::int64_t{5}).get<std::int64_t>(0, 0), 6);
  EXPECT_EQ(proxy_.accepted(), 2);
}

INSTANTIATE_TEST_SUITE_P(cut_by, freeze, ::testing::Values(cut_kind::close, cut_kind::reset),
                         [](const auto& info) {
                           return info.param == cut_kind::close ? std::string("fin")
                                                                : std::string("rst");
                         });

// Not parameterised: no cut, only a stall.

class stall : public freeze {};

TEST_F(stall, a_path_that_stalls_and_comes_back_keeps_its_session) {
  use_proxy_for_default_connection(0ms);
  const int pid = soong::default_connection().backend_pid();
  proxy_.pause();
  const auto start = std::chrono::steady_clock::now();
  {
    const later thaw(300ms, [this] { proxy_.resume(); });
    EXPECT_EQ(add_one_on_default(1), 2);  // waits for the thaw, then goes through
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 250ms);
  EXPECT_EQ(soong::default_connection().backend_pid(), pid);
  EXPECT_EQ(proxy_.accepted(), 1);
}

TEST_F(stall, a_pool_lease_whose_backend_was_terminated_is_discarded) {
  soong::pool pool(proxy_.conninfo(), {.max_connections = 1, .idle_check_after = 1h});
  int pid = 0;
  {
    auto lease = pool.acquire();
    pid = lease->backend_pid();
    soong::connection admin(soong::testing::conninfo());
    ASSERT_TRUE(soong::execute_sql(admin, "SELECT pg_terminate_backend($1)", pid).get<bool>(0, 0));
    wait_for_backend_exit(pid);
    EXPECT_THROW((void)soong::execute(*lease, add_one, std::int64_t{1}), soong::connection_error);
  }
  EXPECT_EQ(pool.size(), 0u);
  auto lease = pool.acquire();  // max_connections = 1: only possible if the dead one was dropped
  EXPECT_NE(lease->backend_pid(), pid);
  EXPECT_EQ(soong::execute(*lease, add_one, std::int64_t{1}).get<std::int64_t>(0, 0), 2);
}

// Without a server: what retry_idempotent retries and what it does not.

TEST(retry_idempotent, runs_at_most_twice) {
  int attempts = 0;
  EXPECT_THROW(soong::retry_idempotent([&] {
                 ++attempts;
                 throw soong::connection_error("lost");
               }),
               soong::connection_error);
  EXPECT_EQ(attempts, 2);
}

TEST(retry_idempotent, does_not_retry_other_errors) {
  int attempts = 0;
  EXPECT_THROW(soong::retry_idempotent([&] {
                 ++attempts;
                 throw soong::error("not a connection problem");
               }),
               soong::error);
  EXPECT_EQ(attempts, 1);
}

TEST(retry_idempotent, returns_the_first_result_when_nothing_fails) {
  int attempts = 0;
  EXPECT_EQ(soong::retry_idempotent([&] { return ++attempts * 10; }), 10);
  EXPECT_EQ(attempts, 1);
}

}  // namespace
