// `soong crud --emit-sql`: the checked-in output is what the command writes, and generated as
// an ordinary query file it keeps the calls of get_T, delete_T and exists_T (a key value, or a
// struct with the key's fields; std::optional of the table's struct, or bool, back) and insert_T's
// result (the table's struct: the insert is proven to return its row); insert_T's argument and
// update_T differ exactly as docs/crud.md says.

#include <gtest/gtest.h>

#include <soong/error.hpp>
#include <string>

#include "driver/crud_command.hpp"
#include "emitted/gizmos_links.sql.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {
namespace db = crud_emitted;

std::string schema_path() { return std::string(SOONG_CRUD_DIR) + "/sql/schema.sql"; }

TEST(crud_emitted, the_checked_in_file_is_what_emit_sql_writes) {
  soong::gen::input_options in;
  in.schema = {schema_path()};
  in.database_url = soong::testing::fresh_database();
  in.no_cache = true;
  const std::string out = ::testing::TempDir() + "/emitted.sql";
  ASSERT_EQ(soong::gen::run_crud_emit_sql(in, {"gizmos", "links"}, out), 0);
  EXPECT_EQ(soong::testing::read_file(out),
            soong::testing::read_file(std::string(SOONG_CRUD_DIR) + "/emitted/gizmos_links.sql"))
      << "stale; fix with: soong crud --schema tests/crud/sql/schema.sql --emit-sql gizmos "
         "--emit-sql links --out tests/crud/emitted/gizmos_links.sql";
}

TEST(crud_emitted, get_delete_and_exists_keep_their_calls) {
  const std::string conninfo = soong::testing::fresh_database();
  soong::testing::run_sql(conninfo, soong::testing::read_file(schema_path()));
  soong::connection conn(conninfo);
  soong::testing::run_sql(
      conninfo,
      "INSERT INTO gizmos (id, name) VALUES (7, 'seven');"
      "INSERT INTO accounts (uuid, handle) VALUES "
      "('00000000-0000-0000-0000-000000000001', 'e');"
      "INSERT INTO links VALUES (7, '00000000-0000-0000-0000-000000000001', 'n')");
  // The calls of the generated CRUD functions, word for word.
  const auto gizmo = db::get_gizmos(conn, 7);
  static_assert(std::is_same_v<decltype(gizmo), const std::optional<db::gizmo>>);
  ASSERT_TRUE(gizmo.has_value());
  EXPECT_EQ(gizmo->name, "seven");
  const soong::uuid account = soong::uuid::parse("00000000-0000-0000-0000-000000000001");
  const auto link = db::get_links(conn, {.gizmo_id = 7, .account_uuid = account});
  static_assert(std::is_same_v<decltype(link), const std::optional<db::link>>);
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->note, "n");
  // exists: bool, as the built-in exists_T (SELECT EXISTS always yields its one row).
  const auto linked = db::exists_links(conn, {.gizmo_id = 7, .account_uuid = account});
  static_assert(std::is_same_v<decltype(linked), const bool>);
  EXPECT_TRUE(linked);
  EXPECT_TRUE(db::delete_links(conn, {.gizmo_id = 7, .account_uuid = account}).has_value());
  EXPECT_FALSE(db::get_links(conn, {.gizmo_id = 7, .account_uuid = account}).has_value());
  EXPECT_FALSE(db::exists_links(conn, {.gizmo_id = 7, .account_uuid = account}));
}

TEST(crud_emitted, insert_and_update_differ_only_as_documented) {
  const std::string conninfo = soong::testing::fresh_database();
  soong::testing::run_sql(conninfo, soong::testing::read_file(schema_path()));
  soong::connection conn(conninfo);
  // insert: every writable column a plain field (no soong::defaulted); the row back as the
  // built-in insert_T returns it (one VALUES row with RETURNING is proven to return it).
  const auto inserted =
      db::insert_gizmos(conn, {.id = 8, .name = "eight", .color = std::nullopt, .enabled = false});
  static_assert(std::is_same_v<decltype(inserted), const db::gizmo>);
  EXPECT_EQ(inserted.id, 8);
  EXPECT_FALSE(inserted.enabled);
  const auto exists = db::exists_gizmos(conn, 8);
  static_assert(std::is_same_v<decltype(exists), const bool>);
  EXPECT_TRUE(exists);
  EXPECT_FALSE(db::exists_gizmos(conn, 9));
  // update: every column of the SET list written (no soong::keep), the key's fields last.
  const auto updated =
      db::update_gizmos(conn, {.name = "eight!", .color = "red", .enabled = true, .id = 8});
  static_assert(std::is_same_v<decltype(updated), const std::optional<db::gizmo>>);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->name, "eight!");
  EXPECT_EQ(updated->color, "red");
  EXPECT_FALSE(db::update_gizmos(conn, {.name = "x", .id = 9}).has_value());
}

TEST(crud_emitted, a_database_that_skips_the_proven_row_is_an_error_naming_the_query) {
  // The insert was proven against the schema; a trigger added since (drift) that skips the row
  // makes the call throw instead of reading a row that is not there.
  const std::string conninfo = soong::testing::fresh_database();
  soong::testing::run_sql(conninfo, soong::testing::read_file(schema_path()));
  soong::testing::run_sql(
      conninfo,
      "CREATE FUNCTION skip_row() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;"
      "CREATE TRIGGER gizmos_skip BEFORE INSERT ON gizmos FOR EACH ROW EXECUTE FUNCTION "
      "skip_row()");
  soong::connection conn(conninfo);
  try {
    static_cast<void>(db::insert_gizmos(conn, {.id = 1, .name = "one", .enabled = true}));
    FAIL() << "an insert that returned no row did not throw";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(), "InsertGizmos: no row, though the statement always yields exactly one");
  }
}

}  // namespace
