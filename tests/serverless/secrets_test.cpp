// Passwords never leave soong in anything a program prints or logs: every failure a user can
// provoke with a secret in the connection settings (wrong password, unknown database, a server
// that is down, a malformed URL, a pool or the default connection that cannot connect, a lost
// connection) and every description and statement-hook event is searched for the secret.
// The server here checks passwords (SCRAM), so the wrong-password path is the real one.

#include <gtest/gtest.h>

#include <cstdlib>
#include <soong/soong.hpp>
#include <string>
#include <vector>

#include "embedded_server.hpp"

namespace {

constexpr const char* password = "Sup3r-Secr3t-Passw0rd";
constexpr const char* wrong_password = "Wr0ng-But-Still-Secr3t";

class secrets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    soong::embedded::server_options options;
    options.listen_tcp = true;
    options.hba_lines = {"host all app 127.0.0.1/32 scram-sha-256"};
    server_ = soong::embedded::server::start(options).release();
    soong::connection admin(server_->conninfo());
    soong::execute_script(admin, std::string("CREATE ROLE app LOGIN PASSWORD '") + password + "'");
  }
  static void TearDownTestSuite() { delete server_; }

  static std::string url(const char* secret, const std::string& dbname = "postgres", int port = 0) {
    return "postgresql://app:" + std::string(secret) +
           "@127.0.0.1:" + std::to_string(port != 0 ? port : server_->port()) + "/" + dbname;
  }

  /// Records everything soong said; checked for secrets at the end of each test.
  void said(const std::string& text) { said_.push_back(text); }
  template <class Call>
  void said_by(Call call) {
    try {
      call();
      ADD_FAILURE() << "expected an exception";
    } catch (const std::exception& e) {
      said(e.what());
    }
  }

  void TearDown() override {
    ASSERT_FALSE(said_.empty());
    for (const std::string& text : said_) {
      EXPECT_EQ(text.find(password), std::string::npos) << text;
      EXPECT_EQ(text.find(wrong_password), std::string::npos) << text;
    }
  }

  std::vector<std::string> said_;
  static inline soong::embedded::server* server_ = nullptr;
};

TEST_F(secrets, failed_connects_never_quote_the_password) {
  said_by([&] { soong::connection c(url(wrong_password)); });                // wrong password
  said_by([&] { soong::connection c(url(password, "no_such_database")); });  // unknown database
  said_by([&] { soong::connection c(url(password, "postgres", 1)); });       // nothing listens
  said_by([&] { soong::connection c(url(password) + "?sslmode=bogus"); });   // bad option
  said_by([&] { soong::connection c("postgresql://app:" + std::string(password) + "@[::1"); });
  said_by([&] { static_cast<void>(soong::connection_config::parse(url(password) + "?connect_timeout=soon")); });
  said_by([&] {
    soong::connection_config config = soong::connection_config::parse(url(wrong_password));
    soong::connection c(config);
  });
  EXPECT_NE(said_.front().find("password authentication failed"), std::string::npos)
      << said_.front();
}

TEST_F(secrets, descriptions_and_statement_events_hold_no_password) {
  soong::connection conn(url(password));
  said(conn.description());
  said(soong::connection_config::parse(url(password)).description());
  std::string events;
  conn.set_statement_hook([&](const soong::statement_event& e) {
    events += std::string(e.query_name) + " " + std::string(e.sql) + "\n";
  });
  static_cast<void>(soong::execute_sql(conn, "SELECT 1"));
  said(events);
  // A lost connection's error.
  soong::connection admin(server_->conninfo());
  static_cast<void>(
      soong::execute_sql(admin, "SELECT pg_terminate_backend($1)", conn.backend_pid()));
  said_by([&] { static_cast<void>(soong::execute_sql(conn, "SELECT 1")); });
  said_by([&] {
    conn.reconnect();
    soong::connection bad(url(wrong_password));
  });
}

TEST_F(secrets, pools_and_the_default_connection_keep_it_too) {
  soong::pool pool(url(wrong_password));
  said_by([&] { static_cast<void>(pool.acquire()); });
  ::setenv("DATABASE_URL", url(wrong_password).c_str(), 1);
  said_by([&] { static_cast<void>(soong::default_connection()); });
  ::unsetenv("DATABASE_URL");
  soong::reset_default_connection();
}

}  // namespace
