// soong speaks UTF-8 on every connection (client_encoding=UTF8 unless the application sets
// another), so PostgreSQL converts text to and from the database's encoding, or refuses what
// that encoding cannot hold, instead of storing UTF-8 bytes as if they were LATIN1 characters.

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <cctype>
#include <string>

#include "runtime_fixture.hpp"

namespace {

/// A new database with `encoding` (template0 and the C locale accept any server encoding);
/// returns its name.
std::string database_named_for(const std::string& encoding) {
  std::string name = soong::testing::fresh_database_name() + "_";
  for (const char c : encoding) name += static_cast<char>(std::tolower(c));  // unquoted: folded
  soong::testing::run_sql(soong::testing::conninfo(),
                          "CREATE DATABASE " + name + " ENCODING '" + encoding +
                              "' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
  return name;
}

std::string database_with_encoding(const std::string& encoding) {
  return soong::testing::conninfo(database_named_for(encoding));
}

constexpr soong::type_ref text_type[] = {{soong::oids::text, "pg_catalog", "text"}};
constexpr soong::type_ref int4_type[] = {{soong::oids::int4, "pg_catalog", "int4"}};
constexpr soong::statement store{
    .name = "Store", .sql = "INSERT INTO notes (body) VALUES ($1)", .params = text_type};
constexpr soong::statement characters{
    .name = "Characters", .sql = "SELECT length(body) FROM notes", .columns = int4_type};

TEST(client_encoding, a_latin1_database_gets_converted_text_and_refuses_what_it_cannot_hold) {
  const std::string conninfo = database_with_encoding("LATIN1");
  soong::connection conn(conninfo);
  EXPECT_STREQ(pg_encoding_to_char(PQclientEncoding(conn.native_handle())), "UTF8");
  soong::execute_script(conn, "CREATE TABLE notes (body text)");
  (void)soong::execute(conn, store, "h\xc3\xa9llo");  // "héllo" in UTF-8: 6 bytes, 5 characters
  EXPECT_EQ(soong::test::single<std::int32_t>(soong::execute(conn, characters)), 5);
  EXPECT_EQ(soong::test::single<std::string>(soong::execute_sql(conn, "SELECT body FROM notes")),
            "h\xc3\xa9llo");
  // Another client reading LATIN1 sees the one-byte é, not two characters of mojibake.
  soong::connection latin1(conninfo + " client_encoding=LATIN1");
  EXPECT_STREQ(pg_encoding_to_char(PQclientEncoding(latin1.native_handle())), "LATIN1");
  EXPECT_EQ(soong::test::single<std::string>(soong::execute_sql(latin1, "SELECT body FROM notes")),
            "h\xe9llo");
  try {
    (void)soong::execute(conn, store, "\xe2\x82\xac");  // the euro sign: not in LATIN1
    FAIL() << "the euro sign was stored in a LATIN1 database";
  } catch (const soong::sql_error& e) {
    EXPECT_EQ(e.sqlstate(), "22P05");
    EXPECT_EQ(e.query_name(), "Store");
  }
  EXPECT_EQ(
      soong::test::single<std::int64_t>(soong::execute_sql(conn, "SELECT count(*) FROM notes")), 1);
}

TEST(client_encoding, an_explicit_client_encoding_and_pgclientencoding_are_honoured) {
  const std::string name = database_named_for("LATIN1");
  const std::string conninfo = soong::testing::conninfo(name);
  soong::connection url_form("postgresql://postgres@/" + name + "?client_encoding=LATIN1&host=" +
                             soong::testing::shared_server().socket_dir() +
                             "&port=" + std::to_string(soong::testing::shared_server().port()));
  EXPECT_STREQ(pg_encoding_to_char(PQclientEncoding(url_form.native_handle())), "LATIN1");
  ::setenv("PGCLIENTENCODING", "LATIN1", 1);
  soong::connection from_env(conninfo);
  ::unsetenv("PGCLIENTENCODING");
  EXPECT_STREQ(pg_encoding_to_char(PQclientEncoding(from_env.native_handle())), "LATIN1");
}

TEST(client_encoding, sql_ascii_stores_bytes_unchecked_as_postgresql_documents) {
  // SQL_ASCII means "no encoding": the server neither converts nor validates bytes above 127
  // (PostgreSQL manual 24.3.1). soong's UTF-8 round-trips byte for byte, but the server counts
  // bytes, not characters, and cannot refuse anything: documented, not fixable by a client.
  soong::connection conn(database_with_encoding("SQL_ASCII"));
  soong::execute_script(conn, "CREATE TABLE notes (body text)");
  (void)soong::execute(conn, store, "h\xc3\xa9llo");
  EXPECT_EQ(soong::test::single<std::int32_t>(soong::execute(conn, characters)), 6);
  EXPECT_EQ(soong::test::single<std::string>(soong::execute_sql(conn, "SELECT body FROM notes")),
            "h\xc3\xa9llo");
}

TEST(client_encoding, a_utf8_database_is_unchanged) {
  soong::connection conn = soong::test::fresh_connection();
  EXPECT_STREQ(pg_encoding_to_char(PQclientEncoding(conn.native_handle())), "UTF8");
}

}  // namespace
