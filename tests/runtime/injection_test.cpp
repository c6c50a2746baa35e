// Hostile strings are data: stored and read back verbatim, tables intact.

#include <gtest/gtest.h>

#include "runtime_fixture.hpp"

namespace {

TEST(injection, hostile_strings_round_trip_verbatim) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, "CREATE TABLE notes (id serial PRIMARY KEY, body text, raw bytea)");
  const std::vector<std::string> hostile = {
      "'; DROP TABLE notes; --",     "\\'; DROP TABLE notes; --", "\"quoted\" 'single' `back`",
      "$1 $2 $$ dollar $$",          "back\\slash\\\\",           "E'\\x41'",
      "%(name)s @name sqlc.arg(x)",  "line\nbreak\ttab\r",        "/* comment */ -- comment",
      std::string("\x7f\x01\x02", 3)};
  static constexpr soong::type_ref params[] = {{soong::oids::text, "pg_catalog", "text"},
                                               {soong::oids::bytea, "pg_catalog", "bytea"}};
  static constexpr soong::type_ref columns[] = {{soong::oids::text, "pg_catalog", "text"},
                                                {soong::oids::bytea, "pg_catalog", "bytea"}};
  static constexpr soong::statement insert{
      .name = "InsertNote",
      .sql = "INSERT INTO notes (body, raw) VALUES ($1, $2) RETURNING body, raw",
      .params = params,
      .columns = columns};
  for (const std::string& s : hostile) {
    const auto bytes = std::as_bytes(std::span(s));
    const auto r = soong::execute(conn, insert, std::string_view(s), bytes);
    EXPECT_EQ(r.get<std::string>(0, 0), s);
    EXPECT_EQ(r.get<soong::bytea>(0, 1), soong::bytea(bytes.begin(), bytes.end()));
  }
  const auto all = soong::execute_sql(conn, "SELECT body FROM notes ORDER BY id");
  ASSERT_EQ(all.rows(), static_cast<int>(hostile.size()));
  for (int i = 0; i < all.rows(); ++i) EXPECT_EQ(all.get<std::string>(i, 0), hostile[i]);
  const auto found = soong::execute_sql(conn, "SELECT count(*) FROM notes WHERE body = $1",
                                        std::string_view(hostile[0]));
  EXPECT_EQ(found.get<std::int64_t>(0, 0), 1);
  EXPECT_EQ(soong::execute_sql(conn, "SELECT count(*) FROM pg_tables WHERE tablename = 'notes'")
                .get<std::int64_t>(0, 0),
            1);
}

}  // namespace
