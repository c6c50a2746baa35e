// Enums, composites, domains and arrays of them: OIDs resolved by name per connection.

#include <gtest/gtest.h>

#include "runtime_fixture.hpp"
#include "test_mood.hpp"

namespace app {
struct address {
  std::string street;
  std::optional<std::int32_t> zip;
  mood m{};
  friend bool operator==(const address&, const address&) = default;
};
}  // namespace app

template <>
struct soong::composite_traits<app::address> {
  static constexpr std::string_view schema = "public";
  static constexpr std::string_view name = "address";
  static constexpr auto fields =
      std::make_tuple(&app::address::street, &app::address::zip, &app::address::m);
};

namespace {

constexpr soong::type_ref mood_param[] = {{0, "public", "mood"}};
constexpr soong::type_ref mood_column[] = {{0, "public", "mood"}};
constexpr soong::statement echo_mood{
    .name = "EchoMood", .sql = "SELECT $1", .params = mood_param, .columns = mood_column};

soong::connection typed_db() {
  soong::connection conn = soong::test::fresh_connection();
  // Extra types first, so this database's OIDs differ from other databases'.
  soong::execute_script(conn, R"sql(
    CREATE TYPE filler AS ENUM ('x');
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TYPE address AS (street varchar(40), zip int4, m mood);
    CREATE DOMAIN handle AS text CHECK (VALUE <> '');
  )sql");
  return conn;
}

TEST(user_types, enum_round_trip_by_label) {
  soong::connection conn = typed_db();
  EXPECT_EQ(soong::execute(conn, echo_mood, app::mood::happy).get<app::mood>(0, 0),
            app::mood::happy);
  EXPECT_EQ(soong::execute_sql(conn, "SELECT $1::text", app::mood::ok).get<std::string>(0, 0),
            "ok");
}

TEST(user_types, enum_oids_are_resolved_per_database) {
  soong::connection first = typed_db();
  soong::connection second = soong::test::fresh_connection();
  soong::execute_script(second, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
  EXPECT_NE(first.types().lookup("public", "mood").oid,
            second.types().lookup("public", "mood").oid);
  EXPECT_EQ(soong::execute(second, echo_mood, app::mood::sad).get<app::mood>(0, 0), app::mood::sad);
}

TEST(user_types, unknown_label_is_a_schema_mismatch) {
  soong::connection conn = typed_db();
  soong::execute_script(conn, "ALTER TYPE mood ADD VALUE 'ecstatic'");
  static constexpr soong::statement get{
      .name = "GetMood", .sql = "SELECT 'ecstatic'::mood AS m", .columns = mood_column};
  EXPECT_THROW((void)soong::execute(conn, get).get<app::mood>(0, 0), soong::schema_mismatch);
}

TEST(user_types, enum_arrays_with_nulls) {
  soong::connection conn = typed_db();
  const std::vector<std::optional<app::mood>> moods{app::mood::ok, std::nullopt, app::mood::sad};
  const auto r = soong::execute_sql(conn, "SELECT $1, $1::text", moods);
  EXPECT_EQ((r.get<std::vector<std::optional<app::mood>>>(0, 0)), moods);
  EXPECT_EQ(r.get<std::string>(0, 1), "{ok,NULL,sad}");
}

TEST(user_types, composite_round_trip_and_server_rendering) {
  soong::connection conn = typed_db();
  const app::address a{"Main St 1", std::nullopt, app::mood::happy};
  const auto r = soong::execute_sql(conn, "SELECT $1, $1::text", a);
  EXPECT_EQ(r.get<app::address>(0, 0), a);
  EXPECT_EQ(r.get<std::string>(0, 1), R"(("Main St 1",,happy))");
  const auto parsed = soong::execute_sql(conn, "SELECT '(Elm,12345,sad)'::address");
  EXPECT_EQ(parsed.get<app::address>(0, 0), (app::address{"Elm", 12345, app::mood::sad}));
  const std::vector<app::address> list{a, {"x", 1, app::mood::ok}};
  EXPECT_EQ(soong::execute_sql(conn, "SELECT $1", list).get<std::vector<app::address>>(0, 0), list);
}

TEST(user_types, domain_columns_are_checked_against_their_base_type) {
  soong::connection conn = typed_db();
  static constexpr soong::type_ref handle_param[] = {{0, "public", "handle"}};
  static constexpr soong::type_ref handle_column[] = {{0, "public", "handle"}};
  static constexpr soong::statement echo{
      .name = "EchoHandle", .sql = "SELECT $1", .params = handle_param, .columns = handle_column};
  EXPECT_EQ(soong::execute(conn, echo, "bob").get<std::string>(0, 0), "bob");
  EXPECT_THROW((void)soong::execute(conn, echo, ""), soong::check_violation);
}

TEST(user_types, citext_is_text_resolved_by_name) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, R"sql(
    CREATE EXTENSION citext;
    CREATE TABLE handles (h citext PRIMARY KEY);
    INSERT INTO handles VALUES ('AndrewBrown');
  )sql");
  static constexpr soong::type_ref citext_param[] = {{0, "public", "citext"}};
  static constexpr soong::type_ref citext_column[] = {{0, "public", "citext"}};
  static constexpr soong::statement find{.name = "FindHandle",
                                         .sql = "SELECT h FROM handles WHERE h = $1",
                                         .params = citext_param,
                                         .columns = citext_column};
  const auto r = soong::execute(conn, find, "andrewbrown");  // case-insensitive match
  ASSERT_EQ(r.rows(), 1);
  EXPECT_EQ(r.get<std::string>(0, 0), "AndrewBrown");
  // A generated descriptor that expected text for the citext column is a mismatch.
  static constexpr soong::type_ref text_column[] = {{soong::oids::text, "pg_catalog", "text"}};
  static constexpr soong::statement stale{
      .name = "FindHandleStale", .sql = "SELECT h FROM handles", .columns = text_column};
  EXPECT_THROW((void)soong::execute(conn, stale), soong::schema_mismatch);
}

TEST(user_types, missing_type_is_a_schema_mismatch) {
  soong::connection conn = soong::test::fresh_connection();
  EXPECT_THROW((void)soong::execute(conn, echo_mood, app::mood::ok), soong::schema_mismatch);
}

}  // namespace
