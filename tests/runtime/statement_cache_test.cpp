// Statement cache modes: per-connection random statement names, the column check on every
// result, `automatic` switching to unnamed statements, and where the mode comes from (code, URL
// or conninfo parameter, environment).

#include <gtest/gtest.h>

#include <cstdlib>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "runtime_fixture.hpp"
#include "scoped_env.hpp"

namespace {

constexpr soong::type_ref int8_type[] = {{soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::type_ref text_type[] = {{soong::oids::text, "pg_catalog", "text"}};
constexpr soong::statement count_to{.name = "CountTo",
                                    .sql = "SELECT $1::int8 + 1 AS n",
                                    .params = int8_type,
                                    .columns = int8_type};
constexpr soong::statement greet{.name = "Greet",
                                 .sql = "SELECT 'hello ' || $1::text AS g",
                                 .params = text_type,
                                 .columns = text_type};
constexpr soong::statement touch{.name = "Touch", .sql = "SELECT pg_sleep(0)"};

/// The names of the session's prepared statements.
std::vector<std::string> prepared_names(soong::connection& conn) {
  const soong::result r =
      soong::execute_sql(conn, "SELECT name FROM pg_prepared_statements ORDER BY name");
  std::vector<std::string> names;
  for (int i = 0; i < r.rows(); ++i) names.push_back(r.get<std::string>(i, 0));
  return names;
}

using soong::testing::scoped_env;

// First in this file: the warning is given once per process, and the tests below switch too.
TEST(statement_cache, warning_handler_receives_the_switch_once_per_process) {
  std::vector<std::string> seen;
  soong::set_warning_handler([&](std::string_view m) { seen.emplace_back(m); });
  for (int i = 0; i < 2; ++i) {
    soong::connection conn = soong::test::fresh_connection();
    (void)soong::execute(conn, count_to, std::int64_t{1});
    soong::execute_script(conn, "DEALLOCATE ALL");
    (void)soong::execute(conn, count_to, std::int64_t{1});
    EXPECT_FALSE(conn.statement_cache_enabled());
  }
  soong::set_warning_handler({});
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(
      seen[0].ends_with("Configure it explicitly (statement_cache=off or "
                        "pooler=transaction in the URL, or SOONG_STATEMENT_CACHE=off) to "
                        "skip detection"))
      << seen[0];
}

TEST(statement_cache, names_carry_a_random_prefix_per_connection) {
  const std::string database = soong::testing::fresh_database();
  soong::connection a(database, {.statement_cache = soong::statement_cache_mode::on});
  soong::connection b(database, {.statement_cache = soong::statement_cache_mode::on});
  (void)soong::execute(a, count_to, std::int64_t{1});
  (void)soong::execute(b, count_to, std::int64_t{1});
  const std::vector<std::string> in_a = prepared_names(a);
  const std::vector<std::string> in_b = prepared_names(b);
  ASSERT_EQ(in_a.size(), 1u);
  ASSERT_EQ(in_b.size(), 1u);
  // soong_<16 hex>_<n>
  EXPECT_EQ(in_a[0].size(), std::string("soong_0123456789abcdef_1").size()) << in_a[0];
  EXPECT_TRUE(in_a[0].starts_with("soong_") && in_a[0].ends_with("_1")) << in_a[0];
  EXPECT_NE(in_a[0], in_b[0]);
}

TEST(statement_cache, automatic_keeps_named_statements_on_a_direct_connection) {
  soong::connection conn = soong::test::fresh_connection();
  EXPECT_EQ(conn.statement_cache(), soong::statement_cache_mode::automatic);
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute(conn, count_to, std::int64_t{41})),
            42);
  EXPECT_TRUE(conn.statement_cache_enabled());
  EXPECT_EQ(prepared_names(conn).size(), 1u);
}

TEST(statement_cache, a_result_that_is_not_the_prepared_statements_is_refused) {
  // What a transaction pooler can do: run another statement under this statement's name. Here
  // the session's statement is replaced by SQL-level PREPARE under the same name.
  soong::connection conn =
      soong::test::fresh_connection({.statement_cache = soong::statement_cache_mode::on});
  (void)soong::execute(conn, touch);
  const std::string name = prepared_names(conn).at(0);
  soong::execute_script(conn, "DEALLOCATE " + name + "; PREPARE " + name + " AS SELECT 8::int8");
  try {
    (void)soong::execute(conn, touch);
    FAIL() << "expected schema_mismatch";
  } catch (const soong::schema_mismatch& e) {
    EXPECT_EQ(std::string(e.what()),
              "Touch: the server returned columns (pg_catalog.int8 (oid 20)) where the statement "
              "prepared as " +
                  name +
                  " was described with (pg_catalog.void (oid 2278)): the result belongs to another "
                  "statement (a "
                  "connection pooler in transaction mode between client and server? set "
                  "statement_cache=off)");
  }
  // Declared columns are compared first, with the drift message.
  (void)soong::execute(conn, greet, "x");
  const std::string greet_name = prepared_names(conn).at(1);
  soong::execute_script(conn, "DEALLOCATE " + greet_name + "; PREPARE " + greet_name +
                                  "(text) AS SELECT 8::int8 AS g");
  EXPECT_THROW((void)soong::execute(conn, greet, "x"), soong::schema_mismatch);
}

TEST(statement_cache, automatic_switches_to_unnamed_when_a_name_goes_astray) {
  soong::connection conn = soong::test::fresh_connection();
  std::vector<std::string> warnings;
  conn.set_statement_hook([&](const soong::statement_event& e) {
    if (!e.warning.empty()) warnings.emplace_back(e.warning);
  });
  (void)soong::execute(conn, count_to, std::int64_t{1});
  ASSERT_TRUE(conn.statement_cache_enabled());
  // As when a pooler hands the next transaction to a server session that never saw the name.
  soong::execute_script(conn, "DEALLOCATE ALL");
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute(conn, count_to, std::int64_t{2})), 3);
  EXPECT_FALSE(conn.statement_cache_enabled());
  EXPECT_TRUE(prepared_names(conn).empty());
  for (int i = 0; i < 3; ++i) (void)soong::execute(conn, greet, "again");
  EXPECT_TRUE(prepared_names(conn).empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(
      warnings[0].starts_with("CountTo: switched this connection to unnamed statements: "
                              "running it failed with \"prepared statement"))
      << warnings[0];
}

