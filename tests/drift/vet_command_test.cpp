// `soong vet` end to end: the Cruddur queries (sql/activities, sql/users) were generated for
// sql/schema.sql; the live database is changed one way at a time and vet must report exactly
// the queries (and the CRUD tables) the change breaks, at their file:line:col.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "run_soong.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::fresh_database;
using soong::testing::read_file;
using soong::testing::run_soong;
using soong::testing::run_sql;
using soong::testing::shell_quote;

/// Typing results are cached here, so only the first vet of the run starts a server.
std::string cache_dir() {
  static const std::string dir = [] {
    const auto path = std::filesystem::temp_directory_path() /
                      ("soong_vet_test_cache_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path.string();
  }();
  return dir;
}

std::string cruddur_with(const std::string& change) {
  const std::string db = fresh_database();
  run_sql(db, read_file(std::string(SOONG_SOURCE_DIR) + "/sql/schema.sql"));
  if (!change.empty()) run_sql(db, change);
  return db;
}

command_result vet(const std::string& db) {
  return run_soong(
      "vet --schema sql/schema.sql --queries sql/activities --queries sql/users "
      "--database-url " +
      shell_quote(db) + " --cache-dir " + shell_quote(cache_dir()));
}

class vet_command : public ::testing::Test {
 protected:
  static void TearDownTestSuite() { std::filesystem::remove_all(cache_dir()); }
};

TEST_F(vet_command, unchanged_database_passes) {
  const command_result r = vet(cruddur_with(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(vet_command, column_type_change_reports_only_the_query_reading_it) {
  // likes_count is read by HomeActivities and by no other query.
  const command_result r =
      vet(cruddur_with("ALTER TABLE public.activities ALTER COLUMN likes_count TYPE bigint"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "sql/activities/home.sql:3:1: error: HomeActivities: column \"likes_count\": type "
            "int4 when generated, int8 in the database\n");
}

TEST_F(vet_command, column_type_change_reports_readers_and_writers) {
  // created_at is read by three queries and written by ImportActivities' parameter $4.
  const command_result r =
      vet(cruddur_with("ALTER TABLE public.activities ALTER COLUMN created_at TYPE timestamptz"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "sql/activities/home.sql:3:1: error: HomeActivities: column \"created_at\": type "
            "timestamp when generated, timestamptz in the database\n"
            "sql/activities/maintenance.sql:8:1: error: ImportActivities: parameter $4 "
            "(created_at): type timestamp when generated, timestamptz in the database\n"
            "sql/activities/object.sql:3:1: error: ActivityObject: column \"created_at\": type "
            "timestamp when generated, timestamptz in the database\n"
            "sql/activities/user_activities.sql:3:1: error: UserActivities: column "
            "\"created_at\": type timestamp when generated, timestamptz in the database\n");
}

TEST_F(vet_command, dropped_column_makes_queries_fail_to_prepare) {
  const command_result r = vet(cruddur_with("ALTER TABLE public.users DROP COLUMN bio"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "sql/users/find.sql:2:43: error: FindUserByCognitoId: no longer prepares: column "
            "\"bio\" does not exist [42703]\n"
            "sql/users/find.sql:8:15: error: CRUD public.users: column \"bio\": gone from the "
            "database\n");
}

TEST_F(vet_command, column_made_nullable_is_reported_where_it_was_non_null) {
  // HomeActivities reads display_name through a LEFT JOIN: already optional there.
  const command_result r =
      vet(cruddur_with("ALTER TABLE public.users ALTER COLUMN display_name DROP NOT NULL"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "sql/activities/object.sql:3:1: error: ActivityObject: column \"display_name\": NOT "
            "NULL when generated, nullable in the database\n"
            "sql/activities/user_activities.sql:3:1: error: UserActivities: column "
            "\"display_name\": NOT NULL when generated, nullable in the database\n"
            "sql/users/find.sql:2:1: error: FindUserByCognitoId: column \"display_name\": NOT "
            "NULL when generated, nullable in the database\n"
            "sql/users/find.sql:8:15: error: CRUD public.users: column \"display_name\": NOT "
            "NULL when generated, nullable in the database\n");
}

TEST_F(vet_command, crud_tables_are_checked_against_the_live_columns) {
  // users gets CRUD functions from its `-- soong:crud` line in sql/users/find.sql, activities
  // from --crud; no query of sql/users reads activities.
  const auto vet_crud = [](const std::string& db) {
    return run_soong(
        "vet --schema sql/schema.sql --queries sql/users --crud activities "
        "--database-url " +
        shell_quote(db) + " --cache-dir " + shell_quote(cache_dir()));
  };
  const command_result unchanged = vet_crud(cruddur_with(""));
  EXPECT_EQ(unchanged.exit_code, 0) << unchanged.out << unchanged.err;
  EXPECT_EQ(unchanged.out, "");

  const command_result r = vet_crud(
      cruddur_with("ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL,"
                   " ALTER COLUMN created_at TYPE timestamptz, ADD COLUMN tier integer NOT NULL,"
                   " ADD COLUMN note text;"
                   "ALTER TABLE public.activities DROP COLUMN likes_count"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out,
            "sql/users/find.sql:2:1: error: FindUserByCognitoId: column \"email\": NOT NULL "
            "when generated, nullable in the database\n"
            "sql/users/find.sql:2:1: error: FindUserByCognitoId: column \"created_at\": type "
            "timestamp when generated, timestamptz in the database\n"
            "--crud: error: CRUD public.activities: column \"likes_count\": gone from the "
            "database\n"
            "sql/users/find.sql:8:15: error: CRUD public.users: column \"email\": NOT NULL when "
            "generated, nullable in the database\n"
            "sql/users/find.sql:8:15: error: CRUD public.users: column \"created_at\": type "
            "timestamp when generated, timestamptz in the database\n"
            "sql/users/find.sql:8:15: error: CRUD public.users: column \"tier\": new NOT NULL "
            "column without a default, which the generated insert cannot give a value\n");
}

TEST_F(vet_command, unreachable_database_is_an_error) {
  const command_result r = vet("host=/nonexistent-soong-socket-dir dbname=x connect_timeout=2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("soong vet: cannot connect to --database-url: "), std::string::npos)
      << r.err;
}

}  // namespace
