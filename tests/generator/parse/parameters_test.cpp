#include <gtest/gtest.h>

#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

// Parses one statement and returns it; fails the test on any error.
parsed_statement parse_one(const std::string& sql) {
  const auto r = testing::parse_text("-- name: Q :exec\n" + sql);
  EXPECT_EQ(r.rendered, "") << sql;
  EXPECT_EQ(r.file.statements.size(), 1u) << sql;
  return r.file.statements.empty() ? parsed_statement{} : r.file.statements[0];
}

std::string rewritten(const std::string& sql) { return parse_one(sql).rewritten_sql; }

TEST(parameters, positional_parameters_stay_and_are_listed_by_number) {
  const parsed_statement s = parse_one("SELECT $2, $1, $2");
  EXPECT_EQ(s.rewritten_sql, "SELECT $2, $1, $2");
  ASSERT_EQ(s.params.size(), 2u);
  EXPECT_EQ(s.params[0].number, 1);
  EXPECT_EQ(s.params[0].name, "");
  EXPECT_EQ(s.params[0].location.column, 12);
  EXPECT_EQ(s.params[1].number, 2);
  EXPECT_EQ(s.params[1].location.column, 8);
}

TEST(parameters, at_names_are_numbered_by_first_use_and_reused) {
  const parsed_statement s =
      parse_one("SELECT * FROM users WHERE handle = @handle AND id > @min_id OR handle = @handle");
  EXPECT_EQ(s.rewritten_sql, "SELECT * FROM users WHERE handle = $1 AND id > $2 OR handle = $1");
  ASSERT_EQ(s.params.size(), 2u);
  EXPECT_EQ(s.params[0].name, "handle");
  EXPECT_EQ(s.params[0].number, 1);
  EXPECT_EQ(s.params[0].location.line, 2);
  EXPECT_EQ(s.params[0].location.column, 36);
  EXPECT_EQ(s.params[1].name, "min_id");
  EXPECT_FALSE(s.params[1].nullable_forced);
}

TEST(parameters, at_names_glued_to_a_comparison_operator) {
  EXPECT_EQ(rewritten("SELECT 1 WHERE id=@id AND n<>@n AND m>=@m AND s||@s = ''"),
            "SELECT 1 WHERE id=$1 AND n<>$2 AND m>=$3 AND s||$4 = ''");
}

TEST(parameters, at_names_may_be_keywords) {
  EXPECT_EQ(rewritten("SELECT * FROM t LIMIT @limit OFFSET @offset"),
            "SELECT * FROM t LIMIT $1 OFFSET $2");
}

TEST(parameters, sqlc_arg_forms) {
  const parsed_statement s = parse_one(
      "UPDATE t SET a = sqlc.arg(a), b = sqlc.arg('b'), c = sqlc.narg(c), d = sqlc.arg( a )");
  EXPECT_EQ(s.rewritten_sql, "UPDATE t SET a = $1, b = $2, c = $3, d = $1");
  ASSERT_EQ(s.params.size(), 3u);
  EXPECT_EQ(s.params[1].name, "b");
  EXPECT_FALSE(s.params[0].nullable_forced);
  EXPECT_TRUE(s.params[2].nullable_forced);
}

TEST(parameters, narg_anywhere_makes_the_parameter_nullable) {
  const parsed_statement s = parse_one("SELECT sqlc.arg(x)::int, sqlc.narg(x)::int");
  ASSERT_EQ(s.params.size(), 1u);
  EXPECT_TRUE(s.params[0].nullable_forced);
  EXPECT_EQ(s.rewritten_sql, "SELECT $1::int, $1::int");
}

TEST(parameters, psycopg_forms) {
  const parsed_statement s = parse_one(
      "INSERT INTO activities (user_uuid, message) VALUES ((SELECT uuid FROM users WHERE "
      "handle=%(handle)s), %(message)s) RETURNING uuid");
  EXPECT_EQ(s.rewritten_sql,
            "INSERT INTO activities (user_uuid, message) VALUES ((SELECT uuid FROM users WHERE "
            "handle=$1), $2) RETURNING uuid");
  ASSERT_EQ(s.params.size(), 2u);
  EXPECT_EQ(s.params[0].name, "handle");
  EXPECT_EQ(s.params[1].name, "message");
}

TEST(parameters, psycopg_form_reused_and_cast) {
  EXPECT_EQ(rewritten("SELECT %(x)s::int + %(x)s::int, %(limit)s"), "SELECT $1::int + $1::int, $2");
}

TEST(parameters, psycopg_percent_escapes_become_single_percent_signs) {
  const parsed_statement s =
      parse_one("SELECT 7 %% 2, 'a%%b' /* 100%% */ FROM t WHERE x LIKE %(p)s || '%%'");
  EXPECT_EQ(s.rewritten_sql, "SELECT 7 % 2, 'a%b' /* 100%% */ FROM t WHERE x LIKE $1 || '%'");
  // The offset map still points at the original text after a shortened escape.
  EXPECT_EQ(s.offsets.original_offset(s.rewritten_sql.find("FROM")),
            s.file_offset + s.sql.find("FROM"));
}

