// `soong migrate adopt` from the ledgers other tools keep, each in the table shape and with the
// file naming that tool uses: dbmate's `schema_migrations(version)` with `-- migrate:up/down`
// files, goose's append-only `goose_db_version` with `-- +goose Up/Down` files, sqlx's
// `_sqlx_migrations` with `<version>_<desc>.sql` and `.up.sql`/`.down.sql` files. After adopting,
// `status` shows exactly the tool's applied versions as applied, and `up` applies only the rest.
#include <gtest/gtest.h>

#include <string>

#include "migrate_test_support.hpp"
#include "run_soong.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::migrate_test;

class migrate_adopt : public migrate_test {
 protected:
  /// `status` after adopting two of three migrations: the first two applied, the third pending.
  void expect_two_applied_one_pending(const std::string& first, const std::string& second,
                                      const std::string& third) const {
    const command_result status = migrate("status");
    EXPECT_EQ(status.exit_code, 1) << status.err;
    EXPECT_EQ(status.out.find("applied  " + first), 0u) << status.out;
    EXPECT_NE(status.out.find("\napplied  " + second), std::string::npos) << status.out;
    EXPECT_NE(status.out.find("\npending  " + third + "\n"), std::string::npos) << status.out;
  }

  /// `up` applies only the third; `status` is clean afterwards.
  void expect_up_applies_only(const std::string& third) const {
    const command_result up = migrate("up");
    EXPECT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(up.out.rfind("applied " + third + " in ", 0), 0u) << up.out;
    EXPECT_EQ(up.out.find('\n'), up.out.size() - 1) << up.out;  // one line: only the third
    const command_result status = migrate("status");
    EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  }
};

TEST_F(migrate_adopt, dbmate_schema_migrations_with_varchar_versions) {
  write_migration("20240101000000_create_users.sql",
                  "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
                  "-- migrate:down\nDROP TABLE users;\n");
  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n"
                  "-- migrate:down\nALTER TABLE users DROP COLUMN bio;\n");
  write_migration("20240103000000_add_posts.sql",
                  "-- migrate:up\nCREATE TABLE posts (id bigint PRIMARY KEY);\n"
                  "-- migrate:down\nDROP TABLE posts;\n");
  // dbmate's table: one varchar row per applied version.
  run("CREATE TABLE users (id bigint PRIMARY KEY, bio text);"
      "CREATE TABLE schema_migrations (version character varying(128) NOT NULL PRIMARY KEY);"
      "INSERT INTO schema_migrations VALUES ('20240101000000'), ('20240102000000')");

  // golang-migrate keeps a dirty flag; dbmate's table has none, and the message says which.
  const command_result wrong_tool = migrate("adopt --from golang-migrate");
  EXPECT_EQ(wrong_tool.exit_code, 2);
  EXPECT_NE(wrong_tool.err.find("--from dbmate"), std::string::npos) << wrong_tool.err;
  EXPECT_EQ(ledger(), "");

  const command_result adopt = migrate("adopt --from dbmate");
  EXPECT_EQ(adopt.exit_code, 0) << adopt.err;
  EXPECT_EQ(adopt.out,
            "adopted 20240101000000_create_users from schema_migrations (dbmate)\n"
            "adopted 20240102000000_add_bio from schema_migrations (dbmate)\n");
  EXPECT_EQ(ledger(), "20240101000000,20240102000000");
  expect_two_applied_one_pending("20240101000000_create_users", "20240102000000_add_bio",
                                 "20240103000000_add_posts");
  expect_up_applies_only("20240103000000_add_posts");
  EXPECT_TRUE(has_relation("posts"));
  // The adopted migrations roll back with their down sections.
  EXPECT_EQ(migrate("down --steps 2").exit_code, 0);
  EXPECT_EQ(query("SELECT count(*) FROM pg_attribute WHERE attrelid = 'users'::regclass AND "
                  "attname = 'bio'"),
            "0");
}

TEST_F(migrate_adopt, dbmate_version_missing_from_the_folder_is_an_error_unless_ignored) {
  write_migration("20240101000000_create_users.sql",
                  "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
  run("CREATE TABLE users (id bigint PRIMARY KEY);"
      "CREATE TABLE schema_migrations (version character varying(128) NOT NULL PRIMARY KEY);"
      "INSERT INTO schema_migrations VALUES ('20240101000000'), ('20231231000000')");
  const command_result refused = migrate("adopt --from dbmate");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("records version 20231231000000"), std::string::npos) << refused.err;
  EXPECT_EQ(ledger(), "");
  EXPECT_EQ(migrate("adopt --from dbmate --ignore-missing").exit_code, 0);
  EXPECT_EQ(ledger(), "20240101000000");
}

