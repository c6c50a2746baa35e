// `soong drift` end to end: the Cruddur schema (sql/schema.sql) and a small schema with an
// enum, a composite type, a domain and a view are applied to live databases, one kind of
// change is made to each, and the exact reported difference is asserted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_soong.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::conninfo;
using soong::testing::fresh_database;
using soong::testing::read_file;
using soong::testing::run_soong;
using soong::testing::run_sql;
using soong::testing::shell_quote;

const std::string cruddur_path = "sql/schema.sql";  // relative: soong runs in the source tree
const std::string types_path = std::string(SOONG_DRIFT_TEST_DIR) + "/types_schema.sql";

/// A fresh database with `schema` applied, then `change`.
std::string live_database(const std::string& schema, const std::string& change = {}) {
  const std::string db = fresh_database();
  run_sql(db, schema);
  if (!change.empty()) run_sql(db, change);
  return db;
}

std::string cruddur_with(const std::string& change) {
  return live_database(read_file(std::string(SOONG_SOURCE_DIR) + "/" + cruddur_path), change);
}

std::string types_with(const std::string& change) {
  return live_database(read_file(types_path), change);
}

/// `soong drift` with the schema applied in a scratch database on the test server (faster
/// than a throwaway server per case; one test covers the embedded default).
command_result drift(const std::string& schema_path, const std::string& db,
                     const std::string& extra = {}) {
  return run_soong("drift --schema " + shell_quote(schema_path) + " --database-url " +
                   shell_quote(db) + " --scratch-url " + shell_quote(conninfo()) + " " + extra);
}

/// Asserts exit code 1 and exactly `lines` on stdout.
void expect_drift(const command_result& r, const std::string& lines) {
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, lines);
}

