// The commands that run migrations on a throwaway server: `migrate check` (the folder against
// schema.sql, and up/down/up per migration), `migrate compat` (old queries on the new schema,
// new queries on the old one) and `schema dump --from-migrations` (same bytes every run, and
// a file that loads into the same catalog).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "migrate_test_support.hpp"
#include "run_soong.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::shell_quote;

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

const std::string create_users =
    "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text);\n"
    "-- migrate:down\nDROP TABLE users;\n";

class migrate_schema : public soong::testing::migrate_test {};

TEST_F(migrate_schema, check_compares_with_schema_sql_and_runs_up_down_up) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_add_email.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n"
                  "-- migrate:down\nALTER TABLE users DROP COLUMN email;\n");
  write(folder_ / "schema.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text, email text);\n");
  command_result r = migrate("check --schema schema.sql");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  write(folder_ / "schema.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text, email text,"
        " nickname text);\n");
  r = migrate("check --schema schema.sql");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("nickname"), std::string::npos) << r.out;

  // A down section that forgets an index: the catalog after down is not the one before up.
  write(folder_ / "schema.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text, email text);\n"
        "CREATE INDEX users_email ON users (email);\n");
  write_migration("20240103000000_index_email.sql",
                  "-- migrate:up\nCREATE INDEX users_email ON users (email);\n"
                  "-- migrate:down\nSELECT 1;\n");
  r = migrate("check --schema schema.sql");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("20240103000000_index_email: down does not restore the catalog: "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("users_email"), std::string::npos) << r.out;
}

TEST_F(migrate_schema, compat_reports_queries_that_break_while_both_releases_run) {
  // The previous release: users with bio, and a query reading it.
  const std::filesystem::path previous = folder_ / "previous";
  write(previous / "migrations" / "20240101000000_create_users.sql", create_users);
  write(previous / "queries" / "users.sql",
        "-- name: GetBio :one\nSELECT bio FROM users WHERE id = @id;\n");
  // This release drops bio and adds a nickname it reads.
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_replace_bio.sql",
                  "-- migrate:up\nALTER TABLE users DROP COLUMN bio;\n"
                  "ALTER TABLE users ADD COLUMN nickname text;\n");
  write(folder_ / "queries" / "users.sql",
        "-- name: GetName :one\nSELECT name FROM users WHERE id = @id;\n\n"
        "-- name: GetNickname :one\nSELECT nickname FROM users WHERE id = @id;\n");

  const command_result r = migrate("compat --previous previous --queries queries");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("GetBio previous/queries/users.sql:2: previous release's query fails "
                       "after the 1 new migrations: column \"bio\" does not exist [42703]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("GetNickname queries/users.sql:5: this release's query fails before the "
                       "new migrations: column \"nickname\" does not exist [42703]"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("GetName"), std::string::npos) << r.out;

  // Additive changes only: compatible.
  write_migration("20240102000000_replace_bio.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN nickname text;\n");
  write(folder_ / "queries" / "users.sql",
        "-- name: GetName :one\nSELECT name FROM users WHERE id = @id;\n");
  const command_result ok = migrate("compat --previous previous --queries queries");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
}

TEST_F(migrate_schema, schema_dump_is_reproducible_and_loads_into_the_same_catalog) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_index_and_view.sql",
                  "-- migrate:up\nCREATE INDEX users_name ON users (name);\n"
                  "CREATE TYPE mood AS ENUM ('ok', 'meh');\n"
                  "CREATE VIEW named AS SELECT id, name FROM users;\n");
  const auto dump = [&](const std::string& out) {
    return soong::testing::run_soong_in(folder_.string(),
                                        "schema dump --from-migrations migrations -o " + out);
  };
  const command_result a = dump("a.sql");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  const command_result b = dump("b.sql");
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const std::string text = soong::testing::read_file(folder_ / "a.sql");
  EXPECT_EQ(text, soong::testing::read_file(folder_ / "b.sql"));
  EXPECT_NE(text.find("CREATE TABLE public.users"), std::string::npos) << text;
  EXPECT_EQ(text.find("schema_migrations"), std::string::npos) << text;
  EXPECT_EQ(text.find("\nSET "), std::string::npos) << text;
  EXPECT_EQ(text.find("\\restrict"), std::string::npos) << text;

  // The dump loads, and builds what the migrations build.
  ASSERT_EQ(migrate("up").exit_code, 0);
  const std::string loaded = soong::testing::fresh_database();
  soong::testing::run_sql(loaded, text);
  const command_result drift = soong::testing::run_soong_in(
      folder_.string(), "drift --schema a.sql --database-url " + shell_quote(database_) +
                            " --scratch-url " + shell_quote(soong::testing::conninfo()));
  EXPECT_EQ(drift.exit_code, 0) << drift.out << drift.err;
}

}  // namespace
