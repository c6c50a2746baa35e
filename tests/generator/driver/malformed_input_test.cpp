// Malformed inputs end to end: each case runs the real `soong generate` on files in a private
// folder and asserts the exact stderr, the exit code, and that the output folder (which holds
// a stale file from an earlier run) is left exactly as it was.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "scratch_folder.hpp"
#include "soong_process.hpp"

namespace {
namespace fs = std::filesystem;
using soong::testing::run_soong;
using soong::testing::scratch_folder;
using soong::testing::snapshot_files;

constexpr const char* default_schema = R"(CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE authors (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  bio text,
  mood mood
);
CREATE TABLE books (
  id bigserial PRIMARY KEY,
  author_id bigint NOT NULL REFERENCES authors (id),
  title text NOT NULL
);
)";

struct malformed_case {
  std::string name;
  std::map<std::string, std::string> files;  // relative path -> text
  std::vector<std::string> args;             // after the executable
  int exit_code = 1;
  std::string expected_stderr;
};

const std::vector<std::string> default_args = {"generate",  "--schema", "schema.sql", "--queries",
                                               "query.sql", "--out",    "out",        "--no-cache"};

/// The common shape: the default schema, one query file, `soong generate`, exit 1.
malformed_case query_case(std::string name, std::string query, std::string expected_stderr) {
  return {std::move(name),
          {{"schema.sql", default_schema}, {"query.sql", std::move(query)}},
          default_args,
          1,
          std::move(expected_stderr)};
}

