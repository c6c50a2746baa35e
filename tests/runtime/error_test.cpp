// Each listed SQLSTATE raised for real by PostgreSQL and mapped to its class with its fields.

#include <gtest/gtest.h>

#include <thread>

#include "runtime_fixture.hpp"

namespace {

class error_test : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = soong::testing::fresh_database();
    conn_ = std::make_unique<soong::connection>(db_);
    soong::execute_script(*conn_, R"sql(
      CREATE TABLE parents (id int PRIMARY KEY);
      CREATE TABLE kids (id int PRIMARY KEY, parent int REFERENCES parents (id),
                         name text NOT NULL, age int CONSTRAINT age_positive CHECK (age > 0));
      INSERT INTO parents VALUES (1);
      INSERT INTO kids VALUES (1, 1, 'a', 1), (2, 1, 'b', 2);
    )sql");
  }
  std::string db_;
  std::unique_ptr<soong::connection> conn_;
};

TEST_F(error_test, unique_violation_with_fields) {
  static constexpr soong::statement insert{.name = "InsertKid",
                                           .sql = "INSERT INTO kids VALUES (1, 1, 'x', 1)"};
  try {
    (void)soong::execute(*conn_, insert);
    FAIL();
  } catch (const soong::unique_violation& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.query_name(), "InsertKid");
    EXPECT_EQ(e.constraint_name(), "kids_pkey");
    EXPECT_EQ(e.table_name(), "kids");
    EXPECT_EQ(e.schema_name(), "public");
    EXPECT_EQ(e.detail(), "Key (id)=(1) already exists.");
    EXPECT_STREQ(e.what(),
                 "InsertKid: duplicate key value violates unique constraint \"kids_pkey\" "
                 "[23505]; detail: Key (id)=(1) already exists.; constraint: kids_pkey");
  }
}

TEST_F(error_test, foreign_key_not_null_and_check_violations) {
  EXPECT_THROW((void)soong::execute_sql(*conn_, "INSERT INTO kids VALUES (3, 9, 'c', 1)"),
               soong::foreign_key_violation);
  try {
    (void)soong::execute_sql(*conn_, "INSERT INTO kids VALUES (3, 1, NULL, 1)");
    FAIL();
  } catch (const soong::not_null_violation& e) {
    EXPECT_EQ(e.column_name(), "name");
    EXPECT_EQ(e.sqlstate(), "23502");
  }
  try {
    (void)soong::execute_sql(*conn_, "INSERT INTO kids VALUES (3, 1, 'c', -1)");
    FAIL();
  } catch (const soong::check_violation& e) {
    EXPECT_EQ(e.constraint_name(), "age_positive");
  }
}

TEST_F(error_test, syntax_error_has_position_and_base_class) {
  try {
    (void)soong::execute_sql(*conn_, "SELECT FROM WHERE");
    FAIL();
  } catch (const soong::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "42601");
    ASSERT_TRUE(e.position().has_value());
    EXPECT_EQ(*e.position(), 13);
  }
}

TEST_F(error_test, query_canceled_by_statement_timeout) {
  soong::execute_script(*conn_, "SET statement_timeout = '50ms'");
  EXPECT_THROW((void)soong::execute_sql(*conn_, "SELECT pg_sleep(5)"), soong::query_canceled);
}

TEST_F(error_test, serialization_failure_between_two_sessions) {
  soong::connection other(db_);
  soong::execute_script(*conn_, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  (void)soong::execute_sql(*conn_, "SELECT * FROM kids");
  (void)soong::execute_sql(other, "UPDATE kids SET age = 5 WHERE id = 1");
  EXPECT_THROW((void)soong::execute_sql(*conn_, "UPDATE kids SET age = 6 WHERE id = 1"),
               soong::serialization_failure);
  soong::execute_script(*conn_, "ROLLBACK");
}

TEST_F(error_test, deadlock_detected_between_two_threads) {
  soong::connection other(db_);
  soong::execute_script(*conn_, "SET deadlock_timeout = '50ms'; BEGIN");
  soong::execute_script(other, "SET deadlock_timeout = '10s'; BEGIN");
  (void)soong::execute_sql(*conn_, "UPDATE kids SET age = 7 WHERE id = 1");
  (void)soong::execute_sql(other, "UPDATE kids SET age = 8 WHERE id = 2");
  const int other_pid = other.backend_pid();
  std::exception_ptr other_error;
  std::thread waiter([&] {
    try {
      (void)soong::execute_sql(other, "UPDATE kids SET age = 9 WHERE id = 1");  // blocks
    } catch (...) {
      other_error = std::current_exception();
    }
  });
  // The deadlock check runs once, deadlock_timeout after a session starts waiting: `other`
  // must already wait for conn_'s row when conn_ starts waiting, or conn_ finds no cycle and
  // it is `other` that reports the deadlock 10 s later.
  EXPECT_TRUE(soong::testing::wait_for_backend(
      db_, "pid = " + std::to_string(other_pid) + " AND wait_event_type = 'Lock'"))
      << "the other session never waited for the row lock";
  EXPECT_THROW((void)soong::execute_sql(*conn_, "UPDATE kids SET age = 9 WHERE id = 2"),
               soong::deadlock_detected);
  soong::execute_script(*conn_, "ROLLBACK");  // releases the lock the waiter wants
  waiter.join();
  EXPECT_FALSE(other_error);
  soong::execute_script(other, "ROLLBACK");
}

}  // namespace
