// `soong db schema-load / seed / setup / reset`, run as the real executable against the test
// cluster: all or nothing, file:line:col at the first error.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "db_test_support.hpp"

namespace {

using namespace soong::testing;
using namespace soong::testing::db;

const std::string users_schema =
    "CREATE TABLE users (\n"
    "  id int PRIMARY KEY,\n"
    "  name text NOT NULL\n"
    ");\n";

std::string table_count(const std::string& database) {
  return query_value(database,
                     "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
                     "'information_schema')");
}

TEST(db_schema_load, loads_the_schema_and_reports_one_line_per_action) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write("schema.sql", users_schema);
  const command_result loaded =
      soong_db_on(name, "schema-load --format json --schema " + shell_quote(schema));
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  std::istringstream lines(loaded.out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const auto object = nlohmann::json::parse(line);
    EXPECT_EQ(object.at("action"), "schema-load");
    EXPECT_EQ(object.at("database"), name);
    ++count;
  }
  EXPECT_EQ(count, 2) << loaded.out;  // loaded, environment recorded
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.users') IS NOT NULL"), "t");
  EXPECT_EQ(query_value(name, "SELECT name FROM soong.environment"), "development");
}

TEST(db_schema_load, an_error_on_line_n_points_there_and_changes_nothing) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write("db/schema.sql", users_schema +
                                                                "CREATE TABLE posts (\n"
                                                                "  id int PRIMARY KEY,\n"
                                                                "  author_id int,\n"
                                                                "  body nosuchtype\n"
                                                                ");\n");
  // Run from the project folder: the diagnostic shows the path as the user wrote it.
  const command_result failed = soong_db_on(name, "schema-load", {}, project.path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("db/schema.sql:8:8: error: type \"nosuchtype\" does not exist"),
            std::string::npos)
      << failed.err;
  EXPECT_NE(failed.err.find("  body nosuchtype"), std::string::npos) << failed.err;
  // users (line 1) was created in the same transaction: rolled back, as is the record.
  EXPECT_EQ(table_count(name), "0");
  EXPECT_EQ(query_value(name, "SELECT to_regnamespace('soong') IS NULL"), "t");
}

TEST(db_schema_load, an_error_without_a_position_points_at_its_statement) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write(
      "schema.sql", users_schema + "-- posts\nCREATE TABLE posts (author int REFERENCES userz);\n");
  const command_result failed = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("schema.sql:6:1: error: relation \"userz\" does not exist"),
            std::string::npos)
      << failed.err;
  EXPECT_EQ(table_count(name), "0");
}

TEST(db_schema_load, a_syntax_error_points_at_its_column) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema =
      project.write("schema.sql", users_schema + "\nCREATE TABLE t (id int,, x int);\n");
  const command_result failed = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("schema.sql:6:24: error: syntax error"), std::string::npos)
      << failed.err;
  EXPECT_EQ(table_count(name), "0");
}

TEST(db_schema_load, a_files_own_commit_does_not_split_the_transaction) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write(
      "schema.sql", "BEGIN;\n" + users_schema + "COMMIT;\nCREATE TABLE broken (x nosuchtype);\n");
  const command_result failed = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("schema.sql:7:"), std::string::npos) << failed.err;
  EXPECT_EQ(table_count(name), "0");
}

TEST(db_schema_load, refuses_a_database_that_has_tables_unless_replace) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), "CREATE TABLE old_table (id int); INSERT INTO old_table VALUES (1)");
  const project_folder project;
  const std::string schema = project.write("schema.sql", users_schema);
  const command_result refused = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("already has tables (public.old_table)"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--replace"), std::string::npos) << refused.err;
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM old_table"), "1");
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.users') IS NULL"), "t");

  const command_result replaced =
      soong_db_on(name, "schema-load --replace --schema " + shell_quote(schema));
  EXPECT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(replaced.err, "");  // no server NOTICEs (drop cascades to ...)
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.old_table') IS NULL"), "t");
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.users') IS NOT NULL"), "t");
  // public is back with its privileges: every role may use it, as before.
  EXPECT_EQ(query_value(name, "SELECT has_schema_privilege('public', 'public', 'USAGE')"), "t");
}

