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

/// Hostile values in every kind of parameter soong sends: text, varchar, text[], jsonb, bytea.
TEST(injection, hostile_values_in_every_parameter_kind_round_trip) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, "CREATE TABLE kinds (t text, v varchar(2000000), a text[], j jsonb)");
  static constexpr soong::type_ref params[] = {{soong::oids::text, "pg_catalog", "text"},
                                               {soong::oids::varchar, "pg_catalog", "varchar"},
                                               {soong::oids::text_array, "pg_catalog", "_text"},
                                               {soong::oids::jsonb, "pg_catalog", "jsonb"}};
  static constexpr soong::statement insert{
      .name = "InsertKinds",
      .sql = "INSERT INTO kinds VALUES ($1, $2, $3, $4) RETURNING t, v, a, j",
      .params = params,
      .columns = params};
  const std::vector<std::string> hostile = {
      "'); DROP TABLE kinds; --",
      "\\x27; DROP TABLE kinds",
      "$$ || pg_sleep(10) || $$",
      "{\"a\": 1}', '{}'); --",
      "\u02bc; DROP TABLE kinds; --",  // modifier letter apostrophe
      "\uff07; DROP TABLE kinds; --",  // fullwidth apostrophe
      "\u2019 OR 1=1 --",              // right single quotation mark
      "{\"NULL\",NULL,\"a,b\"}",
      std::string(1 << 20, 'x') + "'"};  // 1 MiB
  for (const std::string& s : hostile) {
    const std::vector<std::string> array = {s, "", "NULL", s};
    const nlohmann::json document = {{"value", s}, {s.substr(0, 64), {s}}};
    const soong::result r =
        soong::execute(conn, insert, std::string_view(s), std::string_view(s), array, document);
    EXPECT_EQ(r.get<std::string>(0, 0), s);
    EXPECT_EQ(r.get<std::string>(0, 1), s);
    EXPECT_EQ(r.get<std::vector<std::string>>(0, 2), array);
    EXPECT_EQ(r.get<nlohmann::json>(0, 3), document);
  }
  EXPECT_EQ(soong::execute_sql(conn, "SELECT count(*) FROM kinds").get<std::int64_t>(0, 0),
            static_cast<std::int64_t>(hostile.size()));
}

/// PostgreSQL text cannot hold NUL or invalid UTF-8: refused with an error naming the query,
/// nothing stored, never truncated at the NUL.
TEST(injection, nul_and_invalid_utf8_are_refused_not_truncated) {
  soong::connection conn = soong::test::fresh_connection();
  soong::execute_script(conn, "CREATE TABLE texts (t text)");
  static constexpr soong::type_ref text_param[] = {{soong::oids::text, "pg_catalog", "text"}};
  static constexpr soong::statement insert{.name = "InsertText",
                                           .sql = "INSERT INTO texts VALUES ($1)",
                                           .params = text_param,
                                           .columns = {}};
  for (const std::string& bad :
       {std::string("before\0after", 12), std::string("\xff\xfe"),
        std::string("ok \xc3\x28 broken"), std::string("\xed\xa0\x80 surrogate")}) {
    try {
      static_cast<void>(soong::execute(conn, insert, std::string_view(bad)));
      ADD_FAILURE() << "stored a value text cannot hold";
    } catch (const soong::sql_error& e) {
      EXPECT_EQ(e.sqlstate(), "22021") << e.what();
      EXPECT_NE(std::string(e.what()).find("InsertText"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(soong::execute_sql(conn, "SELECT count(*) FROM texts").get<std::int64_t>(0, 0), 0);
}

}  // namespace
