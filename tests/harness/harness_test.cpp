// The harness itself: a real cluster starts, answers, restarts, and is reachable over TCP.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "standby_server.hpp"
#include "test_server.hpp"

namespace {

/// A loopback port held by a listening socket for the object's lifetime, as by another
/// process that took a free port before the server could bind it.
class held_port {
 public:
  held_port() : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (socket_ < 0 || ::bind(socket_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::listen(socket_, 4) != 0 ||
        ::getsockname(socket_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      throw std::runtime_error("held_port: cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
  }
  ~held_port() { ::close(socket_); }
  held_port(const held_port&) = delete;
  held_port& operator=(const held_port&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  int socket_;
  int port_ = 0;
};

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

TEST(Harness, ServerMovesOffATakenPort) {
  const held_port taken;
  soong::embedded::server_options options;
  options.listen_tcp = true;
  options.preferred_tcp_port = taken.port();
  const auto server = soong::embedded::server::start(options);
  EXPECT_NE(server->port(), taken.port());
  EXPECT_EQ(scalar(server->tcp_conninfo(), "SHOW port"), std::to_string(server->port()));
  // The new port is the server's for good: a restart keeps it.
  server->restart();
  EXPECT_EQ(scalar(server->tcp_conninfo(), "SELECT 1"), "1");
}

TEST(Harness, StandbyMovesOffATakenPort) {
  soong::embedded::server_options options;
  options.listen_tcp = true;
  const auto primary = soong::embedded::server::start(options);
  const held_port taken;
  const soong::testing::standby_server standby(*primary, {}, taken.port());
  EXPECT_NE(standby.port(), taken.port());
  EXPECT_EQ(scalar(standby.tcp_conninfo(), "SELECT pg_is_in_recovery()::text"), "true");
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