TEST(db_schema_load, a_failed_replace_keeps_the_old_tables) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), "CREATE TABLE old_table (id int); INSERT INTO old_table VALUES (1)");
  const project_folder project;
  const std::string schema = project.write("schema.sql", "CREATE TABLE t (x nosuchtype);\n");
  const command_result failed =
      soong_db_on(name, "schema-load --replace --schema " + shell_quote(schema));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM old_table"), "1");
}

TEST(db_schema_load, bookkeeping_tables_do_not_count_as_tables) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), "CREATE SCHEMA soong; CREATE TABLE soong.other_bookkeeping (id int)");
  const project_folder project;
  const std::string schema = project.write("schema.sql", users_schema);
  const command_result loaded = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(loaded.exit_code, 0) << loaded.err;
}

TEST(db_schema_load, tables_of_extensions_do_not_count_as_tables) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), "CREATE EXTENSION pg_stat_statements");  // a view in public
  const project_folder project;
  const std::string schema = project.write("schema.sql", users_schema);
  const command_result loaded = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(loaded.exit_code, 0) << loaded.err;
}

TEST(db_schema_load, a_files_rollback_is_an_error_at_its_line) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const std::string schema = project.write("schema.sql", "BEGIN;\n" + users_schema + "ROLLBACK;\n");
  const command_result failed = soong_db_on(name, "schema-load --schema " + shell_quote(schema));
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("schema.sql:6:1: error: this file is loaded in one transaction, which "
                            "ROLLBACK would end; remove it [SOONG110]"),
            std::string::npos)
      << failed.err;
  EXPECT_EQ(table_count(name), "0");
}

TEST(db_schema_load, loads_the_up_parts_of_a_migrations_folder_in_order) {
  const std::string name = fresh_database_name();
  const project_folder project;
  project.write("migrations/20240101_users.sql",
                "-- migrate:up\n" + users_schema + "-- migrate:down\nDROP TABLE users;\n");
  project.write("migrations/20240102_posts.sql",
                "-- migrate:up\nCREATE TABLE posts (id int, author int REFERENCES users);\n"
                "-- migrate:down\nDROP TABLE posts;\n");
  const command_result loaded =
      soong_db_on(name, "schema-load --schema " + shell_quote(project.path() + "/migrations"));
  EXPECT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.posts') IS NOT NULL"), "t");
}

TEST(db_schema_load, a_missing_schema_file_is_an_error_before_anything_changes) {
  const std::string name = fresh_database_name();
  const command_result failed = soong_db_on(name, "schema-load --schema /nonexistent/schema.sql");
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(failed.err,
            "soong db schema-load: error: no such schema file or folder: "
            "/nonexistent/schema.sql\n");
  EXPECT_EQ(query_value(name, "SELECT to_regnamespace('soong') IS NULL"), "t");
}

TEST(db_seed, runs_the_seed_file_in_one_transaction) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), users_schema);
  const project_folder project;
  project.write("db/seed.sql",
                "INSERT INTO users VALUES (1, 'ann');\n"
                "BEGIN;\n"
                "INSERT INTO users VALUES (2, 'bob');\n"
                "COMMIT;\n"
                "INSERT INTO users VALUES (1, 'duplicate');\n");
  const command_result failed = soong_db_on(name, "seed", {}, project.path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("db/seed.sql:5:1: error: duplicate key value"), std::string::npos)
      << failed.err;
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM users"), "0");

  project.write("db/seed.sql", "INSERT INTO users VALUES (1, 'ann'), (2, 'bob');\n");
  const command_result seeded = soong_db_on(name, "seed", {}, project.path());
  EXPECT_EQ(seeded.exit_code, 0) << seeded.err;
  EXPECT_EQ(seeded.out, "seeded database \"" + name + "\" from db/seed.sql (1 statement)\n");
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM users"), "2");
}

TEST(db_seed, without_a_seed_file_it_says_where_it_looked) {
  const std::string name = fresh_database_name();
  const project_folder project;
  const command_result failed = soong_db_on(name, "seed", {}, project.path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("db/seed.sql, sql/seed.sql"), std::string::npos) << failed.err;
}

