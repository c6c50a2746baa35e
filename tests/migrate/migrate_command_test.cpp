// `soong migrate` end to end, one guarantee per test: each migration runs in one transaction
// with its ledger row, under a lock_timeout; files that cannot run in a transaction run
// statement by statement and resume; checksums ignore comments, whitespace and line endings but
// not tokens; versions are ordered as integers and checked; the production guard; adopting a
// Cruddur-style ledger; and bad input that exits 2 and changes nothing.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "embedded_server.hpp"
#include "migrate_test_support.hpp"
#include "run_soong.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::migrate_test;
using soong::testing::shell_quote;

const std::string create_users =
    "-- migrate:up\n"
    "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
    "-- migrate:down\n"
    "DROP TABLE users;\n";
const std::string add_bio =
    "-- migrate:up\n"
    "ALTER TABLE users ADD COLUMN bio text;\n"
    "-- migrate:down\n"
    "ALTER TABLE users DROP COLUMN bio;\n";
const std::string add_posts =
    "-- migrate:up\n"
    "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n"
    "-- migrate:down\n"
    "DROP TABLE posts;\n";

/// The number of lines in `text` (an error must be exactly one).
int line_count(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class migrate_command : public migrate_test {};

TEST_F(migrate_command, new_writes_a_timestamped_file_with_up_and_down_sections) {
  const command_result r = migrate("new add_bio");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string path = r.out.substr(std::string("created ").size());
  const std::string file = std::filesystem::path(path.substr(0, path.size() - 1)).filename();
  EXPECT_EQ(file.size(), std::string("20240102030405_add_bio.sql").size()) << file;
  EXPECT_TRUE(file.ends_with("_add_bio.sql")) << file;
  const std::string text = soong::testing::read_file(folder_ / "migrations" / file);
  EXPECT_NE(text.find("-- migrate:up"), std::string::npos);
  EXPECT_NE(text.find("-- migrate:down"), std::string::npos);
  // A second one in the same second still gets a newer version.
  const command_result second = migrate("new add_posts");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_LT(file.substr(0, 14), std::filesystem::path(second.out.substr(8)).filename().string());
  EXPECT_EQ(migrate("new Bad-Name").exit_code, 2);
}

TEST_F(migrate_command, up_status_down_redo) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_add_bio.sql", add_bio);

  command_result status = migrate("status");
  EXPECT_EQ(status.exit_code, 1) << status.err;
  EXPECT_EQ(status.out, "pending  20240101000000_create_users\npending  20240102000000_add_bio\n");

  const command_result dry = migrate("up --dry-run");
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out,
            "would apply 20240101000000_create_users\nwould apply 20240102000000_add_bio\n");
  EXPECT_EQ(ledger(), "");
  EXPECT_FALSE(has_relation("users"));

  const command_result up = migrate("up --to 20240101000000");
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(ledger(), "20240101000000");
  ASSERT_EQ(migrate("up").exit_code, 0);
  EXPECT_EQ(ledger(), "20240101000000,20240102000000");
  EXPECT_EQ(query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND "
                  "attname = 'bio'"),
            "1");

  status = migrate("status --format json");
  EXPECT_EQ(status.exit_code, 0) << status.err;
  const auto doc = nlohmann::json::parse(status.out);
  EXPECT_EQ(doc["pending"], 0);
  EXPECT_EQ(doc["migrations"][1]["state"], "applied");
  EXPECT_EQ(doc["migrations"][1]["name"], "add_bio");

  const command_result down = migrate("down");
  EXPECT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(down.out.rfind("rolled back 20240102000000_add_bio", 0), 0u) << down.out;
  EXPECT_EQ(ledger(), "20240101000000");
  EXPECT_EQ(query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND "
                  "attname = 'bio'"),
            "0");

  ASSERT_EQ(migrate("up").exit_code, 0);
  const command_result redo = migrate("redo");
  EXPECT_EQ(redo.exit_code, 0) << redo.err;
  EXPECT_NE(redo.out.find("rolled back 20240102000000_add_bio"), std::string::npos) << redo.out;
  EXPECT_NE(redo.out.find("applied 20240102000000_add_bio"), std::string::npos) << redo.out;
  EXPECT_EQ(ledger(), "20240101000000,20240102000000");

  EXPECT_EQ(migrate("down --to 0").exit_code, 0);
  EXPECT_EQ(ledger(), "");
  EXPECT_FALSE(has_relation("users"));
}

