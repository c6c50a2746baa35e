// Malformed query files and the exact diagnostics they produce (file:line:col, message, code,
// source line, caret line). Each case also checks that the broken statement is left out.
#include <gtest/gtest.h>

#include "parse/query_names.hpp"
#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

using testing::diagnose;
using testing::parse_text;

// --- annotations --------------------------------------------------------------------------

TEST(malformed, unknown_command_suggests_the_closest) {
  EXPECT_EQ(diagnose("-- name: GetUser :onee\nSELECT 1;"),
            "q.sql:1:18: error: unknown command ':onee'; did you mean ':one'? [SOONG002]\n"
            "    1 | -- name: GetUser :onee\n"
            "      |                  ^~~~~\n");
}

TEST(malformed, unknown_command_in_upper_case_suggests_lower_case) {
  EXPECT_EQ(diagnose("-- name: GetUser :MANY\nSELECT 1;"),
            "q.sql:1:18: error: unknown command ':MANY'; did you mean ':many'? [SOONG002]\n"
            "    1 | -- name: GetUser :MANY\n"
            "      |                  ^~~~~\n");
}

TEST(malformed, unknown_command_far_from_all_lists_them) {
  EXPECT_EQ(diagnose("-- name: GetUser :frobnicate\nSELECT 1;"),
            "q.sql:1:18: error: unknown command ':frobnicate'; expected one of :one, :many, "
            ":exec, :execrows, :execresult, :copyfrom, :batchexec, :batchone, :batchmany "
            "[SOONG002]\n"
            "    1 | -- name: GetUser :frobnicate\n"
            "      |                  ^~~~~~~~~~~\n");
}

TEST(malformed, unknown_command_in_block_comment) {
  EXPECT_EQ(diagnose("/* name: ListUsers :mny */\nSELECT 1;"),
            "q.sql:1:20: error: unknown command ':mny'; did you mean ':many'? [SOONG002]\n"
            "    1 | /* name: ListUsers :mny */\n"
            "      |                    ^~~~\n");
}

TEST(malformed, misspelt_batch_command) {
  EXPECT_EQ(diagnose("-- name: Add :batchexecc\nINSERT INTO t VALUES (1);"),
            "q.sql:1:14: error: unknown command ':batchexecc'; did you mean ':batchexec'? "
            "[SOONG002]\n"
            "    1 | -- name: Add :batchexecc\n"
            "      |              ^~~~~~~~~~~\n");
}

TEST(malformed, command_without_colon) {
  EXPECT_EQ(diagnose("-- name: GetUser one\nSELECT 1;"),
            "q.sql:1:18: error: malformed annotation: expected a command such as ':one' after "
            "the query name, found 'one'; did you mean ':one'? [SOONG001]\n"
            "    1 | -- name: GetUser one\n"
            "      |                  ^~~\n");
}

TEST(malformed, unknown_word_instead_of_command) {
  EXPECT_EQ(diagnose("-- name: GetUser returns one\nSELECT 1;"),
            "q.sql:1:18: error: malformed annotation: expected a command such as ':one' after "
            "the query name, found 'returns' [SOONG001]\n"
            "    1 | -- name: GetUser returns one\n"
            "      |                  ^~~~~~~\n");
}

TEST(malformed, missing_command) {
  EXPECT_EQ(diagnose("-- name: GetUser\nSELECT 1;"),
            "q.sql:1:10: error: annotation for \"GetUser\" has no command; expected one of :one, "
            ":many, :exec, :execrows, :execresult, :copyfrom, :batchexec, :batchone, :batchmany "
            "[SOONG010]\n"
            "    1 | -- name: GetUser\n"
            "      |          ^~~~~~~\n");
}

TEST(malformed, missing_name_before_command) {
  EXPECT_EQ(diagnose("-- name: :one\nSELECT 1;"),
            "q.sql:1:10: error: annotation has no query name; expected '-- name: <QueryName> "
            ":<command>' [SOONG003]\n"
            "    1 | -- name: :one\n"
            "      |          ^~~~\n");
}

