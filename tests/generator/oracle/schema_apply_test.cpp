// Applying the schema: what PostgreSQL accepts works (extensions, enums, composites, domains,
// views, functions, other schemas), and what it rejects is reported at the exact
// file:line:col with the SQLSTATE.

#include "oracle/schema_apply.hpp"

#include <gtest/gtest.h>

#include <string>

#include "oracle/pg_handles.hpp"
#include "oracle_fixture.hpp"

namespace soong::gen::testing {
namespace {

using schema_apply = oracle_test;

std::string single_value(PGconn* conn, const char* sql) {
  oracle_detail::result_ptr result(PQexec(conn, sql));
  EXPECT_EQ(PQresultStatus(result.get()), PGRES_TUPLES_OK) << PQresultErrorMessage(result.get());
  if (PQntuples(result.get()) != 1) return "<no row>";
  return PQgetvalue(result.get(), 0, 0);
}

std::optional<oracle_error> apply_file(PGconn* conn, std::string file, std::string text) {
  return apply_schema(conn, {schema_chunk{std::move(file), std::move(text)}});
}

TEST_F(schema_apply, rich_schema_is_accepted) {
  apply(R"sql(
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE app.address AS (street text, zip varchar(10));
CREATE DOMAIN app.positive_int AS int4 CHECK (VALUE > 0);
CREATE TABLE app.users (
  uuid uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
  email citext NOT NULL UNIQUE,
  secret bytea DEFAULT gen_random_bytes(16),
  mood app.mood,
  home app.address,
  karma app.positive_int
);
CREATE VIEW app.happy_users AS SELECT uuid, email FROM app.users WHERE mood = 'happy';
CREATE FUNCTION app.shout(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT upper(t) $$;
)sql");
  EXPECT_EQ(single_value(conn(), "SELECT app.shout('hey')"), "HEY");
  EXPECT_EQ(single_value(conn(), "SELECT length(gen_random_uuid()::text)"), "36");
  EXPECT_EQ(single_value(conn(), "SELECT 'ABC'::citext = 'abc'::citext"), "t");
}

TEST_F(schema_apply, error_position_is_file_line_column_with_sqlstate) {
  std::string text;
  for (int line = 1; line <= 10; ++line) text += "-- line " + std::to_string(line) + "\n";
  text += "CREATE TABLE authors (\n";  // line 11
  text += "  name uuidd\n";            // line 12: "uuidd" starts at column 8
  text += ");\n";
  const auto error = apply_file(conn(), "schema.sql", text);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error), R"(schema.sql:12:8: error: type "uuidd" does not exist [42704])");
  EXPECT_EQ(error->position.byte_offset, text.find("uuidd"));
  EXPECT_TRUE(error->query_name.empty());
}

TEST_F(schema_apply, columns_count_characters_not_bytes) {
  const std::string text =
      "-- café, naïve, 日本\n"
      "CREATE TABLE t (a text);\n"
      "INSERT INTO t VALUES ('日本語'), (unknown_col);\n";
  const auto error = apply_file(conn(), "seed.sql", text);
  ASSERT_TRUE(error.has_value());
  // "INSERT INTO t VALUES ('日本語'), (" is 31 characters (but 37 bytes).
  EXPECT_EQ(to_string(*error),
            R"(seed.sql:3:32: error: column "unknown_col" does not exist [42703])");
  EXPECT_EQ(error->position.byte_offset, text.find("unknown_col"));
}

TEST_F(schema_apply, error_without_position_points_at_the_statement_after_its_comments) {
  const std::vector<schema_chunk> chunks = {
      {"001_users.sql", "CREATE TABLE users (id int);\n"},
      {"002_again.sql",
       "-- create users again\n/* a /* nested */ comment */\n  CREATE TABLE users (id int);\n"},
  };
  const auto error = apply_schema(conn(), chunks);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error),
            R"(002_again.sql:3:3: error: relation "users" already exists [42P07])");
}

TEST_F(schema_apply, error_without_position_in_a_long_file_points_at_the_failing_statement) {
  const std::string text =
      "CREATE TABLE users (id int);\n"
      "-- posts; belong to users\n"
      "CREATE TABLE posts (id int, body text DEFAULT 'a;b');\n"
      "\n"
      "/* again */ CREATE TABLE posts (id int);\n"
      "CREATE TABLE never_reached (id int);\n";
  const auto error = apply_file(conn(), "schema.sql", text);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error),
            R"(schema.sql:5:13: error: relation "posts" already exists [42P07])");
  EXPECT_EQ(error->position.byte_offset, text.find("CREATE TABLE posts (id int);"));
  // Statements before the failing one are applied; the ones after are not.
  EXPECT_EQ(PQtransactionStatus(conn()), PQTRANS_IDLE);
  EXPECT_EQ(single_value(conn(),
                         "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
                         " WHERE relname IN ('users', 'posts', 'never_reached')"),
            "posts,users");
}