TEST(drift_command, no_drift_reports_nothing_with_the_embedded_default) {
  const std::string db = cruddur_with("");
  const command_result r =
      run_soong("drift --schema " + cruddur_path + " --database-url " + shell_quote(db));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(drift_command, no_drift_in_the_small_schema) {
  const command_result r = drift(types_path, types_with(""));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(drift_command, added_column) {
  expect_drift(
      drift(cruddur_path, cruddur_with("ALTER TABLE public.users ADD COLUMN nickname text")),
      "column public.users.nickname: not in schema.sql, text in database\n");
}

TEST(drift_command, dropped_column) {
  expect_drift(drift(cruddur_path, cruddur_with("ALTER TABLE public.users DROP COLUMN bio")),
               "column public.users.bio: text in schema.sql, missing in database\n");
}

TEST(drift_command, column_type_changed) {
  expect_drift(
      drift(cruddur_path,
            cruddur_with("ALTER TABLE public.activities ALTER COLUMN likes_count TYPE bigint")),
      "column public.activities.likes_count: type integer in schema.sql, type bigint in "
      "database\n");
}

TEST(drift_command, typmod_changed) {
  expect_drift(
      drift(types_path, types_with("ALTER TABLE public.people ALTER COLUMN code TYPE varchar(40)")),
      "column public.people.code: type character varying(20) in schema.sql, type character "
      "varying(40) in database\n");
}

TEST(drift_command, not_null_dropped) {
  expect_drift(drift(cruddur_path,
                     cruddur_with("ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL")),
               "column public.users.email: NOT NULL in schema.sql, nullable in database\n");
}

TEST(drift_command, default_set) {
  expect_drift(
      drift(cruddur_path, cruddur_with("ALTER TABLE public.users ALTER COLUMN bio SET DEFAULT ''")),
      "column public.users.bio: no default in schema.sql, default ''::text in database\n");
}

TEST(drift_command, default_dropped) {
  expect_drift(drift(cruddur_path, cruddur_with("ALTER TABLE public.activities ALTER COLUMN "
                                                "replies_count DROP DEFAULT")),
               "column public.activities.replies_count: default 0 in schema.sql, no default in "
               "database\n");
}

TEST(drift_command, primary_key_dropped_with_the_foreign_key_on_it) {
  expect_drift(drift(cruddur_path,
                     cruddur_with("ALTER TABLE public.users DROP CONSTRAINT users_pkey CASCADE")),
               "constraint public.activities.activities_user_uuid_fkey: FOREIGN KEY (user_uuid) "
               "REFERENCES users(uuid) in schema.sql, missing in database\n"
               "constraint public.users.users_pkey: PRIMARY KEY (uuid) in schema.sql, missing in "
               "database\n");
}

TEST(drift_command, unique_dropped) {
  expect_drift(
      drift(cruddur_path,
            cruddur_with("ALTER TABLE public.users DROP CONSTRAINT users_handle_key")),
      "constraint public.users.users_handle_key: UNIQUE (handle) in schema.sql, missing in "
      "database\n");
}

TEST(drift_command, foreign_key_dropped) {
  expect_drift(drift(cruddur_path, cruddur_with("ALTER TABLE public.activities DROP CONSTRAINT "
                                                "activities_reply_to_activity_uuid_fkey")),
               "constraint public.activities.activities_reply_to_activity_uuid_fkey: FOREIGN KEY "
               "(reply_to_activity_uuid) REFERENCES activities(uuid) in schema.sql, missing in "
               "database\n");
}

TEST(drift_command, check_added) {
  expect_drift(drift(cruddur_path, cruddur_with("ALTER TABLE public.activities ADD CONSTRAINT "
                                                "likes_nonnegative CHECK (likes_count >= 0)")),
               "constraint public.activities.likes_nonnegative: not in schema.sql, CHECK "
               "(likes_count >= 0) in database\n");
}

TEST(drift_command, index_dropped) {
  expect_drift(drift(cruddur_path, cruddur_with("DROP INDEX public.activities_created_at_idx")),
               "index public.activities.activities_created_at_idx: CREATE INDEX ON "
               "public.activities USING btree (created_at DESC) in schema.sql, missing in "
               "database\n");
}

TEST(drift_command, index_added) {
  expect_drift(
      drift(cruddur_path, cruddur_with("CREATE INDEX users_email_idx ON public.users (email)")),
      "index public.users.users_email_idx: not in schema.sql, CREATE INDEX ON public.users USING "
      "btree (email) in database\n");
}

TEST(drift_command, table_added) {
  expect_drift(drift(cruddur_path, cruddur_with("CREATE TABLE public.notes (id integer)")),
               "table public.notes: not in schema.sql, in database\n");
}

TEST(drift_command, view_dropped) {
  expect_drift(drift(types_path, types_with("DROP VIEW public.happy_people")),
               "view public.happy_people: in schema.sql, missing in database\n");
}

TEST(drift_command, view_definition_changed) {
  expect_drift(drift(types_path, types_with("CREATE OR REPLACE VIEW public.happy_people AS SELECT "
                                            "id, feeling FROM public.people WHERE feeling <> "
                                            "'sad'")),
               "view public.happy_people: SELECT people.id, people.feeling FROM people WHERE "
               "people.feeling = 'happy'::mood; in schema.sql, SELECT people.id, people.feeling "
               "FROM people WHERE people.feeling <> 'sad'::mood; in database\n");
}

TEST(drift_command, enum_label_added) {
  expect_drift(drift(types_path, types_with("ALTER TYPE public.mood ADD VALUE 'ecstatic'")),
               "enum public.mood: no label 'ecstatic' in schema.sql, label 'ecstatic' in "
               "database\n");
}

/// The small schema with the enum declared differently (labels cannot be dropped or moved
/// in place, so the live database is built from a variant).
std::string types_with_labels(const std::string& labels) {
  std::string schema = read_file(types_path);
  const std::string original = "('sad', 'ok', 'happy')";
  schema.replace(schema.find(original), original.size(), labels);
  return live_database(schema);
}

TEST(drift_command, enum_label_missing) {
  expect_drift(drift(types_path, types_with_labels("('sad', 'happy')")),
               "enum public.mood: label 'ok' in schema.sql, no label 'ok' in database\n");
}

TEST(drift_command, enum_label_order) {
  expect_drift(drift(types_path, types_with_labels("('ok', 'sad', 'happy')")),
               "enum public.mood: labels ('sad', 'ok', 'happy') in schema.sql, labels ('ok', "
               "'sad', 'happy') in database\n");
}

TEST(drift_command, composite_field_changed) {
  expect_drift(
      drift(types_path, types_with("ALTER TYPE public.address ADD ATTRIBUTE country text "
                                   "CASCADE")),
      "composite type public.address: fields (street text, zip text) in schema.sql, fields "
      "(street text, zip text, country text) in database\n");
}

TEST(drift_command, domain_changed) {
  expect_drift(
      drift(types_path, types_with("ALTER DOMAIN public.positive_int DROP NOT NULL;"
                                   "ALTER DOMAIN public.positive_int ADD CONSTRAINT below_200 "
                                   "CHECK (VALUE < 200)")),
      "domain public.positive_int: NOT NULL in schema.sql, nullable in database\n"
      "domain public.positive_int: checks (positive_int_check: CHECK (VALUE > 0)) in "
      "schema.sql, checks (below_200: CHECK (VALUE < 200), positive_int_check: CHECK (VALUE > "
      "0)) in database\n");
}

TEST(drift_command, extension_dropped_with_the_defaults_that_used_it) {
  expect_drift(drift(cruddur_path, cruddur_with("DROP EXTENSION \"uuid-ossp\" CASCADE")),
               "column public.activities.uuid: default uuid_generate_v4() in schema.sql, no "
               "default in database\n"
               "column public.users.uuid: default uuid_generate_v4() in schema.sql, no default "
               "in database\n"
               "extension uuid-ossp: in schema.sql, missing in database\n");
}

TEST(drift_command, json_format) {
  const command_result r =
      drift(cruddur_path,
            cruddur_with("ALTER TABLE public.users ALTER COLUMN email DROP NOT NULL;"
                         "CREATE TABLE public.notes (id integer)"),
            "--format json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json expected = {
      {"drift", true},
      {"differences",
       {{{"kind", "changed"},
         {"object_type", "column"},
         {"object", "public.users.email"},
         {"aspect", "nullability"},
         {"expected", "NOT NULL"},
         {"actual", "nullable"},
         {"message", "column public.users.email: NOT NULL in schema.sql, nullable in database"}},
        {{"kind", "extra"},
         {"object_type", "table"},
         {"object", "public.notes"},
         {"aspect", nullptr},
         {"expected", nullptr},
         {"actual", ""},
         {"message", "table public.notes: not in schema.sql, in database"}}}}};
  EXPECT_EQ(nlohmann::json::parse(r.out), expected);
}

TEST(drift_command, json_format_without_drift) {
  const command_result r = drift(types_path, types_with(""), "--format json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out),
            (nlohmann::json{{"drift", false}, {"differences", nlohmann::json::array()}}));
}

TEST(drift_command, renamed_constraint_and_index_are_drift_unless_names_are_ignored) {
  const std::string db = cruddur_with(
      "ALTER TABLE public.users RENAME CONSTRAINT users_handle_key TO users_handle_unique;"
      "ALTER INDEX public.activities_created_at_idx RENAME TO activities_newest_first");
  expect_drift(drift(cruddur_path, db),
               "constraint public.users.users_handle_key: UNIQUE (handle) in schema.sql, missing "
               "in database\n"
               "constraint public.users.users_handle_unique: not in schema.sql, UNIQUE (handle) "
               "in database\n"
               "index public.activities.activities_created_at_idx: CREATE INDEX ON "
               "public.activities USING btree (created_at DESC) in schema.sql, missing in "
               "database\n"
               "index public.activities.activities_newest_first: not in schema.sql, CREATE "
               "INDEX ON public.activities USING btree (created_at DESC) in database\n");
  const command_result ignored = drift(cruddur_path, db, "--ignore-names");
  EXPECT_EQ(ignored.exit_code, 0) << ignored.err;
  EXPECT_EQ(ignored.out, "");
}

TEST(drift_command, column_order_only_with_strict_order) {
  // Dropping and re-adding moves the column last, as a hand-run migration would.
  const std::string db = cruddur_with(
      "ALTER TABLE public.users DROP COLUMN created_at; ALTER TABLE public.users ADD COLUMN "
      "created_at TIMESTAMP DEFAULT current_timestamp NOT NULL");
  const command_result relaxed = drift(cruddur_path, db);
  EXPECT_EQ(relaxed.exit_code, 0) << relaxed.err;
  EXPECT_EQ(relaxed.out, "");
  expect_drift(drift(cruddur_path, db, "--strict-order"),
               "table public.users: columns (uuid, display_name, handle, email, cognito_user_id, "
               "created_at, bio) in schema.sql, columns (uuid, display_name, handle, email, "
               "cognito_user_id, bio, created_at) in database\n");
}

TEST(drift_command, only_the_named_schemas_are_compared) {
  const std::string db =
      cruddur_with("CREATE SCHEMA audit; CREATE TABLE audit.log (id integer, entry text)");
  const command_result default_schema = drift(cruddur_path, db);
  EXPECT_EQ(default_schema.exit_code, 0) << default_schema.err;
  expect_drift(drift(cruddur_path, db, "--schema-name public --schema-name audit"),
               "table audit.log: not in schema.sql, in database\n");
}

TEST(drift_command, unreachable_database_is_an_error) {
  const command_result r =
      drift(cruddur_path, "host=/nonexistent-soong-socket-dir dbname=nothing connect_timeout=2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("soong drift: cannot connect to --database-url: "), std::string::npos)
      << r.err;
}

TEST(drift_command, schema_that_does_not_apply_is_an_error_with_its_position) {
  const auto path = std::filesystem::temp_directory_path() / "soong_drift_bad_schema.sql";
  std::ofstream(path) << "CREATE TABLE t (\n  id integr\n);\n";
  const command_result r = drift(path.string(), cruddur_with(""));
  std::filesystem::remove(path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(path.string() + ":2:6: error: type \"integr\" does not exist [42704]"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("soong drift: the schema does not apply; nothing compared"),
            std::string::npos)
      << r.err;
}

}  // namespace
