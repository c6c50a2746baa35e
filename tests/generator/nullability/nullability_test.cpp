// Table-driven tests of the nullability stage: each case is SQL over the blog schema
// (nullability_fixture.cpp) with the expected nullability of every result column and the
// expected name and nullability of every parameter.

#include "nullability/nullability.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "nullability_cases.hpp"
#include "nullability_fixture.hpp"

namespace soong::gen {
namespace {

using testing::blog_catalog;
using testing::parse_statement;
using namespace soong::gen::testing;

nullability_result run(const std::string& sql, const std::vector<expected_column>& columns,
                       int param_count, std::set<int> narg = {},
                       std::map<std::string, nullability_override, std::less<>> overrides = {}) {
  nullability_input input;
  input.statement = parse_statement(sql);
  for (const auto& column : columns) input.columns.push_back({column.name, std::nullopt});
  input.param_count = param_count;
  input.nullable_params = std::move(narg);
  input.column_overrides = std::move(overrides);
  input.parse = [](std::string_view text) { return parse_statement(text); };
  return infer_nullability(input, blog_catalog());
}

class nullability_table : public ::testing::TestWithParam<nullability_case> {};

TEST_P(nullability_table, infers_columns_and_params) {
  const nullability_case& c = GetParam();
  nullability_result result = run(c.sql, c.columns, static_cast<int>(c.params.size()), c.narg);
  ASSERT_EQ(result.columns.size(), c.columns.size()) << c.sql;
  for (std::size_t i = 0; i < c.columns.size(); ++i) {
    EXPECT_EQ(result.columns[i].nullable, c.columns[i].nullable)
        << "column " << i << " (" << c.columns[i].name << ") of: " << c.sql
        << "\n  reason: " << result.columns[i].reason;
    EXPECT_FALSE(result.columns[i].reason.empty()) << c.columns[i].name;
  }
  ASSERT_EQ(result.params.size(), c.params.size()) << c.sql;
  for (std::size_t i = 0; i < c.params.size(); ++i) {
    EXPECT_EQ(result.params[i].name, c.params[i].name) << "$" << i + 1 << " of: " << c.sql;
    EXPECT_EQ(result.params[i].nullable, c.params[i].nullable)
        << "$" << i + 1 << " of: " << c.sql << "\n  reason: " << result.params[i].reason;
  }
}

INSTANTIATE_TEST_SUITE_P(cases, nullability_table,
                         ::testing::ValuesIn(nullability_cases().begin(),
                                             nullability_cases().end()),
                         [](const ::testing::TestParamInfo<nullability_case>& info) {
                           return info.param.title;
                         });

TEST(nullability, reasons_name_the_rule) {
  auto result = run("SELECT u.handle, p.title FROM users u LEFT JOIN posts p ON p.user_id = u.id",
                    {nn("handle"), opt("title")}, 0);
  ASSERT_EQ(result.columns.size(), 2u);
  EXPECT_EQ(result.columns[0].reason, "NOT NULL column users.handle");
  EXPECT_EQ(result.columns[1].reason, "right side of LEFT JOIN");
}

TEST(nullability, overrides_win) {
  auto result =
      run("SELECT bio, id FROM users", {opt("bio"), nn("id")}, 0, {},
          {{"bio", nullability_override::not_null}, {"id", nullability_override::nullable}});
  ASSERT_EQ(result.columns.size(), 2u);
  EXPECT_FALSE(result.columns[0].nullable);
  EXPECT_EQ(result.columns[0].reason, "override \"bio!\"");
  EXPECT_TRUE(result.columns[1].nullable);
  EXPECT_EQ(result.columns[1].reason, "override \"id?\"");
}

TEST(nullability, view_without_parser_is_nullable) {
  nullability_input input;
  input.statement = parse_statement("SELECT handle FROM user_posts");
  input.columns.push_back({"handle", std::nullopt});
  auto result = infer_nullability(input, blog_catalog());
  ASSERT_EQ(result.columns.size(), 1u);
  EXPECT_TRUE(result.columns[0].nullable);
}

TEST(nullability, column_count_mismatch_makes_everything_nullable) {
  // Described with three columns but the statement has two: never guess a position.
  auto result = run("SELECT id, handle FROM users", {nn("a"), nn("b"), nn("c")}, 0);
  ASSERT_EQ(result.columns.size(), 3u);
  for (const auto& column : result.columns) EXPECT_TRUE(column.nullable) << column.reason;
}

TEST(nullability, statement_without_result_has_no_columns) {
  auto result = run("DELETE FROM users WHERE id = $1", {}, 1);
  EXPECT_TRUE(result.columns.empty());
  ASSERT_EQ(result.params.size(), 1u);
  EXPECT_EQ(result.params[0].name, "id");
}

// A curated extension function is trusted only when every overload outside pg_catalog is the
// extension's: a user's own `similarity` may return NULL for anything.
TEST(nullability, extension_function_with_a_user_overload_is_nullable) {
  catalog_facts facts;
  facts.relations.push_back({"public", "t", {{"a", true}}, false, ""});
  auto overload = [](std::string_view extension) {
    return function_overload{.name = "similarity",
                             .strict = true,
                             .returns_set = false,
                             .user_defined = true,
                             .extension = extension,
                             .sql_body = {},
                             .argument_names = {}};
  };
  facts.add_function(overload("pg_trgm"));
  auto infer = [&] {
    nullability_input input;
    input.statement = parse_statement("SELECT similarity(a, 'x') AS s FROM t");
    input.columns.push_back({"s", std::nullopt});
    return infer_nullability(input, facts);
  };
  EXPECT_FALSE(infer().columns.at(0).nullable);
  facts.add_function(overload(""));
  EXPECT_TRUE(infer().columns.at(0).nullable);
}

// The body stands for the call only when the name has one overload.
TEST(catalog_facts, sql_body_is_kept_only_for_a_single_overload) {
  catalog_facts facts;
  facts.add_function(function_overload{.name = "f",
                                       .strict = false,
                                       .returns_set = false,
                                       .user_defined = true,
                                       .extension = {},
                                       .sql_body = "SELECT 1",
                                       .argument_names = {}});
  EXPECT_EQ(facts.find_function("f")->sql_body, "SELECT 1");
  facts.add_function("f", false, false, true);
  EXPECT_EQ(facts.find_function("f")->sql_body, "");
  EXPECT_EQ(facts.find_function("f")->overloads, 2);
}

TEST(catalog_facts, overloads_are_strict_only_if_all_are) {
  catalog_facts facts;
  facts.add_function("f", true, false, false);
  EXPECT_TRUE(facts.find_function("f")->strict);
  facts.add_function("f", false, true, false);
  EXPECT_FALSE(facts.find_function("f")->strict);
  EXPECT_TRUE(facts.find_function("f")->returns_set);
  EXPECT_EQ(facts.find_function("g"), nullptr);
}

}  // namespace
}  // namespace soong::gen