TEST(malformed, empty_annotation) {
  EXPECT_EQ(diagnose("SELECT 0;\n-- name:\nSELECT 1;"),
            "q.sql:1:1: note: statement has no '-- name: <QueryName> :<command>' annotation; no "
            "code is generated for it [SOONG009]\n"
            "    1 | SELECT 0;\n"
            "      | ^~~~~~\n"
            "q.sql:2:1: error: annotation has no query name; expected '-- name: <QueryName> "
            ":<command>' [SOONG003]\n"
            "    2 | -- name:\n"
            "      | ^~~~~~~~\n");
}

TEST(malformed, query_name_with_a_dash) {
  EXPECT_EQ(diagnose("-- name: Get-User :one\nSELECT 1;"),
            "q.sql:1:10: error: invalid query name \"Get-User\": a query name must be an "
            "identifier (letters, digits and '_', not starting with a digit) [SOONG004]\n"
            "    1 | -- name: Get-User :one\n"
            "      |          ^~~~~~~~\n");
}

TEST(malformed, query_name_starting_with_a_digit) {
  EXPECT_EQ(diagnose("-- name: 2ndUser :one\nSELECT 1;"),
            "q.sql:1:10: error: invalid query name \"2ndUser\": a query name must be an "
            "identifier (letters, digits and '_', not starting with a digit) [SOONG004]\n"
            "    1 | -- name: 2ndUser :one\n"
            "      |          ^~~~~~~\n");
}

TEST(malformed, text_after_the_command) {
  EXPECT_EQ(diagnose("-- name: GetUser :one  please thanks\nSELECT 1;"),
            "q.sql:1:24: error: malformed annotation: unexpected text 'please thanks' after the "
            "command [SOONG001]\n"
            "    1 | -- name: GetUser :one  please thanks\n"
            "      |                        ^~~~~~~~~~~~~\n");
}

TEST(malformed, missing_colon_after_name) {
  EXPECT_EQ(diagnose("-- name GetUser :one\nSELECT 1;"),
            "q.sql:1:4: error: malformed annotation: expected ':' after 'name', as in '-- name: "
            "GetUser :one' [SOONG001]\n"
            "    1 | -- name GetUser :one\n"
            "      |    ^~~~\n");
}

TEST(malformed, annotation_at_end_of_file) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT 1;\n\n-- name: Forgotten :exec\n"),
            "q.sql:4:1: error: annotation \"Forgotten\" is not followed by a statement "
            "[SOONG006]\n"
            "    4 | -- name: Forgotten :exec\n"
            "      | ^~~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST(malformed, annotation_followed_by_another_annotation) {
  const auto r = parse_text("-- name: Old :one\n-- name: New :one\nSELECT 1;");
  EXPECT_EQ(r.rendered,
            "q.sql:1:1: error: annotation \"Old\" is not followed by a statement [SOONG006]\n"
            "    1 | -- name: Old :one\n"
            "      | ^~~~~~~~~~~~~~~~~\n");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].annot->name, "New");
}

TEST(malformed, annotation_followed_by_an_empty_statement) {
  EXPECT_EQ(diagnose("/* name: Nothing :exec */ ;\nSELECT 1"),
            "q.sql:1:1: error: annotation \"Nothing\" is not followed by a statement [SOONG006]\n"
            "    1 | /* name: Nothing :exec */ ;\n"
            "      | ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "q.sql:2:1: note: statement has no '-- name: <QueryName> :<command>' annotation; no "
            "code is generated for it [SOONG009]\n"
            "    2 | SELECT 1\n"
            "      | ^~~~~~\n");
}

