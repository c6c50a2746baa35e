// Table-driven tests of the nullability stage: each case is SQL over the blog schema
// (nullability_fixture.cpp) with the expected nullability of every result column and the
// expected name and nullability of every parameter.

#include "nullability/nullability.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "nullability_fixture.hpp"

namespace soong::gen {
namespace {

using testing::blog_catalog;
using testing::parse_statement;

struct expected_column {
  std::string name;
  bool nullable;
};
struct expected_param {
  std::string name;
  bool nullable;
};

expected_column nn(std::string name) { return {std::move(name), false}; }
expected_column opt(std::string name) { return {std::move(name), true}; }
expected_param pnn(std::string name) { return {std::move(name), false}; }
expected_param popt(std::string name) { return {std::move(name), true}; }

struct nullability_case {
  std::string title;
  std::string sql;
  std::vector<expected_column> columns;
  std::vector<expected_param> params = {};
  std::set<int> narg = {};
};

// Names the case in gtest output instead of dumping its bytes.
void PrintTo(const nullability_case& c, std::ostream* os) { *os << c.title; }

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

// clang-format off
const nullability_case cases[] = {
  // --- table columns and star expansion
  {"plain_columns", "SELECT id, handle, bio FROM users", {nn("id"), nn("handle"), opt("bio")}},
  {"star", "SELECT * FROM users",
   {nn("id"), nn("handle"), opt("display_name"), opt("bio"), nn("created_at")}},
  {"qualified_star_with_join",
   "SELECT p.*, u.handle FROM posts p JOIN users u ON u.id = p.user_id",
   {nn("id"), nn("user_id"), opt("title"), nn("body"), opt("published_at"), nn("handle")}},
  {"schema_qualified", "SELECT note FROM audit.events", {nn("note")}},
  {"search_path_public_first", "SELECT note FROM events", {opt("note")}},
  {"unknown_table", "SELECT x FROM no_such_table", {opt("x")}},
  {"whole_row_reference", "SELECT u FROM users u", {nn("u")}},
  // --- outer joins
  {"left_join", "SELECT u.handle, p.id, p.body FROM users u LEFT JOIN posts p ON p.user_id = u.id",
   {nn("handle"), opt("id"), opt("body")}},
  {"right_join", "SELECT u.handle, p.id FROM users u RIGHT JOIN posts p ON p.user_id = u.id",
   {opt("handle"), nn("id")}},
  {"full_join", "SELECT u.handle, p.id FROM users u FULL JOIN posts p ON p.user_id = u.id",
   {opt("handle"), opt("id")}},
  {"nested_join_on_nullable_side",
   "SELECT u.id, p.id, c.id FROM users u LEFT JOIN (posts p JOIN comments c ON c.post_id = p.id)"
   " ON p.user_id = u.id",
   {nn("id"), opt("id"), opt("id")}},
  {"left_join_then_unrelated_inner_join",
   "SELECT u.id, p.id, t.name FROM users u LEFT JOIN posts p ON p.user_id = u.id"
   " JOIN post_tags pt ON pt.post_id = u.id JOIN tags t ON t.id = pt.tag_id",
   {nn("id"), opt("id"), nn("name")}},
  {"inner_join_on_proves_left_joined_row",
   "SELECT p.body, c.text FROM users u LEFT JOIN posts p ON p.user_id = u.id"
   " JOIN comments c ON c.post_id = p.id",
   {nn("body"), nn("text")}},
  {"inner_join_on_proves_nullable_column",
   "SELECT c.author_id FROM comments c JOIN users u ON u.id = c.author_id", {nn("author_id")}},
  {"left_join_on_does_not_prove_preserved_side",
   "SELECT c.author_id FROM posts p LEFT JOIN comments c ON c.author_id = p.user_id",
   {opt("author_id")}},
  {"nested_left_joins_stay_nullable",
   "SELECT p.body, c.text FROM users u LEFT JOIN (posts p LEFT JOIN comments c ON c.post_id = p.id)"
   " ON c.author_id = u.id",
   {opt("body"), opt("text")}},
  {"right_join_of_left_join",
   "SELECT u.id, p.id, t.id FROM users u LEFT JOIN posts p ON p.user_id = u.id"
   " RIGHT JOIN tags t ON t.id = u.id",
   {opt("id"), opt("id"), nn("id")}},
  {"comma_cross_join", "SELECT u.id, p.id FROM users u, posts p", {nn("id"), nn("id")}},
  {"cross_join", "SELECT u.bio, p.body FROM users u CROSS JOIN posts p", {opt("bio"), nn("body")}},
  {"join_alias",
   "SELECT j.handle, j.title FROM (users u LEFT JOIN posts p ON p.user_id = u.id) AS j",
   {nn("handle"), opt("title")}},
  // --- WHERE refinement
  {"where_is_not_null_restores_row",
   "SELECT p.body FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE p.id IS NOT NULL",
   {nn("body")}},
  {"where_or_proves_nothing",
   "SELECT p.body FROM users u LEFT JOIN posts p ON p.user_id = u.id"
   " WHERE p.id IS NOT NULL OR u.id = 1",
   {opt("body")}},
  {"where_is_not_null_on_nullable_column", "SELECT bio, display_name FROM users WHERE bio IS NOT NULL",
   {nn("bio"), opt("display_name")}},
  {"where_comparison", "SELECT title FROM posts WHERE title = $1", {nn("title")}, {pnn("title")}},
  {"where_not_null_in_and_chain",
   "SELECT bio FROM users WHERE id > 0 AND (bio LIKE 'a%' AND handle <> 'x')", {nn("bio")}},
  // --- USING and NATURAL
  {"inner_using", "SELECT id, u.handle FROM users u JOIN posts p USING (id)", {nn("id"), nn("handle")}},
  {"left_using", "SELECT id, p.title, p.body FROM users u LEFT JOIN posts p USING (id)",
   {nn("id"), opt("title"), opt("body")}},
  {"right_using", "SELECT id, u.handle FROM users u RIGHT JOIN posts p USING (id)",
   {nn("id"), opt("handle")}},
  {"full_using_non_null_both_sides", "SELECT id FROM users FULL JOIN posts USING (id)", {nn("id")}},
  {"full_using_nullable_one_side",
   "SELECT name FROM tags FULL JOIN tag_aliases USING (name)", {opt("name")}},
  {"star_over_using", "SELECT * FROM users u JOIN posts p USING (id)",
   {nn("id"), nn("handle"), opt("display_name"), opt("bio"), nn("created_at"), nn("user_id"),
    opt("title"), nn("body"), opt("published_at")}},
  {"natural_left_join_star", "SELECT * FROM tags NATURAL LEFT JOIN tag_aliases",
   {nn("id"), nn("name"), opt("alias")}},
  // --- subqueries, CTEs, views
  {"left_join_inside_subquery",
   "SELECT s.title, s.handle FROM (SELECT u.handle, p.title FROM users u"
   " LEFT JOIN posts p ON p.user_id = u.id) s",
   {opt("title"), nn("handle")}},
  {"subquery_on_nullable_side",
   "SELECT u.id, s.cnt FROM users u LEFT JOIN (SELECT user_id, count(*) AS cnt FROM posts"
   " GROUP BY user_id) s ON s.user_id = u.id",
   {nn("id"), opt("cnt")}},
  {"subquery_column_aliases", "SELECT a, b FROM (SELECT id, bio FROM users) AS s(a, b)",
   {nn("a"), opt("b")}},
  {"cte_plain", "WITH x AS (SELECT handle FROM users) SELECT handle FROM x", {nn("handle")}},
  {"cte_column_aliases", "WITH x(h) AS (SELECT bio FROM users) SELECT h FROM x", {opt("h")}},
  {"cte_with_left_join_joined_inner",
   "WITH x AS (SELECT u.id AS uid, p.body FROM users u LEFT JOIN posts p ON p.user_id = u.id)"
   " SELECT x.uid, x.body FROM x JOIN users u2 ON u2.id = x.uid",
   {nn("uid"), opt("body")}},
  {"cte_on_nullable_side",
   "WITH c AS (SELECT post_id, text FROM comments) SELECT p.id, c.text FROM posts p"
   " LEFT JOIN c ON c.post_id = p.id",
   {nn("id"), opt("text")}},
  {"cte_unnamed_count", "WITH x AS (SELECT count(*) FROM posts) SELECT count FROM x", {nn("count")}},
  {"recursive_cte_counter",
   "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r",
   {nn("n")}},
  {"recursive_cte_becomes_nullable",
   "WITH RECURSIVE r(a, b) AS (SELECT 1, 2 UNION ALL SELECT b, NULL::int FROM r WHERE a < 3)"
   " SELECT a, b FROM r",
   {opt("a"), opt("b")}},
  {"data_modifying_cte",
   "WITH ins AS (INSERT INTO tags (name) VALUES ($1) RETURNING id, name) SELECT id, name FROM ins",
   {nn("id"), nn("name")}, {pnn("name")}},
  {"view_with_left_join", "SELECT handle, title, post_id FROM user_posts",
   {nn("handle"), opt("title"), opt("post_id")}},
  {"view_star", "SELECT * FROM user_posts",
   {nn("user_id"), nn("handle"), opt("post_id"), opt("title")}},
  {"view_joined_inner",
   "SELECT up.handle, up.post_id FROM user_posts up JOIN tags t ON t.id = up.user_id",
   {nn("handle"), opt("post_id")}},
  {"view_with_where_refinement", "SELECT bio FROM active_users", {nn("bio")}},
  {"view_of_view", "SELECT handle, post_id FROM view_of_view", {nn("handle"), opt("post_id")}},
  {"view_on_nullable_side",
   "SELECT t.id, a.handle FROM tags t LEFT JOIN active_users a ON a.id = t.id",
   {nn("id"), opt("handle")}},
  // --- literals and expressions
  {"literals", "SELECT 1 AS one, 'x' AS s, true AS b, NULL AS n, -1 AS neg, 1.5 AS f",
   {nn("one"), nn("s"), nn("b"), opt("n"), nn("neg"), nn("f")}},
  {"coalesce_nullable_nullable", "SELECT coalesce(bio, display_name) FROM users", {opt("coalesce")}},
  {"coalesce_with_literal", "SELECT coalesce(bio, '') FROM users", {nn("coalesce")}},
  {"coalesce_with_not_null_column", "SELECT coalesce(bio, handle) FROM users", {nn("coalesce")}},
  {"case_without_else", "SELECT CASE WHEN id > 1 THEN 'a' END FROM users", {opt("case")}},
  {"case_with_else", "SELECT CASE WHEN id > 1 THEN 'a' ELSE handle END FROM users", {nn("case")}},
  {"case_nullable_branch", "SELECT CASE WHEN id > 1 THEN bio ELSE 'x' END FROM users", {opt("case")}},
  {"exists", "SELECT EXISTS (SELECT 1 FROM posts WHERE posts.user_id = users.id) FROM users",
   {nn("exists")}},
  {"null_tests",
   "SELECT bio IS NULL, bio IS NOT NULL, bio IS DISTINCT FROM display_name,"
   " bio IS NOT DISTINCT FROM display_name, (bio = 'x') IS TRUE FROM users",
   {nn("a"), nn("b"), nn("c"), nn("d"), nn("e")}},
  {"strict_function", "SELECT lower(handle), lower(bio) FROM users", {nn("lower"), opt("lower")}},
  {"operators", "SELECT id + 1, id + length(bio), handle || '!', NOT (id > 2) FROM users",
   {nn("a"), opt("b"), nn("c"), nn("d")}},
  {"comparison_with_nullable", "SELECT bio = 'x', id BETWEEN 1 AND 2 FROM users", {opt("a"), nn("b")}},
  {"user_defined_strict_function", "SELECT my_strict_fn(id) FROM users", {opt("my_strict_fn")}},
  {"non_strict_function", "SELECT my_lax_fn(id) FROM users", {opt("my_lax_fn")}},
  {"overload_not_all_strict", "SELECT mixed_fn(id) FROM users", {opt("mixed_fn")}},
  {"unknown_function", "SELECT no_such_fn(id) FROM users", {opt("no_such_fn")}},
  {"strict_but_may_return_null", "SELECT array_length(ARRAY[id], 1), regexp_match(handle, 'a')"
   " FROM users", {opt("array_length"), opt("regexp_match")}},
  {"never_null_builtins", "SELECT json_build_object('bio', bio), concat(bio, display_name),"
   " format('%s', bio), concat_ws(bio, handle) FROM users",
   {nn("a"), nn("b"), nn("c"), opt("d")}},
  {"time_functions", "SELECT now(), CURRENT_TIMESTAMP, CURRENT_DATE", {nn("now"), nn("t"), nn("d")}},
  {"substring_forms",
   "SELECT substring(handle from 2 for 3), substring(handle from 'a.') FROM users",
   {nn("a"), opt("b")}},
  {"nullif_greatest", "SELECT nullif(handle, 'x'), greatest(bio, handle), least(bio, display_name)"
   " FROM users", {opt("nullif"), nn("greatest"), opt("least")}},
  {"json_operators", "SELECT payload ->> 'k', payload -> 'k', payload || payload FROM events",
   {opt("a"), opt("b"), nn("c")}},
  {"casts", "SELECT id::text, bio::varchar, NULL::int, CAST(handle AS varchar(3)) FROM users",
   {nn("id"), opt("bio"), opt("int4"), nn("handle")}},
  {"array_and_row_constructors", "SELECT ARRAY[bio], ROW(bio, 1) FROM users",
   {nn("array"), nn("row")}},
  {"subscript", "SELECT (ARRAY[id])[1] FROM users", {opt("array")}},
  {"any_over_literal_array", "SELECT id = ANY(ARRAY[1, 2]), id = ANY($1) FROM users",
   {nn("a"), opt("b")}, {pnn("id")}},
  // --- subquery expressions
  {"scalar_subquery_may_be_empty", "SELECT (SELECT id FROM posts LIMIT 1) FROM users", {opt("id")}},
  {"scalar_subquery_with_where_may_be_empty",
   "SELECT (SELECT p.id FROM posts p WHERE p.user_id = u.id) FROM users u", {opt("id")}},
  {"scalar_subquery_count_is_one_row",
   "SELECT (SELECT count(*) FROM posts p WHERE p.user_id = u.id) FROM users u", {nn("count")}},
  {"scalar_subquery_max_is_nullable", "SELECT (SELECT max(id) FROM posts) FROM users", {opt("max")}},
  {"scalar_subquery_grouped_may_be_empty",
   "SELECT (SELECT count(*) FROM posts GROUP BY user_id LIMIT 1) FROM users", {opt("count")}},
  {"scalar_subquery_having_may_be_empty",
   "SELECT (SELECT count(*) FROM posts HAVING count(*) > 1) FROM users", {opt("count")}},
  {"scalar_subquery_without_from", "SELECT (SELECT 1) AS one, (SELECT 1 WHERE false) AS none",
   {nn("one"), opt("none")}},
  {"scalar_subquery_with_set_returning_function",
   "SELECT (SELECT count(*) + generate_series(1, 2) FROM posts) FROM users", {opt("x")}},
  {"array_subquery", "SELECT ARRAY(SELECT id FROM posts) FROM users", {nn("array")}},
  {"in_subquery_not_null", "SELECT id IN (SELECT user_id FROM posts) FROM users", {nn("a")}},
  {"in_subquery_nullable", "SELECT id IN (SELECT author_id FROM comments) FROM users", {opt("a")}},
  // --- aggregates
  {"count", "SELECT count(*), count(bio) FROM users", {nn("count"), nn("count")}},
  {"max_without_group_by", "SELECT max(id) FROM users", {opt("max")}},
  {"max_with_group_by", "SELECT handle, max(id) FROM users GROUP BY handle",
   {nn("handle"), nn("max")}},
  {"max_of_nullable_with_group_by", "SELECT user_id, max(title) FROM posts GROUP BY user_id",
   {nn("user_id"), opt("max")}},
  {"avg_of_strict_expression", "SELECT user_id, avg(length(title)), sum(id * 2) FROM posts"
   " GROUP BY user_id", {nn("user_id"), opt("avg"), nn("sum")}},
  {"array_agg_without_group_by", "SELECT array_agg(id) FROM users", {opt("array_agg")}},
  {"array_agg_of_nullable_with_group_by",
   "SELECT user_id, array_agg(title), json_agg(title) FROM posts GROUP BY user_id",
   {nn("user_id"), nn("array_agg"), nn("json_agg")}},
  {"aggregate_filter",
   "SELECT user_id, count(*) FILTER (WHERE title IS NULL), max(id) FILTER (WHERE title IS NULL)"
   " FROM posts GROUP BY user_id",
   {nn("user_id"), nn("count"), opt("max")}},
  {"stddev_samp_single_row", "SELECT user_id, stddev_samp(id) FROM posts GROUP BY user_id",
   {nn("user_id"), opt("stddev_samp")}},
  {"grouping_sets", "SELECT user_id, count(*), max(id) FROM posts GROUP BY ROLLUP (user_id)",
   {opt("user_id"), nn("count"), opt("max")}},
  {"string_agg_with_having",
   "SELECT user_id, string_agg(body, ',') FROM posts GROUP BY user_id HAVING count(*) > 1",
   {nn("user_id"), nn("string_agg")}},
  // --- window functions
  {"window_functions",
   "SELECT row_number() OVER (ORDER BY id), rank() OVER (ORDER BY id), lag(id) OVER (ORDER BY id),"
   " count(*) OVER (), sum(id) OVER (), ntile(4) OVER (ORDER BY id) FROM users",
   {nn("row_number"), nn("rank"), opt("lag"), nn("count"), opt("sum"), nn("ntile")}},
  // --- set operations and VALUES
  {"union_nullable_branch", "SELECT handle FROM users UNION SELECT title FROM posts", {opt("handle")}},
  {"union_all_non_null", "SELECT handle FROM users UNION ALL SELECT body FROM posts",
   {nn("handle")}},
  {"intersect", "SELECT bio FROM users INTERSECT SELECT body FROM posts", {nn("bio")}},
  {"except", "SELECT bio FROM users EXCEPT SELECT body FROM posts", {opt("bio")}},
  {"values", "VALUES (1, NULL), (2, 'x')", {nn("column1"), opt("column2")}},
  // --- functions in FROM
  {"generate_series_in_from", "SELECT g FROM generate_series(1, 3) AS g", {opt("g")}},
  {"unnest_with_param", "SELECT u.handle, x.v FROM users u, unnest($1::int[]) AS x(v)",
   {nn("handle"), opt("v")}, {pnn("")}},
  {"star_over_function",
   "SELECT * FROM users u, generate_series(1, 2) g",
   {nn("id"), nn("handle"), opt("display_name"), opt("bio"), nn("created_at"), opt("g")}},
  {"lateral_left_join",
   "SELECT u.id, l.last FROM users u LEFT JOIN LATERAL (SELECT max(p.id) AS last FROM posts p"
   " WHERE p.user_id = u.id) l ON true",
   {nn("id"), opt("last")}},
  {"lateral_cross_join_count",
   "SELECT u.id, l.n FROM users u CROSS JOIN LATERAL (SELECT count(*) AS n FROM posts p"
   " WHERE p.user_id = u.id) l",
   {nn("id"), nn("n")}},
  // --- INSERT / UPDATE / DELETE
  {"insert_returning", "INSERT INTO users (handle, bio) VALUES ($1, $2) RETURNING id, bio",
   {nn("id"), opt("bio")}, {pnn("handle"), popt("bio")}},
  {"insert_returning_star",
   "INSERT INTO users (handle) VALUES ($1) RETURNING *",
   {nn("id"), nn("handle"), opt("display_name"), opt("bio"), nn("created_at")}, {pnn("handle")}},
  {"insert_subselect_param",
   "INSERT INTO posts (user_id, title, body) VALUES ((SELECT id FROM users WHERE handle = $1"
   " LIMIT 1), $2, $3) RETURNING id",
   {nn("id")}, {pnn("handle"), popt("title"), pnn("body")}},
  {"insert_without_column_list", "INSERT INTO tags VALUES ($1, $2)", {}, {pnn("id"), pnn("name")}},
  {"insert_select_params", "INSERT INTO tag_aliases (id, name, alias) SELECT $1, $2, $3",
   {}, {pnn("id"), popt("name"), pnn("alias")}},
  {"on_conflict_do_nothing",
   "INSERT INTO tags (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id",
   {nn("id")}, {pnn("id"), pnn("name")}},
  {"on_conflict_do_update",
   "INSERT INTO posts (id, user_id, body) VALUES ($1, $2, $3) ON CONFLICT (id)"
   " DO UPDATE SET title = $4 RETURNING title",
   {opt("title")}, {pnn("id"), pnn("user_id"), pnn("body"), popt("title")}},
  {"update_returning",
   "UPDATE users SET bio = $1 WHERE id = $2 RETURNING id, handle, bio",
   {nn("id"), nn("handle"), opt("bio")}, {popt("bio"), pnn("id")}},
  {"update_from",
   "UPDATE posts SET title = $1 FROM users u WHERE u.id = posts.user_id AND u.handle = $2"
   " RETURNING posts.id, u.bio",
   {nn("id"), opt("bio")}, {popt("title"), pnn("handle")}},
  {"update_assignment_wins_over_comparison",
   "UPDATE users SET bio = $1 WHERE display_name = $1", {}, {popt("bio")}},
  {"delete_returning", "DELETE FROM comments WHERE id = $1 RETURNING post_id, author_id",
   {nn("post_id"), opt("author_id")}, {pnn("id")}},
  {"delete_using",
   "DELETE FROM comments c USING posts p WHERE p.id = c.post_id AND p.title = $1"
   " RETURNING c.id, p.title",
   {nn("id"), nn("title")}, {pnn("title")}},
  // --- parameters
  {"param_on_right", "SELECT id FROM users WHERE $1 = handle", {nn("id")}, {pnn("handle")}},
  {"param_qualified_column", "SELECT id FROM users u WHERE u.handle = $1::text", {nn("id")},
   {pnn("handle")}},
  {"limit_offset", "SELECT id FROM users ORDER BY id LIMIT $1 OFFSET $2", {nn("id")},
   {pnn("limit"), pnn("offset")}},
  {"optional_filter", "SELECT id FROM users WHERE ($1::text IS NULL OR handle = $1)", {nn("id")},
   {popt("handle")}},
  {"narg", "SELECT id FROM users WHERE handle = $1", {nn("id")}, {popt("handle")}, {1}},
  {"param_in_select_list", "SELECT $1::int + 1 AS x", {nn("x")}, {pnn("")}},
  {"narg_param_in_select_list", "SELECT $1::text AS x", {opt("x")}, {popt("")}, {1}},
  {"in_list", "SELECT id FROM users WHERE id IN ($1, $2)", {nn("id")}, {pnn("id"), pnn("id")}},
  {"between", "SELECT id FROM users WHERE created_at BETWEEN $1 AND $2", {nn("id")},
   {pnn("created_at"), pnn("created_at")}},
  {"like", "SELECT id FROM users WHERE handle ILIKE $1", {nn("id")}, {pnn("handle")}},
  {"arithmetic_does_not_name", "SELECT id FROM users WHERE id + $1 > 3", {nn("id")}, {pnn("")}},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(cases, nullability_table, ::testing::ValuesIn(cases),
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
