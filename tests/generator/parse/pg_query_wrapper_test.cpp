#include "parse/pg_query_wrapper.hpp"

#include <gtest/gtest.h>

namespace soong::gen {
namespace {

std::vector<std::string> token_texts(std::string_view sql) {
  std::vector<std::string> out;
  for (const pg_token& t : scan_sql(sql).tokens)
    out.emplace_back(sql.substr(t.begin, t.end - t.begin));
  return out;
}

TEST(scan_sql, yields_tokens_with_byte_offsets_and_kinds) {
  const std::string sql = "SELECT a @> b -- c\n FROM t;";
  const pg_scan_result r = scan_sql(sql);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.tokens.size(), 8u);
  EXPECT_EQ(r.tokens[0].kind, pg_token_kind::keyword);
  EXPECT_EQ(r.tokens[1].kind, pg_token_kind::identifier);
  EXPECT_EQ(r.tokens[2].kind, pg_token_kind::operator_symbol);
  EXPECT_EQ(sql.substr(r.tokens[2].begin, r.tokens[2].end - r.tokens[2].begin), "@>");
  EXPECT_EQ(r.tokens[4].kind, pg_token_kind::sql_comment);
  EXPECT_EQ(r.tokens[7].kind, pg_token_kind::semicolon);
}

TEST(scan_sql, keeps_literals_and_comments_whole) {
  EXPECT_EQ(token_texts("SELECT 'a;@b', $q$ @c $q$ /* @d */"),
            (std::vector<std::string>{"SELECT", "'a;@b'", ",", "$q$ @c $q$", "/* @d */"}));
}

TEST(scan_sql, classifies_parameters_percent_and_parentheses) {
  const std::string sql = "$1 %(x) .";
  const pg_scan_result r = scan_sql(sql);
  ASSERT_EQ(r.tokens.size(), 6u);
  EXPECT_EQ(r.tokens[0].kind, pg_token_kind::param);
  EXPECT_EQ(r.tokens[1].kind, pg_token_kind::percent);
  EXPECT_EQ(r.tokens[2].kind, pg_token_kind::open_paren);
  EXPECT_EQ(r.tokens[3].kind, pg_token_kind::identifier);
  EXPECT_EQ(r.tokens[4].kind, pg_token_kind::close_paren);
  EXPECT_EQ(r.tokens[5].kind, pg_token_kind::dot);
}

TEST(scan_sql, reports_an_unterminated_string_at_its_byte_offset) {
  // 'é' is two bytes: cursorpos counts code points, our offset counts bytes.
  const pg_scan_result r = scan_sql("SELECT 'é', 'abc");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "unterminated quoted string at or near \"'abc\"");
  EXPECT_EQ(r.error->byte_offset, 13u);
}

TEST(split_sql_with_scanner, splits_at_top_level_semicolons) {
  const std::string sql = "SELECT ';'; SELECT 2";
  const std::vector<pg_statement_slice> slices = split_sql_with_scanner(sql);
  ASSERT_EQ(slices.size(), 2u);
  EXPECT_EQ(sql.substr(slices[0].begin, slices[0].length), "SELECT ';'");
  EXPECT_EQ(sql.substr(slices[1].begin, slices[1].length), " SELECT 2");
}

TEST(parse_sql_to_json, returns_the_statement_tree) {
  const pg_parse_result r = parse_sql_to_json("SELECT id FROM users WHERE id = $1");
  ASSERT_FALSE(r.error);
  const nlohmann::json& stmt = r.tree.at("stmts").at(0).at("stmt");
  EXPECT_EQ(stmt.at("SelectStmt").at("fromClause").at(0).at("RangeVar").at("relname"), "users");
}

TEST(parse_sql_to_json, converts_the_error_position_to_bytes) {
  const pg_parse_result r = parse_sql_to_json("SELECT '日本' FORM x");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "syntax error at or near \"x\"");
  EXPECT_EQ(r.error->byte_offset, 21u);  // 'x': code point 18 (1-based), byte 21
}

TEST(parse_sql_to_json, error_at_end_of_input_points_past_the_text) {
  const pg_parse_result r = parse_sql_to_json("SELECT * FROM");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->message, "syntax error at end of input");
  EXPECT_EQ(r.error->byte_offset, 13u);
}

}  // namespace
}  // namespace soong::gen
