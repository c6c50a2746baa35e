#include "parse/statement_splitter.hpp"

#include <gtest/gtest.h>

namespace soong::gen {
namespace {

std::vector<std::string> bodies(const std::string& sql) {
  std::vector<std::string> out;
  for (const statement_tokens& s : split_statements(scan_sql(sql).tokens, sql)) {
    out.push_back(s.body.empty()
                      ? std::string()
                      : sql.substr(s.body.front().begin, s.body.back().end - s.body.front().begin));
  }
  return out;
}

TEST(split_statements, splits_at_semicolons_outside_literals_and_comments) {
  EXPECT_EQ(bodies("SELECT ';' /* ; */; SELECT $$;$$ -- ;\n; SELECT 3"),
            (std::vector<std::string>{"SELECT ';'", "SELECT $$;$$", "SELECT 3"}));
}

TEST(split_statements, keeps_parenthesised_semicolons) {
  EXPECT_EQ(bodies("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2); SELECT 3"),
            (std::vector<std::string>{
                "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)", "SELECT 3"}));
}

TEST(split_statements, an_unclosed_parenthesis_does_not_swallow_later_statements) {
  EXPECT_EQ(bodies("SELECT (1; SELECT rule FROM (t; CREATE OR REPLACE RULE r AS ON UPDATE TO t DO "
                   "INSTEAD (SELECT 1; SELECT 2); SELECT 3"),
            (std::vector<std::string>{
                "SELECT (1", "SELECT rule FROM (t",
                "CREATE OR REPLACE RULE r AS ON UPDATE TO t DO INSTEAD (SELECT 1; SELECT 2)",
                "SELECT 3"}));
}

TEST(split_statements, keeps_begin_atomic_bodies_whole) {
  const std::string f =
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 "
      "THEN 1 ELSE 2 END; SELECT 3; END";
  EXPECT_EQ(bodies(f + "; SELECT 4;"), (std::vector<std::string>{f, "SELECT 4"}));
}

TEST(split_statements, separates_leading_inner_and_trailing_comments) {
  const std::string sql = "-- a\n/* b */ SELECT /* c */ 1 -- d\n; -- e";
  const std::vector<statement_tokens> s = split_statements(scan_sql(sql).tokens, sql);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].leading_comments.size(), 2u);
  EXPECT_EQ(s[0].body.size(), 3u);  // SELECT, /* c */, 1
  EXPECT_EQ(s[0].trailing_comments.size(), 1u);
  EXPECT_TRUE(s[1].body.empty());
  EXPECT_EQ(s[1].leading_comments.size(), 1u);
}

TEST(split_statements, drops_empty_statements_without_comments) {
  EXPECT_EQ(bodies(";;SELECT 1;;"), (std::vector<std::string>{"SELECT 1"}));
}

TEST(token_length_at, measures_from_the_offset_to_the_token_end) {
  const std::string sql = "SELECT users.nme";
  const std::vector<pg_token> tokens = scan_sql(sql).tokens;
  EXPECT_EQ(token_length_at(tokens, 13), 3u);  // "nme"
  EXPECT_EQ(token_length_at(tokens, 6), 1u);   // the space: no token
}

}  // namespace
}  // namespace soong::gen