TEST(malformed, missing_semicolon_between_queries) {
  const auto r = parse_text("-- name: A :one\nSELECT 1\n-- name: B :one\nSELECT 2;\n");
  EXPECT_EQ(r.rendered,
            "q.sql:3:1: error: annotation inside a statement; is the ';' ending the previous "
            "query missing? [SOONG008]\n"
            "    3 | -- name: B :one\n"
            "      | ^~~~~~~~~~~~~~~\n");
  EXPECT_TRUE(r.file.statements.empty());
}

TEST(malformed, missing_semicolon_before_a_block_annotation) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT 1 /* name: B :one */ SELECT 2;"),
            "q.sql:2:10: error: annotation inside a statement; is the ';' ending the previous "
            "query missing? [SOONG008]\n"
            "    2 | SELECT 1 /* name: B :one */ SELECT 2;\n"
            "      |          ^~~~~~~~~~~~~~~~~~\n");
}

TEST(malformed, duplicate_name_in_one_file) {
  const source_file file("q.sql", "-- name: Get :one\nSELECT 1;\n-- name: Get :many\nSELECT 2;");
  diagnostics diags;
  query_name_registry names;
  names.add(file, parse_query_file(file, diags), diags);
  EXPECT_EQ(render(diags),
            "q.sql:3:10: error: duplicate query name \"Get\" [SOONG005]\n"
            "    3 | -- name: Get :many\n"
            "      |          ^~~\n"
            "q.sql:1:10: note: query \"Get\" is first defined here\n"
            "    1 | -- name: Get :one\n"
            "      |          ^~~\n");
}

// --- syntax errors ------------------------------------------------------------------------

TEST(malformed, syntax_error_underlines_the_token) {
  EXPECT_EQ(diagnose("-- name: A :many\nSELECT *\nFORM users;"),
            "q.sql:3:1: error: syntax error at or near \"FORM\" [42601]\n"
            "    3 | FORM users;\n"
            "      | ^~~~\n");
}

TEST(malformed, syntax_error_in_one_statement_keeps_the_others) {
  const auto r = parse_text(
      "-- name: A :one\nSELECT 1;\n-- name: B :one\nSELEC 2;\n-- name: C :one\nSELECT 3;\n");
  EXPECT_EQ(r.rendered,
            "q.sql:4:1: error: syntax error at or near \"SELEC\" [42601]\n"
            "    4 | SELEC 2;\n"
            "      | ^~~~~\n");
  ASSERT_EQ(r.file.statements.size(), 2u);
  EXPECT_EQ(r.file.statements[0].annot->name, "A");
  EXPECT_EQ(r.file.statements[1].annot->name, "C");
}

TEST(malformed, every_broken_statement_is_reported) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT FROM WHERE;\n-- name: B :one\nSELECT (1;\n"),
            "q.sql:2:13: error: syntax error at or near \"WHERE\" [42601]\n"
            "    2 | SELECT FROM WHERE;\n"
            "      |             ^~~~~\n"
            "q.sql:4:10: error: syntax error at end of input [42601]\n"
            "    4 | SELECT (1;\n"
            "      |          ^\n");
}

TEST(malformed, syntax_error_column_counts_characters) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT 'héllo', '日本' FORM x;"),
            "q.sql:2:27: error: syntax error at or near \"x\" [42601]\n"
            "    2 | SELECT 'héllo', '日本' FORM x;\n"
            "      |                           ^\n");
}

TEST(malformed, syntax_error_after_rewritten_parameters) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT @first_name, sqlc.arg(last_name) FROM FROM"),
            "q.sql:2:46: error: syntax error at or near \"FROM\" [42601]\n"
            "    2 | SELECT @first_name, sqlc.arg(last_name) FROM FROM\n"
            "      |                                              ^~~~\n");
}

TEST(malformed, syntax_error_at_end_of_input) {
  EXPECT_EQ(diagnose("-- name: A :many\nSELECT * FROM"),
            "q.sql:2:14: error: syntax error at end of input [42601]\n"
            "    2 | SELECT * FROM\n"
            "      |              ^\n");
}