TEST(parameters, percent_escapes_stay_without_psycopg_parameters) {
  EXPECT_EQ(rewritten("SELECT 'a%%b', @x"), "SELECT 'a%%b', $1");
}

TEST(parameters, literals_comments_and_dollar_quotes_are_left_alone) {
  const std::string sql =
      "SELECT '@a %(b)s $1 sqlc.arg(c)', E'@d', $tag$ @e %(f)s $tag$, \"@g\" /* @h %(i)s */ -- @j\n"
      "  , @k";
  const parsed_statement s = parse_one(sql);
  EXPECT_EQ(s.rewritten_sql,
            "SELECT '@a %(b)s $1 sqlc.arg(c)', E'@d', $tag$ @e %(f)s $tag$, \"@g\" /* @h %(i)s "
            "*/ -- @j\n  , $1");
  ASSERT_EQ(s.params.size(), 1u);
  EXPECT_EQ(s.params[0].name, "k");
}

TEST(parameters, operators_are_left_alone) {
  const std::string sql =
      "SELECT tags @> ARRAY['a'], tags <@ ARRAY['b'], doc @@ q, doc->>'k', a || b, 7 % 3, 7 %(2), "
      "@ -5, x #> '{a}' FROM t";
  const parsed_statement s = parse_one(sql);
  EXPECT_EQ(s.rewritten_sql, sql);
  EXPECT_TRUE(s.params.empty());
}

TEST(parameters, contained_by_operator_before_a_name_is_not_a_parameter) {
  // `<@` is an operator; `ids <@x` compares with column x.
  EXPECT_EQ(rewritten("SELECT ids <@x FROM t"), "SELECT ids <@x FROM t");
}

TEST(parameters, sqlc_function_name_inside_a_string_is_left_alone) {
  EXPECT_EQ(rewritten("SELECT 'sqlc.arg(x)' AS s"), "SELECT 'sqlc.arg(x)' AS s");
}

TEST(parameters, a_column_named_sqlc_is_not_a_parameter) {
  EXPECT_EQ(rewritten("SELECT sqlc FROM t"), "SELECT sqlc FROM t");
}

TEST(parameters, tree_is_parsed_from_the_rewritten_sql) {
  const parsed_statement s = parse_one("SELECT id FROM users WHERE id = @id");
  const nlohmann::json& where = s.tree.at("SelectStmt").at("whereClause").at("A_Expr");
  EXPECT_EQ(where.at("rexpr").at("ParamRef").at("number"), 1);
}

}  // namespace
}  // namespace soong::gen

namespace soong::gen {
namespace {

// sqlc's numbering: `$n` keep theirs, names take the lowest free numbers in order of first use.
TEST(parameters, named_parameters_fill_the_numbers_positional_ones_leave_free) {
  const parsed_statement s =
      parse_one("SELECT 1 WHERE a = @a AND b = $2 AND c = sqlc.narg(c) AND d = $4 AND e = @a");
  EXPECT_EQ(s.rewritten_sql, "SELECT 1 WHERE a = $1 AND b = $2 AND c = $3 AND d = $4 AND e = $1");
  ASSERT_EQ(s.params.size(), 4u);
  EXPECT_EQ(s.params[0].name, "a");
  EXPECT_EQ(s.params[1].name, "");
  EXPECT_EQ(s.params[2].name, "c");
  EXPECT_TRUE(s.params[2].nullable_forced);
  EXPECT_EQ(s.params[3].number, 4);
}

TEST(parameters, named_parameters_after_the_highest_positional_one_when_none_is_free) {
  EXPECT_EQ(rewritten("SELECT 1 WHERE a = $1 AND b = @b AND c = $2 AND d = @d"),
            "SELECT 1 WHERE a = $1 AND b = $3 AND c = $2 AND d = $4");
}

TEST(parameters, sqlc_slice_in_an_in_list_becomes_any_and_not_in_becomes_all) {
  const parsed_statement s = parse_one(
      "SELECT 1 FROM t WHERE id IN (sqlc.slice(ids)) AND k NOT IN ( sqlc.slice('keys') ) "
      "AND j in (sqlc.slice(ids))");
  EXPECT_EQ(s.rewritten_sql, "SELECT 1 FROM t WHERE id = ANY($1) AND k <> ALL($2) AND j = ANY($1)");
  ASSERT_EQ(s.params.size(), 2u);
  EXPECT_EQ(s.params[0].name, "ids");
  EXPECT_EQ(s.params[1].name, "keys");
}

TEST(parameters, sqlc_embed_becomes_a_star_and_is_remembered) {
  const parsed_statement s = parse_one("SELECT sqlc.embed(a), b.id FROM a JOIN b ON true");
  EXPECT_EQ(s.rewritten_sql, "SELECT a.*, b.id FROM a JOIN b ON true");
  ASSERT_EQ(s.embeds.size(), 1u);
  EXPECT_EQ(s.embeds[0].name, "a");
  EXPECT_EQ(s.embeds[0].location.column, 8);
}

}  // namespace
}  // namespace soong::gen
