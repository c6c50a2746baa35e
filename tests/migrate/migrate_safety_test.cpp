// `soong migrate` refusing what it cannot do safely, end to end: a file that must run without a
// transaction under `--lock-mode transaction` (whose lock lives in a transaction); `up --resume`
// after the statements that already ran were edited; an edit to the down part of an applied
// migration (down parts are checksummed too, and a ledger from before that still verifies).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "migrate_test_support.hpp"
#include "run_soong.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::migrate_test;

int line_count(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

const std::string create_users =
    "-- migrate:up\n"
    "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
    "-- migrate:down\n"
    "DROP TABLE users;\n";

class migrate_safety : public migrate_test {};

TEST_F(migrate_safety, a_file_without_a_transaction_is_refused_under_transaction_locks) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_index_names.sql",
                  "-- migrate:up\n"
                  "-- built without blocking writes\n"
                  "CREATE INDEX CONCURRENTLY users_name ON users (name);\n"
                  "-- migrate:down\n"
                  "DROP INDEX CONCURRENTLY users_name;\n");
  const command_result up = migrate("up --lock-mode transaction");
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_EQ(line_count(up.err), 1) << up.err;
  EXPECT_NE(up.err.find("20240102000000_index_names.sql:3:1: migration "
                        "20240102000000_index_names must run without a transaction (CREATE INDEX "
                        "CONCURRENTLY at line 3)"),
            std::string::npos)
      << up.err;
  EXPECT_NE(up.err.find("apply it with --lock-mode session"), std::string::npos) << up.err;
  EXPECT_TRUE(up.err.ends_with("[SOONG358]\n")) << up.err;
  EXPECT_EQ(ledger(), "");  // checked before anything ran: the first file did not run either
  EXPECT_FALSE(has_relation("users"));

  // A file marked no-transaction is refused the same way, naming the marker.
  write_migration("20240103000000_vacuum.sql",
                  "-- migrate:up\n-- migrate:no-transaction\nSELECT 1;\n");
  ASSERT_EQ(migrate("up --to 20240102000000").exit_code, 0);
  const command_result marked = migrate("up --lock-mode transaction");
  EXPECT_EQ(marked.exit_code, 2);
  EXPECT_NE(marked.err.find("20240103000000_vacuum.sql:1:1: migration 20240103000000_vacuum must "
                            "run without a transaction (-- migrate:no-transaction)"),
            std::string::npos)
      << marked.err;
  remove_migration("20240103000000_vacuum.sql");

  // Going down, the non-transactional down part is refused too, not run without any lock.
  const command_result down = migrate("down --lock-mode transaction");
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_NE(down.err.find("20240102000000_index_names.sql:5:1"), std::string::npos) << down.err;
  EXPECT_NE(down.err.find("roll it back with --lock-mode session"), std::string::npos) << down.err;
  EXPECT_EQ(ledger(), "20240101000000,20240102000000");
  EXPECT_TRUE(has_relation("users_name"));
  // Transactional files still work in that mode.
  EXPECT_EQ(migrate("down").exit_code, 0);
  EXPECT_EQ(migrate("down --lock-mode transaction").exit_code, 0);
  EXPECT_EQ(ledger(), "");
}

TEST_F(migrate_safety, resume_refuses_an_edit_to_the_statements_that_already_ran) {
  const std::string failing =
      "-- migrate:up\n"
      "CREATE TABLE items (id int, name text);\n"
      "CREATE INDEX CONCURRENTLY items_id ON items (id);\n"
      "INSERT INTO items VALUES (1, 'one', 'too many');\n"
      "-- migrate:down\nDROP TABLE items;\n";
  write_migration("20240101000000_items.sql", failing);
  ASSERT_EQ(migrate("up").exit_code, 2);
  ASSERT_TRUE(has_relation("items_id"));  // statements 1 and 2 ran

  // Statement 3 fixed, but statement 1 edited as well: resuming would skip the edit.
  write_migration("20240101000000_items.sql",
                  "-- migrate:up\n"
                  "CREATE TABLE items (id bigint, name text);\n"
                  "CREATE INDEX CONCURRENTLY items_id ON items (id);\n"
                  "INSERT INTO items VALUES (1, 'one');\n"
                  "-- migrate:down\nDROP TABLE items;\n");
  const command_result edited = migrate("up --resume");
  EXPECT_EQ(edited.exit_code, 2);
  EXPECT_EQ(line_count(edited.err), 1) << edited.err;
  EXPECT_NE(edited.err.find("20240101000000_items.sql:2:24: `bigint` where the applied file had "
                            "`int`"),
            std::string::npos)
      << edited.err;
  EXPECT_NE(edited.err.find("first 2 statements already ran"), std::string::npos) << edited.err;
  EXPECT_TRUE(edited.err.ends_with("[SOONG359]\n")) << edited.err;
  EXPECT_EQ(query("SELECT statements_done FROM soong.schema_migrations"), "2");

  // Dropping a statement that ran is refused the same way.
  write_migration("20240101000000_items.sql",
                  "-- migrate:up\n"
                  "CREATE TABLE items (id int, name text);\n"
                  "INSERT INTO items VALUES (1, 'one');\n");
  EXPECT_EQ(migrate("up --resume").exit_code, 2);

  // Only comments and layout changed before the failure, statement 3 fixed: resumes.
  write_migration("20240101000000_items.sql",
                  "-- migrate:up\n"
                  "-- the items\n"
                  "create table items (id int,\n  name text);\n"
                  "CREATE INDEX CONCURRENTLY items_id ON items (id);\n"
                  "INSERT INTO items VALUES (1, 'one');\n"
                  "-- migrate:down\nDROP TABLE items;\n");
  const command_result resumed = migrate("up --resume");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(query("SELECT count(*) FROM items"), "1");
  EXPECT_EQ(migrate("verify").exit_code, 0);
}