std::vector<malformed_case> all_cases() {
  std::vector<malformed_case> cases;

  // --- Syntax errors (libpg_query), positions in the user's file.
  cases.push_back(query_case("syntax_error",
                             "-- name: GetAuthor :one\nSELECT id FROM authors WHER id = 1;\n",
                             R"(query.sql:2:29: error: syntax error at or near "id" [42601]
    2 | SELECT id FROM authors WHER id = 1;
      |                             ^~
1 error generated; nothing written.
)"));
  cases.push_back(query_case("syntax_error_at_end_of_input",
                             "-- name: AddAuthor :exec\nINSERT INTO authors (name) VALUES ('a'\n",
                             R"(query.sql:2:39: error: syntax error at end of input [42601]
    2 | INSERT INTO authors (name) VALUES ('a'
      |                                       ^
1 error generated; nothing written.
)"));

  // --- PostgreSQL errors at prepare time, mapped back into the file.
  cases.push_back(query_case("unknown_table",
                             "-- name: ListAuthors :many\nSELECT id FROM authrs;\n",
                             R"(query.sql:2:16: error: relation "authrs" does not exist [42P01]
    2 | SELECT id FROM authrs;
      |                ^~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case("unknown_column_on_a_later_line",
                             "-- name: ListAuthors :many\nSELECT id,\n  nme\nFROM authors;\n",
                             R"(query.sql:3:3: error: column "nme" does not exist [42703]
    3 |   nme
      |   ^~~
query.sql: note: Perhaps you meant to reference the column "authors.name".
1 error generated; nothing written.
)"));
  cases.push_back(query_case("unknown_column_after_named_parameter_rewriting",
                             "-- name: FindAuthors :many\nSELECT id FROM authors\nWHERE bio = "
                             "sqlc.arg(bio) AND nme = @name;\n",
                             R"(query.sql:3:31: error: column "nme" does not exist [42703]
    3 | WHERE bio = sqlc.arg(bio) AND nme = @name;
      |                               ^~~
query.sql: note: Perhaps you meant to reference the column "authors.name".
1 error generated; nothing written.
)"));
  cases.push_back(
      query_case("unknown_column_next_to_psycopg_parameter",
                 "-- name: FindAuthors :many\nSELECT id FROM authors WHERE nam = %(name)s;\n",
                 R"(query.sql:2:30: error: column "nam" does not exist [42703]
    2 | SELECT id FROM authors WHERE nam = %(name)s;
      |                              ^~~
query.sql: note: Perhaps you meant to reference the column "authors.name".
1 error generated; nothing written.
)"));
  cases.push_back(query_case("column_counts_code_points_not_bytes",
                             "-- name: GetAuthor :one\nSELECT 'éé' AS e, nme FROM authors;\n",
                             R"(query.sql:2:19: error: column "nme" does not exist [42703]
    2 | SELECT 'éé' AS e, nme FROM authors;
      |                   ^~~
query.sql: note: Perhaps you meant to reference the column "authors.name".
1 error generated; nothing written.
)"));
  cases.push_back(
      query_case("invalid_enum_label",
                 "-- name: SetMood :exec\nUPDATE authors SET mood = 'angry' WHERE id = $1;\n",
                 R"(query.sql:2:27: error: invalid input value for enum mood: "angry" [22P02]
    2 | UPDATE authors SET mood = 'angry' WHERE id = $1;
      |                           ^~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(
      query_case("operator_does_not_exist",
                 "-- name: ListAuthors :many\nSELECT id FROM authors WHERE name = 1 + true;\n",
                 R"(query.sql:2:39: error: operator does not exist: integer + boolean [42883]
    2 | SELECT id FROM authors WHERE name = 1 + true;
      |                                       ^
query.sql: note: No operator matches the given name and argument types. You might need to add explicit type casts.
1 error generated; nothing written.
)"));
  cases.push_back(
      query_case("untyped_positional_parameter",
                 "-- name: ListAuthors :many\nSELECT id FROM authors WHERE $1 IS NULL;\n",
                 R"(query.sql:2:30: error: could not determine data type of parameter $1 [42P18]
    2 | SELECT id FROM authors WHERE $1 IS NULL;
      |                              ^~
query.sql: note: add a cast to give the parameter a type, e.g. `$1::int4` (or `@name::text`, `sqlc.arg(name)::uuid`)
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "untyped_named_parameter",
      "-- name: ListAuthors :many\nSELECT id FROM authors\nWHERE @since IS NULL OR id > 1;\n",
      R"(query.sql:3:7: error: could not determine data type of parameter $1 [42P18]
    3 | WHERE @since IS NULL OR id > 1;
      |       ^~~~~~
query.sql: note: add a cast to give the parameter a type, e.g. `$1::int4` (or `@name::text`, `sqlc.arg(name)::uuid`)
1 error generated; nothing written.
)"));

  // --- Annotations.
  cases.push_back(query_case(
      "annotation_without_colon", "-- name GetAuthor :one\nSELECT 1;\n",
      R"(query.sql:1:4: error: malformed annotation: expected ':' after 'name', as in '-- name: GetUser :one' [SOONG001]
    1 | -- name GetAuthor :one
      |    ^~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "command_without_colon", "-- name: GetAuthor one\nSELECT 1;\n",
      R"(query.sql:1:20: error: malformed annotation: expected a command such as ':one' after the query name, found 'one'; did you mean ':one'? [SOONG001]
    1 | -- name: GetAuthor one
      |                    ^~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "text_after_command", "-- name: GetAuthor :one please\nSELECT 1;\n",
      R"(query.sql:1:25: error: malformed annotation: unexpected text 'please' after the command [SOONG001]
    1 | -- name: GetAuthor :one please
      |                         ^~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(
      query_case("unknown_command_close_to_a_known_one", "-- name: GetAuthor :onee\nSELECT 1;\n",
                 R"(query.sql:1:20: error: unknown command ':onee'; did you mean ':one'? [SOONG002]
    1 | -- name: GetAuthor :onee
      |                    ^~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "unknown_command_lists_all", "-- name: GetAuthor :zzz\nSELECT 1;\n",
      R"(query.sql:1:20: error: unknown command ':zzz'; expected one of :one, :many, :exec, :execrows, :execresult, :copyfrom, :batchexec, :batchone, :batchmany [SOONG002]
    1 | -- name: GetAuthor :zzz
      |                    ^~~~
1 error generated; nothing written.
)"));
  cases.push_back(
      query_case("unknown_command_in_block_comment", "/* name: GetAuthor :onee */\nSELECT 1;\n",
                 R"(query.sql:1:20: error: unknown command ':onee'; did you mean ':one'? [SOONG002]
    1 | /* name: GetAuthor :onee */
      |                    ^~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "annotation_without_name", "-- name: :one\nSELECT 1;\n",
      R"(query.sql:1:10: error: annotation has no query name; expected '-- name: <QueryName> :<command>' [SOONG003]
    1 | -- name: :one
      |          ^~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "query_name_not_an_identifier", "-- name: Get-Author :one\nSELECT 1;\n",
      R"(query.sql:1:10: error: invalid query name "Get-Author": a query name must be an identifier (letters, digits and '_', not starting with a digit) [SOONG004]
    1 | -- name: Get-Author :one
      |          ^~~~~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "annotation_without_command", "-- name: GetAuthor\nSELECT 1;\n",
      R"(query.sql:1:10: error: annotation for "GetAuthor" has no command; expected one of :one, :many, :exec, :execrows, :execresult, :copyfrom, :batchexec, :batchone, :batchmany [SOONG010]
    1 | -- name: GetAuthor
      |          ^~~~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "annotation_at_end_of_file", "-- name: Forgotten :exec\n",
      R"(query.sql:1:1: error: annotation "Forgotten" is not followed by a statement [SOONG006]
    1 | -- name: Forgotten :exec
      | ^~~~~~~~~~~~~~~~~~~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "missing_semicolon_between_queries",
      "-- name: A :one\nSELECT 1\n-- name: B :one\nSELECT 2;\n",
      R"(query.sql:3:1: error: annotation inside a statement; is the ';' ending the previous query missing? [SOONG008]
    3 | -- name: B :one
      | ^~~~~~~~~~~~~~~
1 error generated; nothing written.
)"));

  // --- Parameters.
  cases.push_back(query_case(
      "positional_and_psycopg_parameters_mixed",
      "-- name: FindAuthors :many\nSELECT id FROM authors WHERE id = $1 AND name = %(name)s;\n",
      R"(query.sql:2:49: error: cannot mix positional parameters ($1) with psycopg-style %(name)s parameters in one query [SOONG007]
    2 | SELECT id FROM authors WHERE id = $1 AND name = %(name)s;
      |                                                 ^~~~~~~~
query.sql:2:35: note: first positional parameter is here
    2 | SELECT id FROM authors WHERE id = $1 AND name = %(name)s;
      |                                   ^~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "gap_in_positional_parameters", "-- name: Pair :one\nSELECT $1::int, $3::int;\n",
      R"(query.sql:2:17: error: parameter $3 is used but $2 is not; number positional parameters from $1 without gaps [SOONG012]
    2 | SELECT $1::int, $3::int;
      |                 ^~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "sqlc_arg_without_name", "-- name: Echo :one\nSELECT sqlc.arg()::int;\n",
      R"(query.sql:2:8: error: malformed 'sqlc.arg(...)': expected a parameter name in parentheses, as in 'sqlc.arg(user_id)' [SOONG011]
    2 | SELECT sqlc.arg()::int;
      |        ^~~~~~~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "sqlc_slice_outside_an_in_list",
      "-- name: ByIds :many\nSELECT id FROM authors WHERE id = ANY(sqlc.slice(ids));\n",
      R"(query.sql:2:39: error: 'sqlc.slice(...)' must be the whole list of an IN test, as in 'id IN (sqlc.slice(ids))' [SOONG011]
    2 | SELECT id FROM authors WHERE id = ANY(sqlc.slice(ids));
      |                                       ^~~~~~~~~~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "execlastid", "-- name: Add :execlastid\nINSERT INTO authors (name) VALUES ('x');\n",
      R"(query.sql:1:14: error: ':execlastid' is an sqlc command with no PostgreSQL meaning; PostgreSQL has no last insert id: add 'RETURNING id' to the statement and use ':one' [SOONG014]
    1 | -- name: Add :execlastid
      |              ^~~~~~~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "override_without_name", "-- name: One :one\nSELECT 1 AS \"!\";\n",
      R"(query.sql:2:13: error: column override "!" has no name; write AS "name!" [SOONG013]
    2 | SELECT 1 AS "!";
      |             ^~~
1 error generated; nothing written.
)"));

  // --- Commands that do not fit the statement.
  cases.push_back(query_case(
      "copyfrom_not_an_insert", "-- name: CopyAuthors :copyfrom\nSELECT id FROM authors;\n",
      R"(query.sql:2:1: error: :copyfrom needs `INSERT INTO table (columns...) VALUES ($1, ...)` with one parameter per column [SOONG020]
    2 | SELECT id FROM authors;
      | ^~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "copyfrom_insert_select",
      "-- name: CopyAuthors :copyfrom\nINSERT INTO authors (name) SELECT $1;\n",
      R"(query.sql:2:1: error: :copyfrom needs `INSERT INTO table (columns...) VALUES ($1, ...)` with one parameter per column [SOONG020]
    2 | INSERT INTO authors (name) SELECT $1;
      | ^~~~~~
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "many_without_result_columns",
      "-- name: ClearBio :many\nUPDATE authors SET bio = NULL WHERE id = $1;\n",
      R"(query.sql:2:1: error: query ClearBio is :many but returns no columns; annotate it :exec (or add RETURNING) [SOONG203]
    2 | UPDATE authors SET bio = NULL WHERE id = $1;
      | ^
1 error generated; nothing written.
)"));

  // --- Types soong cannot map.
  cases.push_back(query_case(
      "unsupported_result_type", "-- name: Search :one\nSELECT 'a fat cat'::tsvector AS v;\n",
      R"(query.sql:2:1: error: column "v" of query Search has type tsvector, which soong cannot map to C++ (tsvector is not a type soong maps); override it with a cast, e.g. `::text` [SOONG200]
    2 | SELECT 'a fat cat'::tsvector AS v;
      | ^
1 error generated; nothing written.
)"));
  cases.push_back(query_case(
      "unsupported_parameter_type",
      "-- name: Search :many\nSELECT id FROM authors WHERE to_tsvector(name) @@ $1::tsquery;\n",
      R"(query.sql:2:1: error: parameter $1 (p1) of query Search has type tsquery, which soong cannot map to C++ (tsquery is not a type soong maps); override it with a cast, e.g. `::text` [SOONG200]
    2 | SELECT id FROM authors WHERE to_tsvector(name) @@ $1::tsquery;
      | ^
1 error generated; nothing written.
)"));

  // --- Several files: every error of every file in one run.
  cases.push_back({"duplicate_name_across_files",
                   {{"schema.sql", default_schema},
                    {"a.sql", "-- name: GetAuthor :one\nSELECT 1;\n"},
                    {"b.sql", "\n-- name: GetAuthor :one\nSELECT 2;\n"}},
                   {"generate", "--schema", "schema.sql", "--queries", "a.sql", "--queries",
                    "b.sql", "--out", "out", "--no-cache"},
                   1,
                   R"(b.sql:2:10: error: duplicate query name "GetAuthor" [SOONG005]
    2 | -- name: GetAuthor :one
      |          ^~~~~~~~~
a.sql:1:10: note: query "GetAuthor" is first defined here
    1 | -- name: GetAuthor :one
      |          ^~~~~~~~~
1 error generated; nothing written.
)"});
  cases.push_back(
      {"front_end_errors_in_two_files",
       {{"schema.sql", default_schema},
        {"q/a.sql", "-- name: A :one\nSELEC 1;\n"},
        {"q/b.sql", "-- name: B :oen\nSELECT 1;\n"}},
       {"generate", "--schema", "schema.sql", "--queries", "q", "--out", "out", "--no-cache"},
       1,
       R"(q/a.sql:2:1: error: syntax error at or near "SELEC" [42601]
    2 | SELEC 1;
      | ^~~~~
q/b.sql:1:12: error: unknown command ':oen'; did you mean ':one'? [SOONG002]
    1 | -- name: B :oen
      |            ^~~~
2 errors generated; nothing written.
)"});
  cases.push_back({"server_errors_in_two_files",
                   {{"schema.sql", default_schema},
                    {"a.sql", "-- name: A :one\nSELECT id FROM authors WHERE nme = $1;\n"},
                    {"b.sql", "-- name: B :many\nSELECT * FROM nope;\n"}},
                   {"generate", "--schema", "schema.sql", "--queries", "a.sql", "--queries",
                    "b.sql", "--out", "out", "--no-cache"},
                   1,
                   R"(a.sql:2:30: error: column "nme" does not exist [42703]
    2 | SELECT id FROM authors WHERE nme = $1;
      |                              ^~~
a.sql: note: Perhaps you meant to reference the column "authors.name".
b.sql:2:15: error: relation "nope" does not exist [42P01]
    2 | SELECT * FROM nope;
      |               ^~~~
2 errors generated; nothing written.
)"});

  // --- Schema errors, reported in the schema file.
  const std::string ok_query = "-- name: One :one\nSELECT 1 AS one;\n";
  cases.push_back({"schema_unknown_type",
                   {{"schema.sql", "CREATE TABLE t (id int PRIMARY KEY,\n  x nosuchtype);\n"},
                    {"query.sql", ok_query}},
                   default_args,
                   1,
                   R"(schema.sql:2:5: error: type "nosuchtype" does not exist [42704]
    2 |   x nosuchtype);
      |     ^~~~~~~~~~
1 error generated; nothing written.
)"});
  cases.push_back(
      {"schema_syntax_error",
       {{"schema.sql", "CREATE TABLE t (id int PRIMARY KEY;\n"}, {"query.sql", ok_query}},
       default_args,
       1,
       R"(schema.sql:1:35: error: syntax error at or near ";" [42601]
    1 | CREATE TABLE t (id int PRIMARY KEY;
      |                                   ^
1 error generated; nothing written.
)"});

  // --- Usage errors: exit 2.
  cases.push_back({"missing_query_file",
                   {{"schema.sql", default_schema}},
                   default_args,
                   2,
                   "soong: error: no such query file or folder: query.sql\n"});
  cases.push_back({"missing_schema_file",
                   {{"query.sql", ok_query}},
                   default_args,
                   2,
                   "soong: error: no such schema file or folder: schema.sql\n"});
  cases.push_back(
      {"query_folder_without_sql_files",
       {{"schema.sql", default_schema}, {"q/readme.txt", "not sql"}},
       {"generate", "--schema", "schema.sql", "--queries", "q", "--out", "out", "--no-cache"},
       2,
       "soong: error: query folder q has no .sql files\n"});
  cases.push_back({"generate_without_out",
                   {{"schema.sql", default_schema}, {"query.sql", ok_query}},
                   {"generate", "--schema", "schema.sql", "--queries", "query.sql"},
                   2,
                   "soong generate: error: --out is required (see soong generate --help)\n"});
  cases.push_back(
      {"generate_without_queries",
       {{"schema.sql", default_schema}},
       {"generate", "--schema", "schema.sql", "--out", "out"},
       2,
       "soong generate: --queries is required (or --schema-header-only, --crud-only)\n"});
  cases.push_back(
      {"describe_unknown_format",
       {{"schema.sql", default_schema}, {"query.sql", ok_query}},
       {"describe", "--schema", "schema.sql", "--queries", "query.sql", "--format", "yaml"},
       2,
       "soong describe: error: --format: yaml not in {json} (see soong describe --help)\n"});
  return cases;
}

class malformed_input : public ::testing::TestWithParam<malformed_case> {};

TEST_P(malformed_input, exact_diagnostics_and_nothing_written) {
  const malformed_case& c = GetParam();
  const scratch_folder dir("soong-malformed");
  for (const auto& [path, text] : c.files) dir.write(path, text);
  // A file from an earlier successful run: an error must leave it exactly as it was.
  dir.write("out/query.sql.hpp", "// generated by an earlier run\n");
  const auto before = snapshot_files(dir.path() / "out");

  // TMPDIR inside the case folder: any server folder soong leaves behind would show up below.
  const auto result = run_soong(
      c.args, dir.path(), {{"TMPDIR", dir.path().string()}, {"SOONG_CACHE_DIR", "/nonexistent"}});

  EXPECT_EQ(result.err, c.expected_stderr);
  EXPECT_EQ(result.exit_code, c.exit_code);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(snapshot_files(dir.path() / "out"), before);
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("soong-pg-"))
        << "server folder left behind: " << entry.path();
  }
}

INSTANTIATE_TEST_SUITE_P(driver, malformed_input, ::testing::ValuesIn(all_cases()),
                         [](const auto& info) { return info.param.name; });

TEST(malformed_input_corpus, has_at_least_thirty_cases) { EXPECT_GE(all_cases().size(), 30u); }

}  // namespace