TEST_F(migrate_command, golang_migrate_and_goose_files_are_read) {
  write_migration("1_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  write_migration("1_create_users.down.sql", "DROP TABLE users;\n");
  write_migration("2_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
  write_migration("2_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\n");
  write_migration("3_add_posts.sql",
                  "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE posts (id int);\n"
                  "-- +goose StatementEnd\n-- +goose Down\nDROP TABLE posts;\n");
  ASSERT_EQ(migrate("up").exit_code, 0);
  EXPECT_EQ(ledger(), "1,2,3");
  EXPECT_TRUE(has_relation("posts"));
  ASSERT_EQ(migrate("down --steps 2").exit_code, 0);
  EXPECT_EQ(ledger(), "1");
  EXPECT_FALSE(has_relation("posts"));
}

TEST_F(migrate_command, a_failing_migration_leaves_no_row_and_no_partial_ddl) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_broken.sql",
                  "-- migrate:up\nCREATE TABLE audit (id int);\n"
                  "INSERT INTO audit VALUES ('not a number');\n");
  const command_result r = migrate("up");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("20240102000000_broken.sql:3:27"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("[22P02]"), std::string::npos) << r.err;
  EXPECT_EQ(ledger(), "20240101000000");  // the first one committed on its own
  EXPECT_FALSE(has_relation("audit"));    // the failing one's first statement did not stay
}

TEST_F(migrate_command, lock_timeout_applies_and_a_file_overrides_it) {
  write_migration("20240101000000_create_users.sql", create_users);
  ASSERT_EQ(migrate("up").exit_code, 0);
  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\n-- migrate:lock_timeout 300ms\n"
                  "ALTER TABLE users ADD COLUMN bio text;\n");
  // Another session holds a lock on users: the migration must give up instead of queueing
  // every query behind its ACCESS EXCLUSIVE request.
  const std::unique_ptr<PGconn, decltype(&PQfinish)> blocker(PQconnectdb(database_.c_str()),
                                                             &PQfinish);
  ASSERT_EQ(PQstatus(blocker.get()), CONNECTION_OK);
  PQclear(PQexec(blocker.get(), "BEGIN; LOCK TABLE users IN ACCESS SHARE MODE"));
  const auto start = std::chrono::steady_clock::now();
  const command_result r = migrate("up --statement-lock-timeout 30s");
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("[55P03]"), std::string::npos) << r.err;
  EXPECT_LT(took, std::chrono::seconds(10));  // the file's 300ms, not the option's 30s
  EXPECT_EQ(ledger(), "20240101000000");
  PQclear(PQexec(blocker.get(), "ROLLBACK"));
  EXPECT_EQ(migrate("up").exit_code, 0);
}

TEST_F(migrate_command, a_non_transactional_file_failing_at_statement_3_resumes) {
  write_migration("20240101000000_items.sql",
                  "-- migrate:up\n"
                  "CREATE TABLE items (id int, name text);\n"
                  "CREATE INDEX CONCURRENTLY items_id ON items (id);\n"
                  "INSERT INTO items VALUES (1, 'one', 'too many');\n"
                  "CREATE INDEX CONCURRENTLY items_name ON items (name);\n"
                  "-- migrate:down\nDROP TABLE items;\n");
  const command_result dry = migrate("up --dry-run");
  EXPECT_NE(dry.out.find("CREATE INDEX CONCURRENTLY at line 3"), std::string::npos) << dry.out;

  const command_result failed = migrate("up");
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(line_count(failed.err), 1) << failed.err;
  EXPECT_NE(failed.err.find("20240101000000_items.sql:4:"), std::string::npos) << failed.err;
  EXPECT_NE(failed.err.find("statement 3 of 4"), std::string::npos) << failed.err;
  EXPECT_TRUE(has_relation("items_id"));  // statements 1 and 2 stay applied

  const command_result status = migrate("status");
  EXPECT_EQ(status.exit_code, 1);
  EXPECT_NE(status.out.find("partial  20240101000000_items"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("stopped after statement 2 of 4"), std::string::npos) << status.out;

  const command_result refused = migrate("up");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--resume"), std::string::npos) << refused.err;

  write_migration("20240101000000_items.sql",
                  "-- migrate:up\n"
                  "CREATE TABLE items (id int, name text);\n"
                  "CREATE INDEX CONCURRENTLY items_id ON items (id);\n"
                  "INSERT INTO items VALUES (1, 'one');\n"
                  "CREATE INDEX CONCURRENTLY items_name ON items (name);\n"
                  "-- migrate:down\nDROP TABLE items;\n");
  // Resuming runs statements 3 and 4 only: running 1 again would fail (items exists).
  const command_result resumed = migrate("up --resume");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(query("SELECT count(*) FROM items"), "1");
  EXPECT_TRUE(has_relation("items_name"));
  EXPECT_EQ(migrate("status").exit_code, 0);
  EXPECT_EQ(migrate("verify").exit_code, 0);
}

TEST_F(migrate_command, a_transaction_control_statement_is_refused_before_anything_runs) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_commit.sql",
                  "-- migrate:up\nCOMMIT;\nCREATE TABLE later (id int);\n");
  const command_result r = migrate("up");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("20240102000000_commit.sql:2:1"), std::string::npos) << r.err;
  EXPECT_EQ(ledger(), "");
}