TEST(malformed, unterminated_string_keeps_earlier_statements) {
  const auto r = parse_text("-- name: A :one\nSELECT 1;\n-- name: B :one\nSELECT 'abc\nFROM t;");
  EXPECT_EQ(r.rendered,
            "q.sql:4:8: error: unterminated quoted string at or near \"'abc\n"
            "FROM t;\" [42601]\n"
            "    4 | SELECT 'abc\n"
            "      |        ^~~~\n");
  ASSERT_EQ(r.file.statements.size(), 1u);
  EXPECT_EQ(r.file.statements[0].annot->name, "A");
}

TEST(malformed, errors_are_reported_in_file_order) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT * FORM t;\n-- name: B :one\nSELECT 'abc"),
            "q.sql:2:10: error: syntax error at or near \"FORM\" [42601]\n"
            "    2 | SELECT * FORM t;\n"
            "      |          ^~~~\n"
            "q.sql:4:8: error: unterminated quoted string at or near \"'abc\" [42601]\n"
            "    4 | SELECT 'abc\n"
            "      |        ^~~~\n");
}

TEST(malformed, orphan_after_a_broken_statement_comes_after_its_error) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELEC 1 -- name: B :one\n"),
            "q.sql:2:1: error: syntax error at or near \"SELEC\" [42601]\n"
            "    2 | SELEC 1 -- name: B :one\n"
            "      | ^~~~~\n"
            "q.sql:2:9: error: annotation \"B\" is not followed by a statement [SOONG006]\n"
            "    2 | SELEC 1 -- name: B :one\n"
            "      |         ^~~~~~~~~~~~~~~\n");
}

