// Connecting from conninfo, URL and environment; errors without passwords; reconnect.

#include <gtest/gtest.h>

#include "runtime_fixture.hpp"

namespace {

std::string current_database(soong::connection& conn) {
  return soong::execute_sql(conn, "SELECT current_database()::text").get<std::string>(0, 0);
}

std::string database_name(const std::string& conninfo) {
  soong::connection c(conninfo);
  return current_database(c);
}

TEST(connection, from_url_and_conninfo) {
  const std::string conninfo = soong::testing::fresh_database();
  const std::string db = database_name(conninfo);
  const auto& server = soong::testing::shared_server();
  soong::connection by_url("postgresql://postgres@/" + db + "?host=" + server.socket_dir() +
                           "&port=" + std::to_string(server.port()));
  EXPECT_EQ(current_database(by_url), db);
  EXPECT_TRUE(by_url.is_open());
  EXPECT_NE(by_url.description().find(db), std::string::npos);
}

TEST(connection, failure_names_target_but_never_the_password) {
  const auto& server = soong::testing::shared_server();
  const std::string conninfo = "host=" + server.socket_dir() +
                               " port=" + std::to_string(server.port()) +
                               " dbname=no_such_db user=postgres password=hunter2secret";
  try {
    soong::connection conn(conninfo);
    FAIL();
  } catch (const soong::connection_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find("hunter2secret"), std::string::npos) << what;
    EXPECT_NE(what.find("no_such_db"), std::string::npos) << what;
  }
  try {
    soong::connection conn("postgresql://bob:hunter2secret@127.0.0.1:1/db?connect_timeout=2");
    FAIL();
  } catch (const soong::connection_error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2secret"), std::string::npos) << e.what();
  }
}

class environment_test : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* v : {"DATABASE_URL", "PG_HOST", "PG_PORT", "PG_DBNAME", "PG_USER",
                          "PG_PASSWORD", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER"}) {
      ::unsetenv(v);
    }
  }
};

TEST_F(environment_test, precedence_database_url_then_pg_names_then_libpq) {
  const auto& server = soong::testing::shared_server();
  const std::string a = database_name(soong::testing::fresh_database());
  const std::string b = database_name(soong::testing::fresh_database());
  const std::string c = database_name(soong::testing::fresh_database());
  // libpq's own variables supply everything PG_* leaves out.
  ::setenv("PGHOST", server.socket_dir().c_str(), 1);
  ::setenv("PGPORT", std::to_string(server.port()).c_str(), 1);
  ::setenv("PGUSER", "postgres", 1);
  ::setenv("PGDATABASE", c.c_str(), 1);
  {
    soong::connection conn = soong::connection::from_environment();
    EXPECT_EQ(current_database(conn), c);
  }
  ::setenv("PG_DBNAME", b.c_str(), 1);
  {
    soong::connection conn = soong::connection::from_environment();
    EXPECT_EQ(current_database(conn), b);
  }
  ::setenv("DATABASE_URL", soong::testing::conninfo(a).c_str(), 1);
  {
    soong::connection conn = soong::connection::from_environment();
    EXPECT_EQ(current_database(conn), a);
  }
}

TEST(connection, killed_backend_throws_connection_error_then_reconnects) {
  soong::connection conn(soong::testing::conninfo());
  soong::connection killer(soong::testing::conninfo());
  (void)soong::execute_sql(killer, "SELECT pg_terminate_backend($1)",
                           std::int32_t{conn.backend_pid()});
  EXPECT_THROW((void)soong::execute_sql(conn, "SELECT 1"), soong::connection_error);
  EXPECT_FALSE(conn.is_open());
  conn.reconnect();
  EXPECT_EQ(soong::execute_sql(conn, "SELECT 1::int4").get<std::int32_t>(0, 0), 1);
}

TEST(connection, moved_from_connection_is_an_error_not_a_crash) {
  soong::connection a(soong::testing::conninfo());
  soong::connection b = std::move(a);
  EXPECT_THROW((void)soong::execute_sql(a, "SELECT 1"),
               soong::error);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(soong::execute_sql(b, "SELECT 1::int4").get<std::int32_t>(0, 0), 1);
}

}  // namespace