TEST(statement_cache, on_prepares_again_instead_of_switching) {
  soong::connection conn =
      soong::test::fresh_connection({.statement_cache = soong::statement_cache_mode::on});
  (void)soong::execute(conn, count_to, std::int64_t{1});
  soong::execute_script(conn, "DEALLOCATE ALL");
  EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute(conn, count_to, std::int64_t{2})), 3);
  EXPECT_TRUE(conn.statement_cache_enabled());
  EXPECT_EQ(prepared_names(conn).size(), 1u);
}

TEST(statement_cache, a_name_lost_inside_a_transaction_fails_the_call_and_is_not_rerun) {
  soong::connection conn = soong::test::fresh_connection();
  (void)soong::execute(conn, count_to, std::int64_t{1});
  soong::transaction tx(conn);
  soong::execute_script(conn, "DEALLOCATE ALL");
  EXPECT_THROW((void)soong::execute(conn, count_to, std::int64_t{2}), soong::sql_error);
}

/// Runs a three-item batch of inserts into `t` on `conn`.
void insert_three(soong::connection& conn) {
  static constexpr soong::statement insert{
      .name = "InsertT", .sql = "INSERT INTO t VALUES ($1)", .params = int8_type};
  const std::vector<std::int64_t> items{1, 2, 3};
  soong::execute_batch_without_results(conn, insert, std::span<const std::int64_t>(items),
                                       [](std::int64_t v) { return std::tuple{v}; });
}