TEST_F(migrate_command, comment_whitespace_and_line_ending_edits_are_accepted_token_edits_not) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_add_bio.sql", add_bio);
  ASSERT_EQ(migrate("up").exit_code, 0);

  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\r\n-- the users' own words\r\nalter   TABLE users\r\n"
                  "  ADD COLUMN bio /* free text */ text;\r\n-- migrate:down\r\n"
                  "ALTER TABLE users DROP COLUMN bio;\r\n");
  EXPECT_EQ(migrate("verify").exit_code, 0);
  EXPECT_EQ(migrate("up").exit_code, 0);

  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN bio varchar;\n");
  const command_result verify = migrate("verify");
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("changed 20240102000000_add_bio"), std::string::npos) << verify.out;
  const command_result up = migrate("up");
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_EQ(line_count(up.err), 1) << up.err;
  EXPECT_NE(up.err.find("20240102000000_add_bio.sql:2:34: `varchar` where the applied file had "
                        "`text`"),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("repair --version 20240102000000"), std::string::npos) << up.err;
  EXPECT_TRUE(up.err.ends_with("[SOONG353]\n")) << up.err;

  const command_result repair = migrate("repair --version 20240102000000");
  EXPECT_EQ(repair.exit_code, 0) << repair.err;
  EXPECT_EQ(migrate("verify").exit_code, 0);
  EXPECT_EQ(migrate("up").exit_code, 0);
}

TEST_F(migrate_command, versions_are_integers_and_order_is_checked) {
  write_migration("9_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  write_migration("10_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
  // Mixed widths sort differently as text (10 < 9) and as numbers.
  const command_result mixed = migrate("up");
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_NE(mixed.err.find("mixed version widths"), std::string::npos) << mixed.err;
  EXPECT_NE(mixed.err.find("[SOONG352]"), std::string::npos) << mixed.err;
  remove_migration("9_create_users.up.sql");
  remove_migration("10_add_bio.up.sql");

  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240101000000_create_other.sql", create_users);
  const command_result duplicate = migrate("up");
  EXPECT_EQ(duplicate.exit_code, 2);
  EXPECT_NE(duplicate.err.find("duplicate migration version 20240101000000"), std::string::npos)
      << duplicate.err;
  remove_migration("20240101000000_create_other.sql");

  write_migration("20240103000000_add_posts.sql", add_posts);
  ASSERT_EQ(migrate("up").exit_code, 0);
  write_migration("20240102000000_add_bio.sql", add_bio);  // merged late, older than applied
  const command_result late = migrate("up");
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_NE(late.err.find("20240102000000_add_bio is older than the newest applied"),
            std::string::npos)
      << late.err;
  EXPECT_EQ(migrate("status").exit_code, 1);
  EXPECT_EQ(migrate("up --allow-out-of-order").exit_code, 0);
  EXPECT_EQ(ledger(), "20240101000000,20240102000000,20240103000000");

  remove_migration("20240103000000_add_posts.sql");
  const command_result missing = migrate("up");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("20240103000000_add_posts is applied but its file is gone"),
            std::string::npos)
      << missing.err;
  const command_result status = migrate("status");
  EXPECT_NE(status.out.find("missing  20240103000000_add_posts"), std::string::npos) << status.out;
  EXPECT_EQ(migrate("up --ignore-missing").exit_code, 0);
}

