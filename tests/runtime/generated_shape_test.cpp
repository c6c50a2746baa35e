// Runtime calls written by hand the way generated code makes them (descriptors, execute,
// row_view, collect_rows, an enum's traits), compiled and run against a server without the
// generator. What soong really emits is checked by tests/golden and quoted in
// docs/runtime-api.md §9.

#include <gtest/gtest.h>

#include "generated_shape_example.hpp"
#include "runtime_fixture.hpp"

namespace {

using app::db::mood;

TEST(generated_shape, one_many_exec_execrows_and_enum) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TABLE users (id bigserial PRIMARY KEY, name text, handle text NOT NULL UNIQUE,
                        m mood NOT NULL);
  )sql");
  app::db::create_user(conn, {.name = "Andrew", .handle = "andrewbrown", .m = mood::happy});
  app::db::create_user(conn, {.name = std::nullopt, .handle = "anon", .m = mood::ok});
  app::db::create_user(conn, {.name = "Sam", .handle = "sam", .m = mood::happy});

  const auto user = app::db::get_user(conn, 2);
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->name, std::nullopt);
  EXPECT_EQ(user->m, mood::ok);
  EXPECT_FALSE(app::db::get_user(conn, 42).has_value());

  const auto happy = app::db::list_users_by_mood(conn, mood::happy);
  ASSERT_EQ(happy.size(), 2u);
  EXPECT_EQ(happy[0].handle, "andrewbrown");
  EXPECT_EQ(happy[1].handle, "sam");

  EXPECT_EQ(app::db::rename_mood(conn, mood::happy, mood::sad), 2u);
  EXPECT_EQ(app::db::list_users_by_mood(conn, mood::sad).size(), 2u);
  EXPECT_THROW(app::db::create_user(conn, {.name = "x", .handle = "sam", .m = mood::ok}),
               soong::unique_violation);
}

}  // namespace