TEST(statement_cache, a_batch_whose_statement_the_server_lost_runs_again) {
  for (const auto mode :
       {soong::statement_cache_mode::on, soong::statement_cache_mode::automatic}) {
    soong::connection conn = soong::test::fresh_connection({.statement_cache = mode});
    soong::execute_script(conn, "CREATE TABLE t (v int8)");
    insert_three(conn);
    soong::execute_script(conn, "DEALLOCATE ALL");
    insert_three(conn);  // `on`: prepared again; automatic: sent unnamed
    EXPECT_EQ(soong::test::single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM t")),
              6);
    if (mode == soong::statement_cache_mode::on) {
      EXPECT_EQ(prepared_names(conn).size(), 1u);
    } else {
      EXPECT_FALSE(conn.statement_cache_enabled());
      EXPECT_TRUE(prepared_names(conn).empty());
    }
  }
}

TEST(statement_cache, mode_from_url_parameter_conninfo_keyword_and_environment) {
  const std::string base = soong::testing::fresh_database();
  {
    soong::connection conn(base + " statement_cache=off");
    EXPECT_EQ(conn.statement_cache(), soong::statement_cache_mode::off);
    (void)soong::execute(conn, count_to, std::int64_t{1});
    EXPECT_TRUE(prepared_names(conn).empty());
  }
  {
    soong::connection conn("pooler = 'transaction' " + base);
    EXPECT_EQ(conn.statement_cache(), soong::statement_cache_mode::off);
  }
  {
    const scoped_env env("SOONG_STATEMENT_CACHE", "on");
    soong::connection from_env(base);
    EXPECT_EQ(from_env.statement_cache(), soong::statement_cache_mode::on);
    // The URL's parameter wins over the environment, the code's option over both.
    soong::connection from_text(base + " pooler=transaction");
    EXPECT_EQ(from_text.statement_cache(), soong::statement_cache_mode::off);
    soong::connection from_code(base + " pooler=transaction",
                                {.statement_cache = soong::statement_cache_mode::automatic});
    EXPECT_EQ(from_code.statement_cache(), soong::statement_cache_mode::automatic);
  }
  {
    const scoped_env env("SOONG_POOLER", "transaction");
    EXPECT_EQ(soong::connection(base).statement_cache(), soong::statement_cache_mode::off);
  }
  {
    const scoped_env env("SOONG_STATEMENT_CACHE", "sometimes");
    try {
      soong::connection conn(base);
      FAIL() << "expected soong::error";
    } catch (const soong::error& e) {
      EXPECT_STREQ(e.what(), "SOONG_STATEMENT_CACHE must be auto, on or off, not \"sometimes\"");
    }
  }
}

TEST(statement_cache, url_parameters_are_taken_out_before_libpq_parses) {
  const soong::connection_config config = soong::connection_config::parse(
      "postgresql://app@db.example:6432/cruddur?sslmode=require&pooler=transaction&"
      "application_name=api");
  ASSERT_TRUE(config.statement_cache.has_value());
  EXPECT_EQ(*config.statement_cache, soong::statement_cache_mode::off);
  EXPECT_EQ(config.sslmode, "require");
  EXPECT_EQ(config.application_name, "api");
  EXPECT_EQ(config.to_conninfo().find("pooler"), std::string::npos);
  EXPECT_EQ(
      soong::connection_config::parse("postgresql://h/db?statement_cache=auto").statement_cache,
      soong::statement_cache_mode::automatic);
  EXPECT_FALSE(soong::connection_config::parse("postgresql://h/db").statement_cache.has_value());
  try {
    (void)soong::connection_config::parse("postgresql://h/db?pooler=sometimes");
    FAIL() << "expected soong::error";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(),
                 "the connection parameter pooler must be transaction, statement, session or "
                 "none, not \"sometimes\"");
  }
}

TEST(statement_cache, config_mode_reaches_the_connection) {
  soong::connection_config config =
      soong::connection_config::parse(soong::testing::fresh_database() + " statement_cache=off");
  soong::connection conn(config);
  EXPECT_EQ(conn.statement_cache(), soong::statement_cache_mode::off);
  conn.set_statement_cache(soong::statement_cache_mode::on);
  (void)soong::execute(conn, count_to, std::int64_t{1});
  EXPECT_EQ(prepared_names(conn).size(), 1u);
}

}  // namespace