TEST_F(migrate_command, down_is_refused_on_a_production_database) {
  write_migration("20240101000000_create_users.sql", create_users);
  ASSERT_EQ(migrate("up --env production").exit_code, 0);
  const command_result refused = migrate("down");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("recorded as a production database"), std::string::npos)
      << refused.err;
  EXPECT_EQ(ledger(), "20240101000000");
  EXPECT_TRUE(has_relation("users"));
  EXPECT_EQ(migrate("redo").exit_code, 2);
  EXPECT_EQ(migrate("down --allow-production").exit_code, 0);
  EXPECT_FALSE(has_relation("users"));
}

TEST_F(migrate_command, adopt_imports_a_cruddur_schema_information_and_refuses_a_dirty_ledger) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_add_bio.sql", add_bio);
  write_migration("20240103000000_add_posts.sql", add_posts);
  // What the home-made runner left: the first two applied, the last successful run recorded.
  run("CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, bio text);"
      "CREATE TABLE schema_information (id integer UNIQUE, last_successful_run text);"
      "INSERT INTO schema_information VALUES (1, '20240102000000')");
  const command_result adopt = migrate("adopt --from cruddur");
  EXPECT_EQ(adopt.exit_code, 0) << adopt.err;
  EXPECT_EQ(adopt.out,
            "adopted 20240101000000_create_users from schema_information.last_successful_run "
            "(cruddur)\nadopted 20240102000000_add_bio from "
            "schema_information.last_successful_run (cruddur)\n");
  const command_result up = migrate("up");
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(up.out.rfind("applied 20240103000000_add_posts", 0), 0u) << up.out;
  EXPECT_EQ(migrate("adopt --from cruddur").exit_code, 2);  // the ledger is no longer empty

  const std::string other = soong::testing::fresh_database();
  soong::testing::run_sql(other,
                          "CREATE TABLE schema_migrations (version bigint, dirty boolean);"
                          "INSERT INTO schema_migrations VALUES (20240102000000, true)");
  const command_result dirty =
      soong::testing::run_soong_in(folder_.string(), "migrate adopt --from golang-migrate",
                                   "DATABASE_URL=" + shell_quote(other));
  EXPECT_EQ(dirty.exit_code, 2);
  EXPECT_NE(dirty.err.find("dirty"), std::string::npos) << dirty.err;
}

TEST_F(migrate_command, bad_input_is_one_line_exit_2_and_changes_nothing) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_malformed.sql", "-- migrate:up\nALTER TABLE users ADD COLUMN;\n");
  command_result r = migrate("up");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("20240102000000_malformed.sql:2:"), std::string::npos) << r.err;
  EXPECT_EQ(ledger(), "");  // the good first file did not run either
  EXPECT_FALSE(has_relation("users"));
  remove_migration("20240102000000_malformed.sql");

  write_migration("create_users.sql", create_users);
  r = migrate("up");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("create_users.sql: a migration file name starts with its version"),
            std::string::npos)
      << r.err;
  remove_migration("create_users.sql");

  r = migrate("up --bogus");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;

  r = migrate("up --dir no_such_folder");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("no_such_folder does not exist"), std::string::npos) << r.err;

  r = soong::testing::run_soong_in(folder_.string(), "migrate up",
                                   "DATABASE_URL='postgresql://nobody@127.0.0.1:1/none'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_EQ(ledger(), "");
}

TEST(migrate_password, a_wrong_password_is_one_line_exit_2_without_the_password) {
  soong::embedded::server_options options;
  options.listen_tcp = true;
  options.hba_lines = {"host all app 127.0.0.1/32 scram-sha-256"};
  const auto server = soong::embedded::server::start(options);
  soong::testing::run_sql(server->conninfo(), "CREATE ROLE app LOGIN PASSWORD 'right-horse'");
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("soong_migrate_pw_" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder / "migrations");
  const std::string url =
      "postgresql://app:W0ng-Battery-Staple@127.0.0.1:" + std::to_string(server->port()) +
      "/postgres";
  const command_result r = soong::testing::run_soong_in(folder.string(), "migrate status",
                                                        "DATABASE_URL=" + shell_quote(url));
  std::filesystem::remove_all(folder);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("password authentication failed"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("W0ng-Battery-Staple"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("W0ng-Battery-Staple"), std::string::npos) << r.out;
}

}  // namespace
