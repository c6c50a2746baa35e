#include "parse/ir_query.hpp"

#include <gtest/gtest.h>

#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

TEST(make_ir_query, copies_what_the_front_end_knows) {
  const auto r = testing::parse_text(
      "-- name: FindUser :one\nSELECT id FROM users WHERE handle = @handle AND bio = "
      "sqlc.narg(bio)",
      "sql/users.sql");
  ASSERT_EQ(r.file.statements.size(), 1u);
  const query q = make_ir_query(r.file.statements[0]);
  EXPECT_EQ(q.name, "FindUser");
  EXPECT_EQ(q.cmd, command::one);
  EXPECT_EQ(q.location.file, "sql/users.sql");
  EXPECT_EQ(q.location.line, 2);
  EXPECT_EQ(q.sql, "SELECT id FROM users WHERE handle = @handle AND bio = sqlc.narg(bio)");
  EXPECT_EQ(q.rewritten_sql, "SELECT id FROM users WHERE handle = $1 AND bio = $2");
  ASSERT_EQ(q.params.size(), 2u);
  EXPECT_EQ(q.params[0].number, 1);
  EXPECT_EQ(q.params[0].name, "handle");
  EXPECT_FALSE(q.params[0].nullable);
  EXPECT_EQ(q.params[1].name, "bio");
  EXPECT_TRUE(q.params[1].nullable);
  EXPECT_TRUE(q.columns.empty());
}

TEST(make_ir_query, finds_where_the_main_statement_follows_its_with_list) {
  const auto r =
      testing::parse_text("-- name: Recent :many\nWITH r AS (SELECT 1 AS x) SELECT x FROM r");
  ASSERT_EQ(r.file.statements.size(), 1u);
  const query q = make_ir_query(r.file.statements[0]);
  EXPECT_EQ(q.rewritten_sql.substr(0, q.main_statement_offset), "WITH r AS (SELECT 1 AS x)");
}

TEST(make_ir_query, refuses_unannotated_statements) {
  const auto r = testing::parse_text("SELECT 1");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_THROW((void)make_ir_query(r.file.statements[0]), std::invalid_argument);
}

}  // namespace
}  // namespace soong::gen