TEST_F(migrate_adopt, goose_db_version_newest_row_per_version_decides) {
  write_migration("00001_create_users.sql",
                  "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n"
                  "-- +goose Down\nDROP TABLE users;\n");
  write_migration("00002_add_bio.sql",
                  "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE users ADD COLUMN bio "
                  "text;\n-- +goose StatementEnd\n-- +goose Down\nALTER TABLE users DROP COLUMN "
                  "bio;\n");
  write_migration("00003_add_posts.sql",
                  "-- +goose Up\nCREATE TABLE posts (id bigint PRIMARY KEY);\n"
                  "-- +goose Down\nDROP TABLE posts;\n");
  // goose's table: a row per up and per down (older goose records a down as is_applied =
  // false), and version 0 for its own initial row. 3 went up and came down again.
  run("CREATE TABLE users (id bigint PRIMARY KEY, bio text);"
      "CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL,"
      " is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());"
      "INSERT INTO goose_db_version (version_id, is_applied) VALUES"
      " (0, true), (1, true), (2, true), (3, true), (3, false)");

  const command_result adopt = migrate("adopt --from goose");
  EXPECT_EQ(adopt.exit_code, 0) << adopt.err;
  EXPECT_EQ(adopt.out,
            "adopted 00001_create_users from goose_db_version (goose)\n"
            "adopted 00002_add_bio from goose_db_version (goose)\n");
  EXPECT_EQ(ledger(), "1,2");
  expect_two_applied_one_pending("00001_create_users", "00002_add_bio", "00003_add_posts");
  expect_up_applies_only("00003_add_posts");
  EXPECT_TRUE(has_relation("posts"));
}

TEST_F(migrate_adopt, goose_without_its_table_is_an_error) {
  write_migration("00001_create_users.sql",
                  "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
  const command_result r = migrate("adopt --from goose");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no goose_db_version table"), std::string::npos) << r.err;
  EXPECT_EQ(ledger(), "");
}

TEST_F(migrate_adopt, sqlx_simple_and_reversible_files) {
  // sqlx: a simple migration is `<version>_<description>.sql` (up only); a reversible one is an
  // `.up.sql` / `.down.sql` pair.
  write_migration("20240101000000_create_users.sql",
                  "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  write_migration("20240102000000_add_bio.up.sql", "ALTER TABLE users ADD COLUMN bio text;\n");
  write_migration("20240102000000_add_bio.down.sql", "ALTER TABLE users DROP COLUMN bio;\n");
  write_migration("20240103000000_add_posts.up.sql", "CREATE TABLE posts (id bigint);\n");
  write_migration("20240103000000_add_posts.down.sql", "DROP TABLE posts;\n");
  run("CREATE TABLE users (id bigint PRIMARY KEY, bio text);"
      "CREATE TABLE _sqlx_migrations (version bigint PRIMARY KEY, description text NOT NULL,"
      " installed_on timestamptz NOT NULL DEFAULT now(), success boolean NOT NULL,"
      " checksum bytea NOT NULL, execution_time bigint NOT NULL);"
      "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
      " VALUES (20240101000000, 'create users', true, sha384('a'::bytea), 1200000),"
      "        (20240102000000, 'add bio', true, sha384('b'::bytea), 900000)");

  const command_result adopt = migrate("adopt --from sqlx");
  EXPECT_EQ(adopt.exit_code, 0) << adopt.err;
  EXPECT_EQ(adopt.out,
            "adopted 20240101000000_create_users from _sqlx_migrations (sqlx)\n"
            "adopted 20240102000000_add_bio from _sqlx_migrations (sqlx)\n");
  expect_two_applied_one_pending("20240101000000_create_users", "20240102000000_add_bio",
                                 "20240103000000_add_posts");
  expect_up_applies_only("20240103000000_add_posts");
  // The reversible ones roll back through their .down.sql files.
  EXPECT_EQ(migrate("down --steps 2").exit_code, 0);
  EXPECT_FALSE(has_relation("posts"));
  EXPECT_EQ(ledger(), "20240101000000");
  // The simple one has no down part.
  const command_result no_down = migrate("down");
  EXPECT_EQ(no_down.exit_code, 2);
  EXPECT_NE(no_down.err.find("has no down section"), std::string::npos) << no_down.err;
}

TEST_F(migrate_adopt, sqlx_failed_row_is_refused) {
  write_migration("20240101000000_create_users.sql",
                  "CREATE TABLE users (id bigint PRIMARY KEY);\n");
  run("CREATE TABLE _sqlx_migrations (version bigint PRIMARY KEY, description text NOT NULL,"
      " installed_on timestamptz NOT NULL DEFAULT now(), success boolean NOT NULL,"
      " checksum bytea NOT NULL, execution_time bigint NOT NULL);"
      "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
      " VALUES (20240101000000, 'create users', false, sha384('a'::bytea), 1)");
  const command_result r = migrate("adopt --from sqlx");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("migration 20240101000000 is recorded as failed"), std::string::npos)
      << r.err;
  EXPECT_EQ(ledger(), "");
}

}  // namespace
