// soong::default_connection() against a real server: lazy creation, reconnect after the
// backend is terminated or the server restarts, and no silent retry of a broken statement.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <soong/connection_config.hpp>
#include <soong/soong.hpp>
#include <thread>

#include "backend_control.hpp"
#include "test_server.hpp"

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

constexpr soong::type_ref int8_ref[] = {{20, "pg_catalog", "int8"}};
constexpr soong::statement add_one{
    .name = "AddOne", .sql = "SELECT $1::int8 + 1", .params = int8_ref, .columns = int8_ref};

std::int64_t add_one_on_default(std::int64_t n) {
  return soong::execute(soong::default_connection(), add_one, n).get<std::int64_t>(0, 0);
}

class default_connection : public ::testing::Test {
 protected:
  void SetUp() override { soong::reset_default_connection(); }
  void TearDown() override { soong::reset_default_connection(); }
  /// Configures the default connection with a factory that counts physical connects.
  void configure(std::chrono::milliseconds idle_check_after) {
    soong::set_default_connection_factory(
        [this] {
          ++connects_;
          return soong::connection(soong::testing::conninfo());
        },
        {.idle_check_after = idle_check_after});
  }
  int connects_ = 0;
};

TEST_F(default_connection, is_made_on_first_use_and_then_reused) {
  configure(1h);
  EXPECT_EQ(connects_, 0);
  soong::connection& first = soong::default_connection();
  EXPECT_EQ(connects_, 1);
  const int pid = first.backend_pid();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(add_one_on_default(i), i + 1);
  EXPECT_EQ(&soong::default_connection(), &first);
  EXPECT_EQ(soong::default_connection().backend_pid(), pid);
  EXPECT_EQ(connects_, 1);
}

TEST_F(default_connection, comes_from_a_configuration) {
  soong::set_default_connection_config(soong::connection_config::parse(soong::testing::conninfo()));
  EXPECT_EQ(add_one_on_default(1), 2);
}

TEST_F(default_connection, comes_from_the_environment_when_not_configured) {
  ::setenv("DATABASE_URL", soong::testing::conninfo().c_str(), 1);
  EXPECT_EQ(add_one_on_default(5), 6);
  ::unsetenv("DATABASE_URL");
}

TEST_F(default_connection, reconnects_after_its_backend_was_terminated) {
  configure(0ms);  // check on every call
  const int pid = soong::default_connection().backend_pid();
  soong::test::terminate_backend(pid);
  soong::connection& conn = soong::default_connection();
  EXPECT_NE(conn.backend_pid(), pid);
  EXPECT_EQ(add_one_on_default(41), 42);
  EXPECT_EQ(connects_, 2);
}

TEST_F(default_connection, checks_only_after_the_idle_threshold) {
  configure(200ms);
  const int pid = soong::default_connection().backend_pid();
  EXPECT_EQ(soong::default_connection().backend_pid(), pid);  // within the threshold
  soong::test::terminate_backend(pid);
  std::this_thread::sleep_for(250ms);  // like a frozen Lambda container
  EXPECT_EQ(add_one_on_default(1), 2);
  EXPECT_NE(soong::default_connection().backend_pid(), pid);
  EXPECT_EQ(connects_, 2);
}

TEST_F(default_connection,
       a_statement_in_flight_when_the_backend_dies_throws_and_the_next_call_reconnects) {
  configure(1h);  // no idle check: only the broken statement can notice
  soong::connection& conn = soong::default_connection();
  const int pid = conn.backend_pid();
  std::thread killer([pid] {
    std::this_thread::sleep_for(200ms);
    soong::test::terminate_backend(pid);
  });
  const auto start = steady::now();
  EXPECT_THROW((void)soong::execute_sql(soong::default_connection(), "SELECT pg_sleep(5)"),
               soong::connection_error);
  EXPECT_LT(steady::now() - start, 4s);  // interrupted, not run to the end
  killer.join();
  EXPECT_EQ(connects_, 1);  // nothing was retried behind the caller's back
  EXPECT_EQ(add_one_on_default(9), 10);
  EXPECT_NE(soong::default_connection().backend_pid(), pid);
  EXPECT_EQ(connects_, 2);
}

TEST_F(default_connection, reconnects_after_the_server_restarted) {
  configure(50ms);
  const int pid = soong::default_connection().backend_pid();
  EXPECT_EQ(add_one_on_default(1), 2);
  soong::testing::shared_server().restart();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(add_one_on_default(2), 3);
  EXPECT_NE(soong::default_connection().backend_pid(), pid);
  EXPECT_EQ(connects_, 2);
}

TEST_F(default_connection, a_failed_reconnect_is_retried_by_the_next_call) {
  bool server_reachable = true;
  soong::set_default_connection_factory(
      [&] {
        return soong::connection(server_reachable ? soong::testing::conninfo()
                                                  : "host=/nonexistent-soong-socket dbname=x");
      },
      {.idle_check_after = 0ms});
  const int pid = soong::default_connection().backend_pid();
  soong::test::terminate_backend(pid);
  server_reachable = false;
  EXPECT_THROW((void)soong::default_connection(), soong::connection_error);
  server_reachable = true;
  EXPECT_EQ(add_one_on_default(3), 4);
}

}  // namespace
