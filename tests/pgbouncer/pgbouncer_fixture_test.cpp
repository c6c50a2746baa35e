// The PgBouncer harness itself (tests/support/pgbouncer_server.hpp): it starts, routes to the
// shared cluster, really pools by transaction (or by session when asked), and fails loudly.

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "pgbouncer_server.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::pgbouncer_options;
using soong::testing::pgbouncer_server;

/// One libpq connection, for queries whose answer is a single value.
class client {
 public:
  explicit client(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str()), &PQfinish) {
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      throw std::runtime_error("cannot connect: " + std::string(PQerrorMessage(conn_.get())));
    }
  }

  /// The first column of the first row, "" for a command; throws on failure.
  std::string value(const std::string& sql) {
    std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn_.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(res.get());
    if (status == PGRES_COMMAND_OK) return "";
    if (status != PGRES_TUPLES_OK || PQntuples(res.get()) < 1) {
      throw std::runtime_error(sql + ": " + PQresultErrorMessage(res.get()));
    }
    return PQgetvalue(res.get(), 0, 0);
  }

  /// The value of `key` in the admin console's SHOW CONFIG.
  std::string config(const std::string& key) {
    std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn_.get(), "SHOW CONFIG"), &PQclear);
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
      throw std::runtime_error(std::string("SHOW CONFIG: ") + PQresultErrorMessage(res.get()));
    }
    for (int row = 0; row < PQntuples(res.get()); ++row) {
      if (key == PQgetvalue(res.get(), row, 0)) return PQgetvalue(res.get(), row, 1);
    }
    throw std::runtime_error("SHOW CONFIG has no " + key);
  }

  std::string backend_pid() { return value("SELECT pg_backend_pid()"); }

 private:
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

TEST(PgBouncerFixture, RoutesToTheClusterDatabaseByName) {
  pgbouncer_server bouncer;
  const std::string database = soong::testing::fresh_database_name();
  soong::testing::run_sql(
      soong::testing::conninfo(database),
      "CREATE TABLE made_directly (x int); INSERT INTO made_directly VALUES (7)");
  client through(bouncer.conninfo(database));
  EXPECT_EQ(through.value("SELECT current_database()"), database);
  EXPECT_EQ(through.value("SELECT x FROM made_directly"), "7");
  // The same cluster: the backend serving us is listed there.
  client direct(soong::testing::conninfo(database));
  EXPECT_EQ(
      direct.value("SELECT count(*) FROM pg_stat_activity WHERE pid = " + through.backend_pid()),
      "1");
}

TEST(PgBouncerFixture, DefaultsToTransactionPoolingWithTwoServerConnections) {
  pgbouncer_server bouncer;
  client admin(bouncer.admin_conninfo());
  EXPECT_EQ(admin.config("pool_mode"), "transaction");
  EXPECT_EQ(admin.config("default_pool_size"), "2");
}

// Four steps whose outcome only transaction pooling explains: a client that keeps its
// connection to PgBouncer open is served by a different server connection in its next
// transaction, because another client took its previous one meanwhile.
TEST(PgBouncerFixture, ConsecutiveTransactionsOfOneClientMoveBetweenServerConnections) {
  pgbouncer_server bouncer;  // 2 server connections
  const std::string database = soong::testing::fresh_database_name();
  client a(bouncer.conninfo(database));
  client b(bouncer.conninfo(database));
  client c(bouncer.conninfo(database));
  a.value("BEGIN");
  const std::string first = a.backend_pid();  // a holds one server connection
  b.value("BEGIN");
  const std::string other = b.backend_pid();  // b holds the other
  ASSERT_NE(first, other);
  a.value("COMMIT");  // a's server connection goes back to the pool...
  c.value("BEGIN");
  EXPECT_EQ(c.backend_pid(), first);  // ...and c gets it, the only free one
  b.value("COMMIT");
  EXPECT_EQ(a.backend_pid(), other);  // a's next transaction runs where b's did
  c.value("COMMIT");
}

TEST(PgBouncerFixture, TwoOpenClientsShareOneServerConnection) {
  pgbouncer_options options;
  options.default_pool_size = 1;
  options.settings.push_back("query_wait_timeout = 5");  // session pooling would wait, not hang
  pgbouncer_server bouncer(options);
  const std::string database = soong::testing::fresh_database_name();
  client a(bouncer.conninfo(database));
  client b(bouncer.conninfo(database));
  const std::string pid = a.backend_pid();
  EXPECT_EQ(b.backend_pid(), pid);
  EXPECT_EQ(a.backend_pid(), pid);
}

TEST(PgBouncerFixture, SessionPoolingKeepsEachClientOnItsServerConnection) {
  pgbouncer_options options;
  options.pool_mode = "session";
  pgbouncer_server bouncer(options);
  EXPECT_EQ(client(bouncer.admin_conninfo()).config("pool_mode"), "session");
  const std::string database = soong::testing::fresh_database_name();
  client a(bouncer.conninfo(database));
  client b(bouncer.conninfo(database));
  const std::string pid_a = a.backend_pid();
  const std::string pid_b = b.backend_pid();
  EXPECT_NE(pid_a, pid_b);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(b.backend_pid(), pid_b);
    EXPECT_EQ(a.backend_pid(), pid_a);
  }
}

TEST(PgBouncerFixture, StopsAndRemovesItsFolderOnDestruction) {
  std::string folder;
  pid_t pid = -1;
  {
    pgbouncer_server bouncer;
    folder = bouncer.folder();
    pid = bouncer.pid();
    ASSERT_TRUE(std::filesystem::exists(folder + "/pgbouncer.ini"));
    ASSERT_EQ(::kill(pid, 0), 0);
  }
  EXPECT_FALSE(std::filesystem::exists(folder));
  EXPECT_EQ(::kill(pid, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

TEST(PgBouncerFixture, MissingBinaryThrowsSayingWhatToInstall) {
  pgbouncer_options options;
  options.binary = "/nonexistent/pgbouncer";
  try {
    pgbouncer_server bouncer(options);
    FAIL() << "started without a pgbouncer binary";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/pgbouncer"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("package pgbouncer"), std::string::npos) << e.what();
  }
}

TEST(PgBouncerFixture, FailedStartThrowsWithPgBouncersLog) {
  pgbouncer_options options;
  options.pool_mode = "no_such_pool_mode";
  try {
    pgbouncer_server bouncer(options);
    FAIL() << "started with an invalid pool_mode";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no_such_pool_mode"), std::string::npos) << e.what();
  }
}

}  // namespace
