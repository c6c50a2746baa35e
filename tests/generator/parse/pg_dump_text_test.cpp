#include "parse/pg_dump_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "parse/created_extensions.hpp"
#include "parse/schema_input.hpp"

namespace soong::gen {
namespace {

std::string blanked(std::string sql) {
  blank_pg_dump_noise(sql);
  return sql;
}

TEST(pg_dump_text, meta_commands_owners_and_public_schema_become_spaces_of_the_same_length) {
  const std::string dump =
      "\\restrict AbC123\n"
      "SET transaction_timeout = 0;\n"
      "SELECT pg_catalog.set_config('search_path', '', false);\n"
      "CREATE SCHEMA public;\n"
      "ALTER SCHEMA public OWNER TO pg_database_owner;\n"
      "COMMENT ON EXTENSION citext IS 'case-insensitive';\n"
      "CREATE TABLE public.t (id int);\n"
      "ALTER TABLE public.t OWNER TO \"Some Role\";\n"
      "\\unrestrict AbC123\n";
  const std::string out = blanked(dump);
  ASSERT_EQ(out.size(), dump.size());
  const auto spaces = [](std::string_view line) { return std::string(line.size(), ' ') + "\n"; };
  EXPECT_EQ(out, spaces("\\restrict AbC123") + spaces("SET transaction_timeout = 0;") +
                     "SELECT pg_catalog.set_config('search_path', '', false);\n" +
                     spaces("CREATE SCHEMA public;") +
                     spaces("ALTER SCHEMA public OWNER TO pg_database_owner;") +
                     spaces("COMMENT ON EXTENSION citext IS 'case-insensitive';") +
                     "CREATE TABLE public.t (id int);\n" +
                     spaces("ALTER TABLE public.t OWNER TO \"Some Role\";") +
                     spaces("\\unrestrict AbC123"));
}

TEST(pg_dump_text, keeps_what_only_looks_similar) {
  const std::string sql =
      "CREATE SCHEMA app;\n"
      "ALTER TABLE t ADD COLUMN owner text;\n"
      "COMMENT ON TABLE t IS 'OWNER TO x';\n"
      "SET search_path = '';\n";
  const std::string out = blanked(sql);
  EXPECT_NE(out.find("CREATE SCHEMA app;"), std::string::npos);
  EXPECT_NE(out.find("ADD COLUMN owner text;"), std::string::npos);
  EXPECT_NE(out.find("COMMENT ON TABLE t IS 'OWNER TO x';"), std::string::npos);
  EXPECT_NE(out.find("SET search_path = '';"), std::string::npos);
}

TEST(pg_dump_text, schema_files_are_read_through_it) {
  const auto selected = select_schema_sql({{"dump.sql", "\\restrict k\nCREATE SCHEMA public;\n"}});
  ASSERT_EQ(selected.size(), 1u);
  EXPECT_FALSE(selected[0].has_statements);
}

TEST(created_extensions, names_and_positions) {
  const auto found = find_created_extensions(
      "CREATE TABLE t (id int);\n"
      "CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;\n"
      "create extension \"Odd\";\n"
      "CREATE EXTENSION PostGIS;\n");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].name, "vector");
  EXPECT_EQ(found[0].offset, 25u + 31u);
  EXPECT_EQ(found[0].length, 6u);
  EXPECT_EQ(found[1].name, "Odd");
  EXPECT_EQ(found[1].length, 5u);
  EXPECT_EQ(found[2].name, "postgis");
}

}  // namespace
}  // namespace soong::gen
