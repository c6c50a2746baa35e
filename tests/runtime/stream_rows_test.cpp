// soong::stream_rows (the generated :many row-callback overload): rows arrive one result each
// (single-row mode, so memory stays flat), an error after some rows is thrown after those rows
// were handed over, and the connection, its prepared statements, pipelines and pools keep
// working afterwards.

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "runtime_fixture.hpp"

namespace {

constexpr soong::type_ref int8_pair[] = {{soong::oids::int8, "pg_catalog", "int8"},
                                         {soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::type_ref int8_column[] = {{soong::oids::int8, "pg_catalog", "int8"}};

/// Rows 1..$2; the row whose value reaches $1 divides by zero.
constexpr soong::statement count_until{
    .name = "CountUntil",
    .sql =
        "SELECT CASE WHEN g < $1::int8 THEN g ELSE g / 0 END AS v "
        "FROM generate_series(1::int8, $2::int8) AS g",
    .params = int8_pair,
    .columns = int8_column};

/// Every row's size of result: single-row mode gives each row a result of its own.
std::vector<int> result_sizes;

std::int64_t read_value(const soong::result& r, int i) {
  result_sizes.push_back(r.rows());
  return r.row(i).get<std::int64_t>(0);
}

/// Streams CountUntil(fail_at, rows) into a vector (what on_row saw before any error).
std::vector<std::int64_t> stream(soong::connection& conn, std::int64_t fail_at, std::int64_t rows,
                                 std::vector<std::int64_t>& seen) {
  soong::stream_rows<read_value>(
      conn, count_until, [&](std::int64_t v) { seen.push_back(v); }, fail_at, rows);
  return seen;
}

std::vector<std::int64_t> one_to(std::int64_t n) {
  std::vector<std::int64_t> values;
  for (std::int64_t v = 1; v <= n; ++v) values.push_back(v);
  return values;
}

std::int64_t count_prepared(soong::connection& conn) {
  return soong::test::single<std::int64_t>(soong::execute_sql(
      conn,
      "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%generate_series%'"));
}

TEST(stream_rows, each_row_arrives_in_a_result_of_its_own) {
  soong::connection conn = soong::test::fresh_connection();
  result_sizes.clear();
  std::vector<std::int64_t> seen;
  stream(conn, 100'000, 20'000, seen);
  EXPECT_EQ(seen, one_to(20'000));
  ASSERT_EQ(result_sizes.size(), 20'000U);
  for (const int size : result_sizes) ASSERT_EQ(size, 1);
}

TEST(stream_rows, no_rows_calls_nothing) {
  soong::connection conn = soong::test::fresh_connection();
  std::vector<std::int64_t> seen;
  stream(conn, 10, 0, seen);
  EXPECT_TRUE(seen.empty());
}

TEST(stream_rows, an_error_after_some_rows_is_thrown_after_them_and_the_connection_goes_on) {
  soong::connection conn = soong::test::fresh_connection();
  std::vector<std::int64_t> seen;
  try {
    stream(conn, 1000, 2000, seen);
    FAIL() << "expected division_by_zero";
  } catch (const soong::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
    EXPECT_NE(std::string(e.what()).find("CountUntil"), std::string::npos) << e.what();
  }
  EXPECT_EQ(seen, one_to(999));  // every row before the failing one, in order
  // The same connection, the same prepared statement, and another statement all still work.
  seen.clear();
  stream(conn, 5000, 2000, seen);
  EXPECT_EQ(seen, one_to(2000));
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute_sql(conn, "SELECT 41::int8 + 1")), 42);
  EXPECT_EQ(count_prepared(conn), 1);
}

TEST(stream_rows, an_error_inside_a_transaction_leaves_it_failed_until_rolled_back) {
  soong::connection conn = soong::test::fresh_connection();
  std::vector<std::int64_t> seen;
  {
    soong::transaction tx(conn);
    EXPECT_THROW(stream(conn, 10, 20, seen), soong::sql_error);
    EXPECT_EQ(seen, one_to(9));
    EXPECT_THROW(stream(conn, 10, 5, seen), soong::transaction_aborted);
  }  // rolled back
  seen.clear();
  stream(conn, 10, 5, seen);
  EXPECT_EQ(seen, one_to(5));
}

TEST(stream_rows, a_query_on_the_same_connection_from_the_callback_is_named_a_nested_call) {
  soong::connection conn = soong::test::fresh_connection();
  std::string message;
  EXPECT_THROW(soong::stream_rows<read_value>(
                   conn, count_until,
                   [&](std::int64_t) {
                     try {
                       (void)soong::execute_sql(conn, "SELECT 1");
                     } catch (const soong::error& e) {
                       message = e.what();
                       throw;
                     }
                   },
                   std::int64_t{100}, std::int64_t{10}),
               soong::error);
  EXPECT_NE(message.find("on this same thread"), std::string::npos) << message;
  EXPECT_EQ(message.find("another thread"), std::string::npos) << message;
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute_sql(conn, "SELECT 41::int8 + 1")), 42);
}

TEST(stream_rows, a_throwing_callback_stops_the_stream_and_the_connection_goes_on) {
  soong::connection conn = soong::test::fresh_connection();
  int calls = 0;
  EXPECT_THROW(soong::stream_rows<read_value>(
                   conn, count_until,
                   [&](std::int64_t v) {
                     ++calls;
                     if (v == 3) throw std::runtime_error("stop");
                   },
                   std::int64_t{100'000}, std::int64_t{50'000}),
               std::runtime_error);
  EXPECT_EQ(calls, 3);
  std::vector<std::int64_t> seen;
  stream(conn, 100, 10, seen);
  EXPECT_EQ(seen, one_to(10));
}

TEST(stream_rows, a_statement_the_server_lost_runs_again_in_every_cache_mode) {
  for (const auto mode : {soong::statement_cache_mode::on, soong::statement_cache_mode::automatic,
                          soong::statement_cache_mode::off}) {
    soong::connection conn = soong::test::fresh_connection({.statement_cache = mode});
    std::vector<std::int64_t> seen;
    stream(conn, 100, 3, seen);
    soong::execute_script(conn, "DEALLOCATE ALL");
    seen.clear();
    stream(conn, 100, 4, seen);  // `on`: prepared again; automatic: unnamed; off: unnamed
    EXPECT_EQ(seen, one_to(4));
    EXPECT_EQ(count_prepared(conn), mode == soong::statement_cache_mode::on ? 1 : 0);
  }
}

TEST(stream_rows, pipelines_run_after_a_failed_stream) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, "CREATE TABLE t (v int8)");
  std::vector<std::int64_t> seen;
  EXPECT_THROW(stream(conn, 2, 10, seen), soong::sql_error);
  static constexpr soong::statement insert{
      .name = "InsertT", .sql = "INSERT INTO t VALUES ($1)", .params = int8_column};
  const std::vector<std::int64_t> items{1, 2, 3};
  soong::execute_batch_without_results(conn, insert, std::span<const std::int64_t>(items),
                                       [](std::int64_t v) { return std::tuple{v}; });
  EXPECT_EQ(
      soong::test::single<std::int64_t>(soong::execute_sql(conn, "SELECT sum(v)::int8 FROM t")), 6);
}

TEST(stream_rows, a_pooled_connection_is_reused_after_a_failed_stream) {
  soong::pool pool(soong::testing::fresh_database(), {.max_connections = 1});
  {
    auto lease = pool.acquire();
    std::vector<std::int64_t> seen;
    EXPECT_THROW(stream(*lease, 5, 10, seen), soong::sql_error);
  }
  EXPECT_EQ(pool.idle(), 1U);  // returned, not closed: it is idle and healthy
  auto lease = pool.acquire();
  std::vector<std::int64_t> seen;
  stream(*lease, 50, 10, seen);
  EXPECT_EQ(seen, one_to(10));
}

TEST(stream_rows, the_hook_sees_one_event_per_stream) {
  soong::connection conn = soong::test::fresh_connection();
  std::vector<bool> outcomes;
  conn.set_statement_hook([&](const soong::statement_event& e) {
    if (e.query_name == "CountUntil") outcomes.push_back(e.succeeded);
  });
  std::vector<std::int64_t> seen;
  stream(conn, 100, 50, seen);
  EXPECT_THROW(stream(conn, 5, 50, seen), soong::sql_error);
  EXPECT_EQ(outcomes, (std::vector<bool>{true, false}));
}

}  // namespace
