// soong::transaction: commit, rollback on exception, savepoints, errors inside a transaction.

#include <gtest/gtest.h>

#include "runtime_fixture.hpp"

namespace {

std::int64_t count(soong::connection& conn) {
  return soong::execute_sql(conn, "SELECT count(*) FROM t").get<std::int64_t>(0, 0);
}

soong::connection table_db() {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, "CREATE TABLE t (id int PRIMARY KEY)");
  return conn;
}

TEST(transaction, commit_keeps_changes) {
  soong::connection conn = table_db();
  {
    soong::transaction tx(conn);
    (void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)");
    tx.commit();
  }
  EXPECT_EQ(count(conn), 1);
}

TEST(transaction, exception_rolls_back) {
  soong::connection conn = table_db();
  EXPECT_THROW(
      {
        soong::transaction tx(conn);
        (void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)");
        throw std::runtime_error("handler failed");
      },
      std::runtime_error);
  EXPECT_EQ(count(conn), 0);
}

TEST(transaction, options_reach_the_server) {
  soong::connection conn = table_db();
  soong::transaction tx(
      conn,
      {.isolation = soong::isolation_level::serializable, .read_only = true, .deferrable = true});
  const auto r = soong::execute_sql(
      conn,
      "SELECT current_setting('transaction_isolation'), current_setting('transaction_read_only')");
  EXPECT_EQ(r.get<std::string>(0, 0), "serializable");
  EXPECT_EQ(r.get<std::string>(0, 1), "on");
  EXPECT_THROW((void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)"), soong::sql_error);
}

TEST(transaction, savepoint_rolls_back_only_the_inner_part) {
  soong::connection conn = table_db();
  soong::transaction outer(conn);
  (void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)");
  {
    soong::transaction inner(conn);
    EXPECT_TRUE(inner.is_savepoint());
    (void)soong::execute_sql(conn, "INSERT INTO t VALUES (2)");
    EXPECT_THROW((void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)"),
                 soong::unique_violation);
  }  // rolls back to the savepoint, which also clears the failed state
  {
    soong::transaction inner(conn);
    (void)soong::execute_sql(conn, "INSERT INTO t VALUES (3)");
    inner.commit();
  }
  outer.commit();
  EXPECT_EQ(count(conn), 2);  // 1 and 3
}

TEST(transaction, using_a_failed_transaction_is_a_clear_error) {
  soong::connection conn = table_db();
  soong::transaction tx(conn);
  (void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)");
  EXPECT_THROW((void)soong::execute_sql(conn, "INSERT INTO t VALUES (1)"), soong::unique_violation);
  try {
    (void)soong::execute_sql(conn, "SELECT 1");
    FAIL();
  } catch (const soong::transaction_aborted& e) {
    EXPECT_NE(std::string(e.what()).find("duplicate key value"), std::string::npos) << e.what();
  }
  EXPECT_THROW(tx.commit(), soong::transaction_aborted);
  EXPECT_EQ(count(conn), 0);  // usable again after the rollback
}

}  // namespace
