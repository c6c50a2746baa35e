#include "parse/schema_input.hpp"

#include <gtest/gtest.h>

#include "diag/render.hpp"

namespace soong::gen {
namespace {

std::vector<std::string> paths(const std::vector<schema_sql>& chosen) {
  std::vector<std::string> out;
  for (const schema_sql& s : chosen) out.push_back(s.path);
  return out;
}

TEST(schema_input, plain_files_are_applied_unchanged_in_the_given_order) {
  const std::vector<schema_sql> chosen =
      select_schema_sql({{"b.sql", "CREATE TABLE b (id int);\n"}, {"a.sql", "CREATE TABLE a();"}});
  EXPECT_EQ(paths(chosen), (std::vector<std::string>{"b.sql", "a.sql"}));
  EXPECT_EQ(chosen[0].sql, "CREATE TABLE b (id int);\n");
  EXPECT_TRUE(chosen[0].has_statements);
}

TEST(schema_input, migrations_are_sorted_and_down_files_skipped) {
  const std::vector<schema_sql> chosen = select_migration_sql({
      {"m/002_users.up.sql", "CREATE TABLE users();"},
      {"m/001_init.down.sql", "DROP SCHEMA app;"},
      {"m/001_init.up.sql", "CREATE SCHEMA app;"},
      {"m/010_late.sql", "SELECT 1;"},
      {"m/002_users.down.sql", "DROP TABLE users;"},
  });
  EXPECT_EQ(paths(chosen), (std::vector<std::string>{"m/001_init.up.sql", "m/002_users.up.sql",
                                                     "m/010_late.sql"}));
}

TEST(schema_input, goose_keeps_the_up_part_and_blanks_markers) {
  const std::string text =
      "-- +goose Up\n"
      "CREATE TABLE t (id int);\n"
      "-- +goose StatementBegin\n"
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
      "-- +goose StatementEnd\n"
      "-- +goose Down\n"
      "DROP TABLE t;\n";
  const std::vector<schema_sql> chosen = select_schema_sql({{"001.sql", text}});
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_EQ(chosen[0].sql,
            "-- +goose Up\n"
            "CREATE TABLE t (id int);\n"
            "                        \n"
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n"
            "                      \n"
            "              \n"
            "             \n");
  EXPECT_EQ(chosen[0].sql.size(), text.size());
}

TEST(schema_input, goose_sections_can_alternate_and_markers_ignore_case) {
  EXPECT_EQ(up_migration_text("-- +goose down\nDROP a;\n--+goose UP\nCREATE b;\n"),
            "              \n       \n--+goose UP\nCREATE b;\n");
}

TEST(schema_input, dbmate_keeps_the_up_part) {
  const std::string text =
      "-- migrate:up transaction:false\n"
      "CREATE INDEX CONCURRENTLY i ON t (x);\n"
      "\n"
      "-- migrate:down\n"
      "DROP INDEX i;";
  EXPECT_EQ(up_migration_text(text),
            "-- migrate:up transaction:false\n"
            "CREATE INDEX CONCURRENTLY i ON t (x);\n"
            "\n"
            "               \n"
            "             ");
}

TEST(schema_input, markers_must_be_whole_line_comments) {
  const std::string text = "SELECT '-- migrate:down';\nCREATE TABLE kept();\n";
  EXPECT_EQ(up_migration_text(text), text);
}

TEST(schema_input, down_only_files_have_no_statements) {
  const std::vector<schema_sql> chosen =
      select_schema_sql({{"x.sql", "-- migrate:up\n-- migrate:down\nDROP TABLE t;\n"}});
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_FALSE(chosen[0].has_statements);
}

TEST(schema_input, positions_map_to_the_same_place_in_the_original) {
  const std::string text =
      "-- migrate:down\nDROP é;\n-- migrate:up\nCREATE TABLE nope(x nosuchtype);";
  const schema_sql chosen = select_schema_sql({{"x.sql", text}})[0];
  // The server counts characters of what it received: the blanked "é" became two spaces.
  const std::string sent_prefix = chosen.sql.substr(0, chosen.sql.find("nosuchtype"));
  const int position = static_cast<int>(sent_prefix.size()) + 1;  // all ASCII after blanking
  EXPECT_EQ(file_offset_of_schema_position(chosen, position), text.find("nosuchtype"));
}

}  // namespace
}  // namespace soong::gen

namespace soong::gen {
namespace {

TEST(schema_input, server_errors_are_shown_in_the_original_file) {
  const source_file original("db/migrations/001.sql",
                             "-- +goose Up\nCREATE TABLE t (name text, kind nosuchtype);\n"
                             "-- +goose Down\nDROP TABLE t;\n");
  const schema_sql chosen = select_schema_sql({{original.path(), original.text()}})[0];
  const int position = static_cast<int>(chosen.sql.find("nosuchtype")) + 1;
  const diagnostic d = diagnostic_at_schema_position(original, chosen, position, severity::error,
                                                     "type \"nosuchtype\" does not exist", "42704");
  EXPECT_EQ(render(d),
            "db/migrations/001.sql:2:33: error: type \"nosuchtype\" does not exist [42704]\n"
            "    2 | CREATE TABLE t (name text, kind nosuchtype);\n"
            "      |                                 ^~~~~~~~~~\n");
}

}  // namespace
}  // namespace soong::gen
