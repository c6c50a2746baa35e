// One soong::connection used by two threads at once: the call that finds the connection busy
// throws soong::error naming its query; the call already running is undisturbed, and the
// connection stays usable. Without the check this interleaves libpq protocol messages (crashes,
// hangs, "message type 0x54 arrived from server while idle").

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "runtime_fixture.hpp"

namespace {

constexpr soong::type_ref int8_type[] = {{soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::statement held{.name = "Held",
                                .sql = "SELECT pg_advisory_xact_lock($1), 7::int8 AS seven",
                                .params = int8_type,
                                .columns = {}};
constexpr std::int64_t held_key = 7365;
constexpr soong::statement plus_one{
    .name = "PlusOne", .sql = "SELECT $1::int8 + 1", .params = int8_type, .columns = int8_type};

/// Runs `call` on this thread while another thread's statement on `conn` waits for an advisory
/// lock this thread holds, so the connection is busy for exactly as long as `call` takes,
/// however slow the machine; returns what `call` threw (empty when it did not throw).
template <class Call>
std::string call_while_busy(soong::connection& conn, Call call) {
  const std::string database = soong::testing::conninfo(soong::test::single<std::string>(
      soong::execute_sql(conn, "SELECT current_database()::text")));
  soong::connection holder(database);
  static_cast<void>(soong::execute_sql(holder, "SELECT pg_advisory_lock($1)", held_key));
  const int busy_pid = conn.backend_pid();
  std::thread busy([&] {
    const soong::result r = soong::execute(conn, held, held_key);
    EXPECT_EQ(r.get<std::int64_t>(0, 1), 7);  // the call that held the connection completes
  });
  EXPECT_TRUE(soong::testing::wait_for_backend(
      database, "pid = " + std::to_string(busy_pid) + " AND wait_event_type = 'Lock'"))
      << "the other thread's statement never reached the server";
  std::string thrown;
  try {
    call();
  } catch (const soong::error& e) {
    thrown = e.what();
  }
  static_cast<void>(soong::execute_sql(holder, "SELECT pg_advisory_unlock($1)", held_key));
  busy.join();
  return thrown;
}

TEST(concurrent_use, a_second_thread_gets_a_clear_error_and_the_first_is_undisturbed) {
  soong::connection conn = soong::test::fresh_connection();
  EXPECT_EQ(call_while_busy(conn, [&] { (void)soong::execute(conn, plus_one, std::int64_t{1}); }),
            "PlusOne: this soong::connection is running another call on another thread; a "
            "connection is one libpq connection and serves one thread at a time: give each "
            "thread its own, or share a soong::pool");
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute(conn, plus_one, std::int64_t{1})), 2);
}

TEST(concurrent_use, every_kind_of_call_is_guarded) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, "CREATE TABLE t (v int8)");
  const auto refused = [](const std::string& what, const char* query) {
    return what.starts_with(std::string(query) + ": this soong::connection is running another");
  };
  EXPECT_PRED2(refused, call_while_busy(conn, [&] { (void)soong::execute_sql(conn, "SELECT 1"); }),
               "execute_sql");
  EXPECT_PRED2(refused, call_while_busy(conn, [&] { soong::execute_script(conn, "SELECT 1"); }),
               "execute_script");
  EXPECT_PRED2(refused, call_while_busy(conn, [&] { soong::transaction tx(conn); }),
               "soong::transaction");
  static constexpr soong::statement insert{
      .name = "Insert", .sql = "INSERT INTO t VALUES ($1)", .params = int8_type};
  const std::vector<std::int64_t> items{1, 2, 3};
  EXPECT_PRED2(refused,
               call_while_busy(conn,
                               [&] {
                                 soong::execute_batch_without_results(
                                     conn, insert, std::span<const std::int64_t>(items),
                                     [](std::int64_t v) { return std::tuple{v}; });
                               }),
               "Insert");
  static constexpr std::string_view names[] = {"v"};
  static constexpr soong::copy_statement copy{
      .name = "CopyT", .table = "t", .column_names = names, .columns = int8_type};
  EXPECT_PRED2(refused,
               call_while_busy(conn,
                               [&] {
                                 (void)soong::copy_from(
                                     conn, copy, std::span<const std::int64_t>(items),
                                     [](std::int64_t v) { return std::tuple{v}; });
                               }),
               "CopyT");
  // Nothing the refused calls would have written is there, and the connection still works.
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM t")),
            0);
}

TEST(concurrent_use, four_threads_sharing_one_connection_never_crash_or_corrupt) {
  // The easy mistake: a handler's threads share one connection. Every call either returns the
  // right value or is refused; afterwards the connection works.
  soong::connection conn = soong::test::fresh_connection();
  std::atomic<int> correct{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        const std::int64_t n = t * 1000 + i;
        try {
          const soong::result r = soong::execute(conn, plus_one, n);
          (r.get<std::int64_t>(0, 0) == n + 1 ? correct : other)++;
        } catch (const soong::error& e) {
          (std::string(e.what()).find("running another call on another thread") != std::string::npos
               ? refused
               : other)++;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(correct.load() + refused.load(), 2000);
  EXPECT_GT(correct.load(), 0);
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute(conn, plus_one, std::int64_t{1})), 2);
}

}  // namespace
