#include <gtest/gtest.h>

#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

TEST(column_overrides, suffixes_are_reported_and_removed) {
  const auto r = testing::parse_text(
      "-- name: Q :one\nSELECT count(*) AS \"total!\", max(x) as \"biggest?\", y AS \"plain\" "
      "FROM t");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  const parsed_statement& s = r.file.statements[0];
  EXPECT_EQ(s.rewritten_sql,
            "SELECT count(*) AS \"total\", max(x) as \"biggest\", y AS \"plain\" FROM t");
  EXPECT_EQ(s.sql, "SELECT count(*) AS \"total!\", max(x) as \"biggest?\", y AS \"plain\" FROM t");
  ASSERT_EQ(s.overrides.size(), 2u);
  EXPECT_EQ(s.overrides[0].alias, "total");
  EXPECT_TRUE(s.overrides[0].not_null);
  EXPECT_EQ(s.overrides[0].location.line, 2);
  EXPECT_EQ(s.overrides[0].location.column, 20);
  EXPECT_EQ(s.overrides[1].alias, "biggest");
  EXPECT_FALSE(s.overrides[1].not_null);
  // The server sees the names without suffix.
  const nlohmann::json& targets = s.tree.at("SelectStmt").at("targetList");
  EXPECT_EQ(targets.at(0).at("ResTarget").at("name"), "total");
  EXPECT_EQ(targets.at(1).at("ResTarget").at("name"), "biggest");
}

TEST(column_overrides, element_suffix_marks_array_elements_non_null) {
  const auto r = testing::parse_text(
      "-- name: Q :one\nSELECT tags AS \"tags[!]\", ids AS \"ids![!]\", x AS \"x?[!]\" FROM t");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  const parsed_statement& s = r.file.statements[0];
  EXPECT_EQ(s.rewritten_sql, "SELECT tags AS \"tags\", ids AS \"ids\", x AS \"x\" FROM t");
  ASSERT_EQ(s.overrides.size(), 3u);
  EXPECT_EQ(s.overrides[0].alias, "tags");
  EXPECT_FALSE(s.overrides[0].sets_column);  // the array itself keeps its inferred verdict
  EXPECT_TRUE(s.overrides[0].elements_not_null);
  EXPECT_EQ(s.overrides[1].alias, "ids");
  EXPECT_TRUE(s.overrides[1].sets_column);
  EXPECT_TRUE(s.overrides[1].not_null);
  EXPECT_TRUE(s.overrides[1].elements_not_null);
  EXPECT_EQ(s.overrides[2].alias, "x");
  EXPECT_TRUE(s.overrides[2].sets_column);
  EXPECT_FALSE(s.overrides[2].not_null);
  EXPECT_TRUE(s.overrides[2].elements_not_null);
}

TEST(column_overrides, element_suffix_without_a_name_is_an_error) {
  const auto r = testing::parse_text("-- name: Q :one\nSELECT tags AS \"[!]\" FROM t");
  EXPECT_NE(r.rendered.find("column override \"[!]\" has no name"), std::string::npos)
      << r.rendered;
}

TEST(column_overrides, quoted_names_outside_aliases_are_left_alone) {
  const auto r = testing::parse_text("-- name: Q :many\nSELECT \"odd?\" FROM \"weird!\"");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].rewritten_sql, "SELECT \"odd?\" FROM \"weird!\"");
  EXPECT_TRUE(r.file.statements[0].overrides.empty());
}

TEST(column_overrides, work_together_with_parameters) {
  const auto r =
      testing::parse_text("-- name: Q :one\nSELECT @a::int AS \"a!\", %(b)s::text AS \"b?\"");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].rewritten_sql, "SELECT $1::int AS \"a\", $2::text AS \"b\"");
}

}  // namespace
}  // namespace soong::gen