TEST_F(schema_apply, file_with_its_own_transactions_keeps_committed_work) {
  const std::string text =
      "BEGIN;\nCREATE TABLE users (id int);\nCOMMIT;\n"
      "BEGIN;\nCREATE TABLE posts (id int);\n  CREATE TABLE users (id int);\nCOMMIT;\n";
  const auto error = apply_file(conn(), "tx.sql", text);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error), R"(tx.sql:6:3: error: relation "users" already exists [42P07])");
  EXPECT_EQ(PQtransactionStatus(conn()), PQTRANS_IDLE);
  EXPECT_EQ(single_value(conn(),
                         "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class"
                         " WHERE relname IN ('users', 'posts')"),
            "users");
}

TEST_F(schema_apply, new_enum_value_can_be_used_later_in_the_same_file) {
  apply(
      "CREATE TYPE mood AS ENUM ('ok');\n"
      "ALTER TYPE mood ADD VALUE 'happy';\n"
      "CREATE TABLE people (m mood NOT NULL DEFAULT 'happy');\n"
      "INSERT INTO people DEFAULT VALUES;\n");
  EXPECT_EQ(single_value(conn(), "SELECT m::text FROM people"), "happy");
}

TEST_F(schema_apply, file_of_comments_only_is_fine) {
  apply("-- nothing yet\n/* still nothing */\n");
}

TEST_F(schema_apply, chunk_inside_a_file_reports_file_positions) {
  // A statement that starts at line 7, column 5 (byte 120) of its file.
  schema_chunk chunk{"migrations/003.sql", "SELECT 1;\nCREATE TABLE x (y nosuchtype);"};
  chunk.start = {{{}, 7, 5}, 120};
  auto error = apply_schema(conn(), {chunk});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error),
            R"(migrations/003.sql:8:19: error: type "nosuchtype" does not exist [42704])");
  EXPECT_EQ(error->position.byte_offset, 120 + chunk.text.find("nosuchtype"));

  // An error on the chunk's first line continues the chunk's column.
  chunk.text = "SELECT nosuchcolumn;";
  error = apply_schema(conn(), {chunk});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error),
            R"(migrations/003.sql:7:12: error: column "nosuchcolumn" does not exist [42703])");
}

TEST_F(schema_apply, error_in_a_sql_function_body_points_into_the_body) {
  const std::string text =
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$\n"
      "  SELECT nosuch FROM pg_class\n"
      "$$;\n";
  const auto error = apply_file(conn(), "functions.sql", text);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(to_string(*error),
            R"(functions.sql:2:10: error: column "nosuch" does not exist [42703])");
}

TEST_F(schema_apply, stops_at_the_first_error_and_keeps_earlier_chunks) {
  const auto error = apply_schema(conn(), {{"a.sql", "CREATE TABLE a (id int);"},
                                           {"b.sql", "CREATE TABLE b (id nosuchtype);"},
                                           {"c.sql", "CREATE TABLE c (id int);"}});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->position.location.file, "b.sql");
  EXPECT_EQ(single_value(conn(), "SELECT count(*) FROM pg_class WHERE relname IN ('a','b','c')"),
            "1");
  EXPECT_EQ(single_value(conn(), "SELECT relname FROM pg_class WHERE relname IN ('a','b','c')"),
            "a");
}

TEST_F(schema_apply, failed_explicit_transaction_is_rolled_back_and_connection_stays_usable) {
  const auto error =
      apply_file(conn(), "tx.sql", "BEGIN;\nCREATE TABLE t (id int);\nSELECT 1/0;\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->sqlstate, "22012");
  EXPECT_EQ(PQtransactionStatus(conn()), PQTRANS_IDLE);
  EXPECT_EQ(single_value(conn(), "SELECT count(*) FROM pg_class WHERE relname = 't'"), "0");
}

TEST_F(schema_apply, search_path_set_by_the_schema_is_reset_afterwards) {
  // pg_dump output empties search_path; queries must still see `public` as the app would.
  apply(
      "SELECT pg_catalog.set_config('search_path', '', false);\n"
      "CREATE TABLE public.users (id int8 NOT NULL);\n");
  EXPECT_EQ(single_value(conn(), "SELECT count(*) FROM users"), "0");
}

TEST_F(schema_apply, unknown_extension_is_reported_with_its_sqlstate) {
  const auto error = apply_file(conn(), "ext.sql", "\n\nCREATE EXTENSION nosuch_extension;\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->sqlstate, "0A000");
  EXPECT_EQ(error->position.location.line, 3);
  EXPECT_EQ(error->position.location.column, 1);
  EXPECT_NE(error->message.find("nosuch_extension"), std::string::npos) << error->message;
}

}  // namespace
}  // namespace soong::gen::testing
