// `soong crud --emit-sql`: the checked-in output is what the command writes, and generated as
// an ordinary query file it keeps the calls of get_T and delete_T (a key value, or a struct
// with the key's fields; std::optional of the table's struct back); exists_T, insert_T and
// update_T differ exactly as docs/crud.md says.

#include <gtest/gtest.h>

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

TEST(crud_emitted, get_and_delete_keep_their_calls) {
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
  EXPECT_TRUE(db::delete_links(conn, {.gizmo_id = 7, .account_uuid = account}).has_value());
  EXPECT_FALSE(db::get_links(conn, {.gizmo_id = 7, .account_uuid = account}).has_value());
}

TEST(crud_emitted, exists_insert_and_update_differ_only_as_documented) {
  const std::string conninfo = soong::testing::fresh_database();
  soong::testing::run_sql(conninfo, soong::testing::read_file(schema_path()));
  soong::connection conn(conninfo);
  // insert: every writable column a plain field (no soong::defaulted), an optional row back.
  const auto inserted =
      db::insert_gizmos(conn, {.id = 8, .name = "eight", .color = std::nullopt, .enabled = false});
  static_assert(std::is_same_v<decltype(inserted), const std::optional<db::gizmo>>);
  ASSERT_TRUE(inserted.has_value());
  EXPECT_FALSE(inserted->enabled);
  // exists: std::optional<bool> (a :one query), always engaged.
  const auto exists = db::exists_gizmos(conn, 8);
  static_assert(std::is_same_v<decltype(exists), const std::optional<bool>>);
  ASSERT_TRUE(exists.has_value());
  EXPECT_TRUE(*exists);
  EXPECT_EQ(db::exists_gizmos(conn, 9), std::optional<bool>(false));
  // update: every column of the SET list written (no soong::keep), the key's fields last.
  const auto updated =
      db::update_gizmos(conn, {.name = "eight!", .color = "red", .enabled = true, .id = 8});
  static_assert(std::is_same_v<decltype(updated), const std::optional<db::gizmo>>);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->name, "eight!");
  EXPECT_EQ(updated->color, "red");
  EXPECT_FALSE(db::update_gizmos(conn, {.name = "x", .id = 9}).has_value());
}

}  // namespace