TEST_F(migrate_safety, an_edit_to_an_applied_down_part_is_a_change) {
  write_migration("20240101000000_create_users.sql", create_users);
  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n"
                  "-- migrate:down\nALTER TABLE users DROP COLUMN bio;\n");
  ASSERT_EQ(migrate("up").exit_code, 0);

  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n"
                  "-- migrate:down\nALTER TABLE users DROP COLUMN bio CASCADE;\n");
  const command_result verify = migrate("verify");
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_NE(verify.out.find("changed 20240102000000_add_bio: "
                            "migrations/20240102000000_add_bio.sql:4:35: `cascade` where the "
                            "applied down part had `;`"),
            std::string::npos)
      << verify.out;
  const command_result up = migrate("up");
  EXPECT_EQ(up.exit_code, 2);
  EXPECT_TRUE(up.err.ends_with("[SOONG353]\n")) << up.err;
  EXPECT_EQ(migrate("status").exit_code, 1);
  ASSERT_EQ(migrate("repair --version 20240102000000").exit_code, 0);
  EXPECT_EQ(migrate("verify").exit_code, 0);

  // A separate .down.sql file counts too.
  write_migration("20240103000000_add_nick.up.sql", "ALTER TABLE users ADD COLUMN nick text;\n");
  write_migration("20240103000000_add_nick.down.sql", "ALTER TABLE users DROP COLUMN nick;\n");
  ASSERT_EQ(migrate("up").exit_code, 0);
  write_migration("20240103000000_add_nick.down.sql", "ALTER TABLE users DROP COLUMN bio;\n");
  const command_result pair = migrate("verify");
  EXPECT_EQ(pair.exit_code, 1);
  EXPECT_NE(pair.out.find("20240103000000_add_nick.down.sql:1:31: `bio` where the applied down "
                          "part had `nick`"),
            std::string::npos)
      << pair.out;
}

TEST_F(migrate_safety, a_ledger_from_before_down_checksums_still_verifies) {
  write_migration("20240101000000_create_users.sql", create_users);
  ASSERT_EQ(migrate("up").exit_code, 0);
  // The ledger as it was before the down columns existed.
  run("ALTER TABLE soong.schema_migrations DROP COLUMN down_checksum, DROP COLUMN down_tokens");
  // Its rows are verified on their up part: a down edit is not held against them.
  write_migration("20240101000000_create_users.sql",
                  "-- migrate:up\n"
                  "CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL);\n"
                  "-- migrate:down\n"
                  "DROP TABLE users CASCADE;\n");
  const command_result status = migrate("status");
  EXPECT_EQ(status.exit_code, 0) << status.out << status.err;
  EXPECT_EQ(migrate("verify").exit_code, 0);
  EXPECT_EQ(query("SELECT count(*) FROM pg_attribute WHERE attrelid = "
                  "'soong.schema_migrations'::regclass AND attname = 'down_checksum'"),
            "0");  // reading changed nothing

  // The next `up` adds the columns; the old row keeps NULL, the new one records its down part.
  write_migration("20240102000000_add_bio.sql",
                  "-- migrate:up\nALTER TABLE users ADD COLUMN bio text;\n"
                  "-- migrate:down\nALTER TABLE users DROP COLUMN bio;\n");
  const command_result up = migrate("up");
  EXPECT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(query("SELECT string_agg((down_checksum IS NULL)::text, ',' ORDER BY version) FROM "
                  "soong.schema_migrations"),
            "true,false");
  EXPECT_EQ(migrate("verify").exit_code, 0);
  EXPECT_EQ(migrate("down --to 0").exit_code, 0);
  EXPECT_EQ(ledger(), "");
}

}  // namespace