TEST(db_setup, creates_loads_and_seeds) {
  const std::string name = unique_name("setup");
  const project_folder project;
  project.write("db/schema.sql", users_schema);
  project.write("db/seed.sql", "INSERT INTO users VALUES (1, 'ann');\n");
  const command_result done = soong_db_on(name, "setup", {}, project.path());
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(done.out, "created database \"" + name + "\"\n" +
                          "loaded db/schema.sql into database \"" + name + "\" (1 statement)\n" +
                          "recorded database \"" + name + "\" as environment \"development\"\n" +
                          "seeded database \"" + name + "\" from db/seed.sql (1 statement)\n");
  EXPECT_EQ(query_value(name, "SELECT name FROM users"), "ann");
}

TEST(db_setup, reads_every_file_before_creating_the_database) {
  const std::string name = unique_name("setup_missing");
  const project_folder project;
  project.write("db/schema.sql", users_schema);
  const command_result failed = soong_db_on(name, "setup --seed missing.sql", {}, project.path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.err.find("cannot read seed file missing.sql"), std::string::npos) << failed.err;
  EXPECT_FALSE(database_exists(name));
}

TEST(db_reset, drops_with_open_sessions_and_sets_up_again) {
  const std::string name = unique_name("reset");
  const project_folder project;
  project.write("db/schema.sql", users_schema);
  project.write("db/seed.sql", "INSERT INTO users VALUES (1, 'ann');\n");
  ASSERT_EQ(soong_db_on(name, "setup", {}, project.path()).exit_code, 0);
  run_sql(conninfo(name), "INSERT INTO users VALUES (2, 'added later')");
  const open_session holder(name, "holder_app");
  const command_result reset = soong_db_on(name, "reset", {}, project.path());
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_EQ(reset.out.rfind("dropped database \"" + name + "\"\n", 0), 0U) << reset.out;
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM users"), "1");
  EXPECT_FALSE(holder.alive());
}

TEST(db_reset, a_missing_schema_keeps_the_database) {
  const std::string name = fresh_database_name();
  run_sql(conninfo(name), "CREATE TABLE precious (id int)");
  const project_folder project;
  const command_result failed = soong_db_on(name, "reset --schema nothing.sql", {}, project.path());
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_TRUE(database_exists(name));
  EXPECT_EQ(query_value(name, "SELECT to_regclass('public.precious') IS NOT NULL"), "t");
}

}  // namespace

namespace soong::testing::db {
namespace {

// The executable's soong db and soong migrate share one ledger: setup applies a migrations
// folder through the runner, and seed refuses while the runner has something pending.
TEST(db_with_runner, setup_migrates_and_seed_waits_for_pending_migrations) {
  const std::string name = unique_name("with_runner");
  const project_folder project;
  project.write(
      "migrations/20240101000000_users.sql",
      "-- migrate:up\nCREATE TABLE users (id int);\n-- migrate:down\nDROP TABLE users;\n");
  project.write("seed.sql", "INSERT INTO users VALUES (1);\n");
  const std::string url = " --database-url " + shell_quote(conninfo(name));
  const command_result setup =
      soong_db("setup --schema migrations --seed seed.sql" + url, {}, project.path());
  ASSERT_EQ(setup.exit_code, 0) << setup.err;
  EXPECT_NE(setup.out.find("applied 20240101000000_users"), std::string::npos) << setup.out;
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM soong.schema_migrations"), "1");

  project.write("migrations/20240102000000_bio.sql",
                "-- migrate:up\nALTER TABLE users ADD bio text;\n"
                "-- migrate:down\nALTER TABLE users DROP bio;\n");
  const command_result refused = soong_db("seed --file seed.sql" + url, {}, project.path());
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("1 pending migration (first: 20240102000000_bio)"), std::string::npos)
      << refused.err;
  EXPECT_EQ(query_value(name, "SELECT count(*) FROM users"), "1");
}

}  // namespace
}  // namespace soong::testing::db
