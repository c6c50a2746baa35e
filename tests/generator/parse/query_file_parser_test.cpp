#include "parse/query_file_parser.hpp"

#include <gtest/gtest.h>

#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

// In the style of the Python app soong replaces: psycopg parameters, RETURNING, several
// queries per file, comments between them.
constexpr const char* cruddur_style =
    "-- Activities shown on the home page.\n"
    "-- name: HomeActivities :many\n"
    "SELECT\n"
    "  activities.uuid,\n"
    "  users.handle,\n"
    "  activities.message AS \"message!\"\n"
    "FROM public.activities\n"
    "LEFT JOIN public.users ON users.uuid = activities.user_uuid\n"
    "WHERE activities.message NOT LIKE '%(spam)s%' -- not a parameter\n"
    "ORDER BY activities.created_at DESC;\n"
    "\n"
    "-- name: CreateActivity :one\n"
    "INSERT INTO public.activities (user_uuid, message, expires_at)\n"
    "VALUES (\n"
    "  (SELECT uuid FROM public.users WHERE users.handle = %(handle)s LIMIT 1),\n"
    "  %(message)s,\n"
    "  %(expires_at)s\n"
    ") RETURNING uuid;\n"
    "\n"
    "/* name: ActivityObject :one */\n"
    "SELECT * FROM public.activities WHERE activities.uuid = %(uuid)s\n";

TEST(query_file_parser, reads_a_cruddur_style_file) {
  const auto r = testing::parse_text(cruddur_style, "sql/activities.sql");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.path, "sql/activities.sql");
  ASSERT_EQ(r.file.statements.size(), 3u);

  const parsed_statement& home = r.file.statements[0];
  EXPECT_EQ(home.annot->name, "HomeActivities");
  EXPECT_EQ(home.annot->cmd, command::many);
  EXPECT_EQ(home.location.line, 3);
  EXPECT_TRUE(home.params.empty());
  ASSERT_EQ(home.overrides.size(), 1u);
  EXPECT_EQ(home.overrides[0].alias, "message");
  EXPECT_NE(home.rewritten_sql.find("'%(spam)s%' -- not a parameter"), std::string::npos);
  EXPECT_NE(home.rewritten_sql.find("AS \"message\"\n"), std::string::npos);

  const parsed_statement& create = r.file.statements[1];
  EXPECT_EQ(create.annot->cmd, command::one);
  ASSERT_EQ(create.params.size(), 3u);
  EXPECT_EQ(create.params[0].name, "handle");
  EXPECT_EQ(create.params[0].location.line, 15);
  EXPECT_EQ(create.params[0].location.column, 55);
  EXPECT_EQ(create.params[2].name, "expires_at");
  EXPECT_EQ(create.rewritten_sql,
            "INSERT INTO public.activities (user_uuid, message, expires_at)\n"
            "VALUES (\n"
            "  (SELECT uuid FROM public.users WHERE users.handle = $1 LIMIT 1),\n"
            "  $2,\n"
            "  $3\n"
            ") RETURNING uuid");
  EXPECT_TRUE(create.tree.at("InsertStmt").contains("returningList"));

  const parsed_statement& object = r.file.statements[2];
  EXPECT_EQ(object.annot->name, "ActivityObject");
  EXPECT_EQ(object.rewritten_sql, "SELECT * FROM public.activities WHERE activities.uuid = $1");
}

TEST(query_file_parser, crlf_line_endings) {
  const auto r = testing::parse_text("-- name: A :one\r\nSELECT @a\r\n  FROM t;\r\n");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].annot->name, "A");
  EXPECT_EQ(r.file.statements[0].rewritten_sql, "SELECT $1\r\n  FROM t");
  const auto bad = testing::parse_text("-- name: A :one\r\nSELECT * FORM t;\r\n");
  EXPECT_EQ(bad.rendered,
            "q.sql:2:10: error: syntax error at or near \"FORM\" [42601]\n"
            "    2 | SELECT * FORM t;\n"
            "      |          ^~~~\n");
}