TEST(malformed, unterminated_block_comment) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT 1 /* oops"),
            "q.sql:2:10: error: unterminated /* comment at or near \"/* oops\" [42601]\n"
            "    2 | SELECT 1 /* oops\n"
            "      |          ^~~~~~~\n");
}

TEST(malformed, unterminated_dollar_quote) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT $x$ body"),
            "q.sql:2:8: error: unterminated dollar-quoted string at or near \"$x$ body\" "
            "[42601]\n"
            "    2 | SELECT $x$ body\n"
            "      |        ^~~~~~~~\n");
}

TEST(malformed, unterminated_quoted_identifier) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT 1 AS \"x"),
            "q.sql:2:13: error: unterminated quoted identifier at or near \"\"x\" [42601]\n"
            "    2 | SELECT 1 AS \"x\n"
            "      |             ^~\n");
}

// --- parameters ---------------------------------------------------------------------------

TEST(malformed, sqlc_slice_outside_an_in_list) {
  EXPECT_EQ(diagnose("-- name: A :many\nSELECT * FROM t WHERE a = sqlc.slice(ids)"),
            "q.sql:2:27: error: 'sqlc.slice(...)' must be the whole list of an IN test, as in "
            "'id IN (sqlc.slice(ids))' [SOONG011]\n"
            "    2 | SELECT * FROM t WHERE a = sqlc.slice(ids)\n"
            "      |                           ^~~~~~~~~~~~~~~\n");
}

TEST(malformed, execlastid_says_what_to_write_instead) {
  EXPECT_EQ(diagnose("-- name: Add :execlastid\nINSERT INTO t (a) VALUES (1)"),
            "q.sql:1:14: error: ':execlastid' is an sqlc command with no PostgreSQL meaning; "
            "PostgreSQL has no last insert id: add 'RETURNING id' to the statement and use "
            "':one' [SOONG014]\n"
            "    1 | -- name: Add :execlastid\n"
            "      |              ^~~~~~~~~~~\n");
}

TEST(malformed, mixing_psycopg_and_positional_parameters) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT %(a)s, $2"),
            "q.sql:2:15: error: cannot mix positional parameters ($1) with psycopg-style "
            "%(name)s parameters in one query [SOONG007]\n"
            "    2 | SELECT %(a)s, $2\n"
            "      |               ^~\n"
            "q.sql:2:8: note: first named parameter is here\n"
            "    2 | SELECT %(a)s, $2\n"
            "      |        ^~~~~\n");
}

TEST(malformed, gap_in_positional_parameters) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT $1, $3"),
            "q.sql:2:12: error: parameter $3 is used but $2 is not; number positional "
            "parameters from $1 without gaps [SOONG012]\n"
            "    2 | SELECT $1, $3\n"
            "      |            ^~\n");
}

TEST(malformed, unsupported_sqlc_function) {
  EXPECT_EQ(diagnose("-- name: A :many\nSELECT * FROM t WHERE id = sqlc.args(ids)"),
            "q.sql:2:28: error: unsupported sqlc function 'sqlc.args'; soong supports "
            "sqlc.arg(name), sqlc.narg(name), sqlc.slice(name) and sqlc.embed(table) "
            "[SOONG011]\n"
            "    2 | SELECT * FROM t WHERE id = sqlc.args(ids)\n"
            "      |                            ^~~~~~~~~\n");
}

TEST(malformed, sqlc_slice_inside_any_is_not_an_in_list) {
  EXPECT_EQ(diagnose("-- name: A :many\nSELECT * FROM t WHERE id = ANY(sqlc.slice(ids))"),
            "q.sql:2:32: error: 'sqlc.slice(...)' must be the whole list of an IN test, as in "
            "'id IN (sqlc.slice(ids))' [SOONG011]\n"
            "    2 | SELECT * FROM t WHERE id = ANY(sqlc.slice(ids))\n"
            "      |                                ^~~~~~~~~~~~~~~\n");
}

TEST(malformed, sqlc_arg_without_a_name) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT sqlc.arg()"),
            "q.sql:2:8: error: malformed 'sqlc.arg(...)': expected a parameter name in "
            "parentheses, as in 'sqlc.arg(user_id)' [SOONG011]\n"
            "    2 | SELECT sqlc.arg()\n"
            "      |        ^~~~~~~~~~\n");
}

TEST(malformed, sqlc_arg_with_an_invalid_quoted_name) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT sqlc.narg('first name')"),
            "q.sql:2:8: error: invalid parameter name \"first name\": it must be an identifier "
            "(letters, digits and '_', not starting with a digit) [SOONG011]\n"
            "    2 | SELECT sqlc.narg('first name')\n"
            "      |        ^~~~~~~~~~~~~~~~~~~~~~~\n");
}

TEST(malformed, at_parameter_with_a_non_ascii_name) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT @prénom"),
            "q.sql:2:8: error: invalid parameter name \"prénom\": it must be an identifier "
            "(letters, digits and '_', not starting with a digit) [SOONG011]\n"
            "    2 | SELECT @prénom\n"
            "      |        ^~~~~~~\n");
}

// --- overrides ----------------------------------------------------------------------------

TEST(malformed, override_without_a_name) {
  EXPECT_EQ(diagnose("-- name: A :one\nSELECT 1 AS \"!\""),
            "q.sql:2:13: error: column override \"!\" has no name; write AS \"name!\" "
            "[SOONG013]\n"
            "    2 | SELECT 1 AS \"!\"\n"
            "      |             ^~~\n");
}

TEST(malformed, problems_in_several_places_are_all_reported) {
  EXPECT_EQ(diagnose("-- name: A :onne\nSELECT 1;\n-- name: B :one\nSELECT $2;\n"),
            "q.sql:1:12: error: unknown command ':onne'; did you mean ':one'? [SOONG002]\n"
            "    1 | -- name: A :onne\n"
            "      |            ^~~~~\n"
            "q.sql:4:8: error: parameter $2 is used but $1 is not; number positional parameters "
            "from $1 without gaps [SOONG012]\n"
            "    4 | SELECT $2;\n"
            "      |        ^~\n");
}

}  // namespace
}  // namespace soong::gen
