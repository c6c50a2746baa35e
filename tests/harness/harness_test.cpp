// The harness itself: a real cluster starts, answers, restarts, and is reachable over TCP.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <filesystem>
#include <memory>
#include <string>

#include "test_server.hpp"

namespace {

std::string scalar(const std::string& conninfo, const char* sql) {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  EXPECT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), sql), &PQclear);
  EXPECT_EQ(PQresultStatus(res.get()), PGRES_TUPLES_OK) << PQresultErrorMessage(res.get());
  return PQntuples(res.get()) == 1 ? PQgetvalue(res.get(), 0, 0) : "";
}

TEST(Harness, ServerAnswersWithSettingsApplied) {
  EXPECT_EQ(scalar(soong::testing::conninfo(), "SHOW fsync"), "off");
  EXPECT_EQ(scalar(soong::testing::conninfo(), "SELECT current_user"), "postgres");
  EXPECT_EQ(scalar(soong::testing::conninfo(), "SHOW server_encoding"), "UTF8");
}

TEST(Harness, TcpAndFreshDatabases) {
  auto& server = soong::testing::shared_server();
  EXPECT_EQ(scalar(server.tcp_conninfo(), "SELECT 1"), "1");
  const std::string a = soong::testing::fresh_database();
  const std::string b = soong::testing::fresh_database();
  EXPECT_NE(a, b);
  soong::testing::run_sql(a, "CREATE TABLE only_in_a (x int)");
  EXPECT_EQ(scalar(a, "SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'"), "1");
  EXPECT_EQ(scalar(b, "SELECT count(*) FROM pg_class WHERE relname = 'only_in_a'"), "0");
}

TEST(Harness, RestartKeepsDataAndClosesConnections) {
  auto& server = soong::testing::shared_server();
  const std::string db = soong::testing::fresh_database();
  soong::testing::run_sql(db, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(db.c_str()), &PQfinish);
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK);
  server.restart();
  std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), "SELECT 1"), &PQclear);
  EXPECT_NE(PQresultStatus(res.get()), PGRES_TUPLES_OK) << "old connection should be closed";
  EXPECT_EQ(scalar(db, "SELECT x FROM kept"), "42");
}

TEST(Harness, FailedStartReportsWhy) {
  soong::embedded::server_options options;
  options.settings.push_back("no_such_setting_xyz = 1");
  try {
    auto s = soong::embedded::server::start(options);
    FAIL() << "a server with an invalid setting started";
  } catch (const soong::embedded::server_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_setting_xyz"), std::string::npos) << e.what();
  }
}

TEST(Harness, FolderRemovedOnDestruction) {
  std::string dir;
  {
    auto s = soong::embedded::server::start();
    dir = s->socket_dir();
    EXPECT_TRUE(std::filesystem::exists(dir));
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

}  // namespace