TEST(query_file_parser, byte_order_mark_before_the_first_annotation) {
  const auto r = testing::parse_text("\xEF\xBB\xBF-- name: A :one\nSELECT 1;");
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].annot->location.column, 1);
}

TEST(query_file_parser, statement_text_excludes_comments_around_it) {
  const auto r =
      testing::parse_text("-- name: A :one\n  /* lead */ SELECT 1 /* in */ + 2 -- trail\n;");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].sql, "SELECT 1 /* in */ + 2");
  EXPECT_EQ(r.file.statements[0].location.column, 14);
  EXPECT_EQ(r.file.statements[0].file_offset, 29u);
}

TEST(query_file_parser, empty_and_comment_only_files_yield_nothing) {
  EXPECT_TRUE(testing::parse_text("").file.statements.empty());
  const auto r = testing::parse_text("-- just a comment\n/* and another */\n");
  EXPECT_TRUE(r.file.statements.empty());
  EXPECT_TRUE(r.diags.all().empty());
}

TEST(query_file_parser, ddl_with_dollar_quoted_body_is_one_statement) {
  const auto r = testing::parse_text(
      "CREATE FUNCTION f(a int) RETURNS int AS $$ SELECT $1 + 1; $$ LANGUAGE sql;\n"
      "-- name: CallF :one\nSELECT f(@a);");
  ASSERT_FALSE(r.diags.has_errors()) << r.rendered;
  ASSERT_EQ(r.file.statements.size(), 2u);
  EXPECT_FALSE(r.file.statements[0].annot);
  EXPECT_TRUE(r.file.statements[0].params.empty());
  EXPECT_EQ(r.file.statements[1].rewritten_sql, "SELECT f($1)");
}

// libpg_query would stop at a NUL (dropping the queries after it) and cannot put invalid UTF-8
// into its JSON parse tree; the server refuses both with 22021.
TEST(query_file_parser, refuses_invalid_utf8_where_it_is) {
  const auto r =
      testing::parse_text(std::string("-- name: A :one\nSELECT 'ok\xc3\xa9', '\xff';\n"));
  EXPECT_TRUE(r.file.statements.empty());
  EXPECT_EQ(r.rendered,
            "q.sql:2:16: error: invalid byte sequence for encoding \"UTF8\": 0xff [22021]\n"
            "    2 | SELECT 'ok\xc3\xa9', '\xff';\n"
            "      |                ^\n");
}

TEST(query_file_parser, refuses_a_nul_byte_instead_of_ignoring_what_follows) {
  constexpr char text[] = "-- name: A :one\nSELECT 1;\n\0-- name: B :one\nSELECT 2;\n";
  const auto r = testing::parse_text(std::string(text, sizeof text - 1));
  EXPECT_TRUE(r.file.statements.empty());
  ASSERT_EQ(r.diags.all().size(), 1u);
  EXPECT_EQ(r.diags.all()[0].code, "22021");
  EXPECT_EQ(r.diags.all()[0].location.line, 3);
  EXPECT_EQ(r.diags.all()[0].location.column, 1);
}

TEST(query_file_parser, refuses_overlong_utf8_and_surrogates) {
  for (const char* bad :
       {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    const auto r = testing::parse_text(std::string("SELECT '") + bad + "';\n");
    ASSERT_EQ(r.diags.all().size(), 1u) << bad;
    EXPECT_EQ(r.diags.all()[0].code, "22021") << bad;
    EXPECT_EQ(r.diags.all()[0].location.column, 9) << bad;
  }
  // Four-byte characters and a byte order mark are fine.
  EXPECT_EQ(testing::diagnose("\xef\xbb\xbf-- name: A :one\nSELECT '\xf0\x9f\x90\x98';\n"), "");
}

}  // namespace
}  // namespace soong::gen
