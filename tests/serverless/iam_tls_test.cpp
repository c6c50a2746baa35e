// RDS IAM authentication end to end on this machine: a throwaway PostgreSQL with TLS (a CA and
// server certificate made here with the `openssl` command), a role whose SCRAM password is the
// token that a fixed clock and fixed credentials produce, `hostssl ... scram-sha-256` for it
// and `reject` for plain TCP. The runtime connects with IAM on and `sslmode=verify-full`.
// What this cannot show: that RDS itself accepts the token (needs AWS; the signing is checked
// against published vectors in rds_iam_test.cpp instead).

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "embedded_server.hpp"
#include "soong/connection.hpp"
#include "soong/connection_config.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"
#include "soong/rds_iam.hpp"
#include "soong/statement.hpp"
#include "test_server.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
// Lambda's session tokens are around 1 KB of base64; this one is as long, so the token (the
// password PostgreSQL stores and checks) is well over 1 KB.
const std::string session_token = [] {
  std::string token = "FwoGZXIvYXdzEXAMPLE";
  while (token.size() < 1100) token += "Ab3/+xYz09";
  return token;
}();
const std::chrono::system_clock::time_point signing_time =
    std::chrono::sys_days{std::chrono::year{2024} / 6 / 1} + 12h;

soong::aws::credentials fixed_credentials() { return {"AKIDEXAMPLE", secret_key, session_token}; }

void run(const std::string& command) {
  if (const int status = std::system((command + " >>openssl.log 2>&1").c_str()); status != 0) {
    throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command);
  }
}

/// A CA, a server certificate it signed for localhost/127.0.0.1, and an unrelated CA.
fs::path make_certificates() {
  std::string folder_template = (fs::temp_directory_path() / "soong-iam-tls-XXXXXX").string();
  if (::mkdtemp(folder_template.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  const fs::path folder = folder_template;
  const fs::path previous = fs::current_path();
  fs::current_path(folder);
  const auto self_signed_ca = [](const std::string& name, const std::string& cn) {
    run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout " + name + ".key -out " + name +
        ".crt -subj '/CN=" + cn + "'");
  };
  self_signed_ca("ca", "soong test CA");
  self_signed_ca("other_ca", "some other CA");
  run("openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "
      "'/CN=localhost'");
  run("printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext");
  run("openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 "
      "-extfile san.ext -out server.crt");
  // The same key and names, signed by the same CA, valid only for one day in 2020.
  // (In parentheses: run() appends its own redirection, which would replace the last one.)
  run("(printf '[ca]\\ndefault_ca = test_ca\\n[test_ca]\\ndatabase = index.txt\\n"
      "new_certs_dir = .\\nserial = serial.txt\\ndefault_md = sha256\\npolicy = any\\n"
      "[any]\\ncommonName = supplied\\n' > ca.cnf && : > index.txt && echo 01 > serial.txt)");
  run("openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in server.csr "
      "-startdate 20200101000000Z -enddate 20200102000000Z -extfile san.ext -out expired.crt");
  fs::current_path(previous);
  return folder;
}

class iam_tls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certificates_ = new fs::path(make_certificates());
    soong::embedded::server_options options;
    options.listen_tcp = true;
    options.settings = {"ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"};
    options.data_files = {{"server.crt", (*certificates_ / "server.crt").string()},
                          {"server.key", (*certificates_ / "server.key").string()}};
    options.hba_lines = {"hostssl all iam_user 127.0.0.1/32 scram-sha-256",
                         "host all iam_user 127.0.0.1/32 reject"};
    server_ = soong::embedded::server::start(options).release();
    soong::testing::run_sql(server_->conninfo(),
                            "CREATE ROLE iam_user LOGIN PASSWORD '" + token_at(signing_time) + "'");
  }
  static void TearDownTestSuite() {
    delete server_;
    std::error_code ignored;
    fs::remove_all(*certificates_, ignored);
    delete certificates_;
  }

  /// The token the runtime should sign for this server at `time`.
  static std::string token_at(std::chrono::system_clock::time_point time) {
    soong::rds::auth_token_request request;
    request.host = "localhost";
    request.port = server_->port();
    request.user = "iam_user";
    request.region = "us-east-1";
    request.credentials = fixed_credentials();
    request.clock = [time] { return time; };
    return soong::rds::generate_auth_token(request);
  }

  static soong::connection_config iam_config(std::string_view ca = "ca.crt") {
    soong::connection_config config;
    config.host = "localhost";
    config.port = server_->port();
    config.dbname = "postgres";
    config.user = "iam_user";
    config.sslmode = "verify-full";
    config.sslrootcert = (*certificates_ / ca).string();
    config.connect_timeout = 10;
    config.iam.enabled = true;
    config.iam.region = "us-east-1";
    config.iam.credentials = fixed_credentials;
    config.iam.clock = [] { return signing_time; };
    return config;
  }

  static void expect_no_secrets(const std::string& text) {
    EXPECT_EQ(text.find(secret_key), std::string::npos) << text;
    EXPECT_EQ(text.find("X-Amz-Signature"), std::string::npos) << text;
    EXPECT_EQ(text.find("FwoGZXIvYXdzEXAMPLE"), std::string::npos) << text;
    EXPECT_EQ(text.find("Action=connect"), std::string::npos) << text;
  }

  static inline fs::path* certificates_ = nullptr;
  static inline soong::embedded::server* server_ = nullptr;
};

constexpr soong::type_ref who_columns[] = {{soong::oids::text, "pg_catalog", "text"},
                                           {soong::oids::bool_, "pg_catalog", "bool"}};
constexpr soong::statement who_am_i{
    .name = "WhoAmI",
    .sql = "SELECT current_user::text, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
    .columns = who_columns};

TEST_F(iam_tls, token_is_over_a_kilobyte) {
  const std::string token = token_at(signing_time);
  EXPECT_GT(token.size(), 1500u) << token;
  EXPECT_TRUE(token.starts_with("localhost:" + std::to_string(server_->port()) + "/?Action="));
}

TEST_F(iam_tls, connects_with_iam_over_verify_full_and_runs_a_query) {
  soong::connection conn(iam_config());
  const soong::result rows = soong::execute(conn, who_am_i);
  ASSERT_EQ(rows.rows(), 1);
  EXPECT_EQ(rows.get<std::string>(0, 0), "iam_user");
  EXPECT_TRUE(rows.get<bool>(0, 1));  // the session is encrypted
  expect_no_secrets(conn.description());
}

TEST_F(iam_tls, statement_hook_sees_no_secrets) {
  soong::connection conn(iam_config());
  std::string seen;
  conn.set_statement_hook(
      [&seen](const soong::statement_event& event) {
        seen += std::string(event.query_name) + ' ' + std::string(event.sql) + '\n';
        for (const auto& parameter : event.parameters) {
          if (parameter.binary) seen += std::string(*parameter.binary) + '\n';
        }
      },
      /*include_parameters=*/true);
  (void)soong::execute(conn, who_am_i);
  EXPECT_NE(seen.find("WhoAmI"), std::string::npos) << seen;
  expect_no_secrets(seen);
}

TEST_F(iam_tls, wrong_ca_fails_with_a_clear_error) {
  try {
    soong::connection conn(iam_config("other_ca.crt"));
    FAIL() << "connected although the server certificate is not from other_ca.crt";
  } catch (const soong::connection_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot connect to host=localhost"), std::string::npos) << message;
    EXPECT_NE(message.find("certificate verify failed"), std::string::npos) << message;
    expect_no_secrets(message);
  }
}

TEST_F(iam_tls, verify_full_refuses_a_certificate_for_another_host_name) {
  // Connect to the right address, but expect another name: the certificate says localhost.
  soong::connection_config config = iam_config();
  config.host = "db.wrong-name.example";
  config.other.emplace_back("hostaddr", "127.0.0.1");
  try {
    soong::connection conn(config);
    FAIL() << "connected although the certificate is not for db.wrong-name.example";
  } catch (const soong::connection_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("does not match host name \"db.wrong-name.example\""), std::string::npos)
        << message;
    expect_no_secrets(message);
  }
}

TEST_F(iam_tls, verify_full_refuses_an_expired_certificate) {
  soong::embedded::server_options options;
  options.listen_tcp = true;
  options.settings = {"ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"};
  options.data_files = {{"server.crt", (*certificates_ / "expired.crt").string()},
                        {"server.key", (*certificates_ / "server.key").string()}};
  const auto expired = soong::embedded::server::start(options);
  soong::connection_config config = iam_config();
  config.port = expired->port();
  try {
    soong::connection conn(config);
    FAIL() << "connected although the server certificate expired in 2020";
  } catch (const soong::connection_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("certificate verify failed"), std::string::npos) << message;
    EXPECT_NE(message.find("has expired"), std::string::npos) << message;
    EXPECT_NE(message.find("cannot connect to host=localhost"), std::string::npos) << message;
    expect_no_secrets(message);
  }
}

TEST_F(iam_tls, token_from_sixteen_minutes_later_differs_and_is_refused) {
  const std::string later = token_at(signing_time + 16min);
  EXPECT_NE(later, token_at(signing_time));
  soong::connection_config config = iam_config();
  config.iam.clock = [] { return signing_time + 16min; };
  try {
    soong::connection conn(config);
    FAIL() << "connected with a token that is not the role's password";
  } catch (const soong::connection_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("password authentication failed for user \"iam_user\""),
              std::string::npos)
        << message;
    expect_no_secrets(message);
  }
}

TEST_F(iam_tls, plain_tcp_is_rejected_for_the_iam_role) {
  soong::connection_config config = iam_config();
  config.sslmode = "disable";
  EXPECT_THROW(soong::connection conn(config), soong::connection_error);
}

TEST_F(iam_tls, reconnect_signs_a_new_token_instead_of_resending_the_old_one) {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(signing_time);
  auto credential_requests = std::make_shared<int>(0);
  soong::connection_config config = iam_config();
  config.iam.clock = [now] { return *now; };
  config.iam.credentials = [credential_requests] {
    ++*credential_requests;
    return fixed_credentials();
  };
  soong::connection conn(config);
  EXPECT_EQ(*credential_requests, 1);
  const int first_backend = conn.backend_pid();

  // Twenty minutes on, the first token has expired: only a token signed now would be accepted.
  *now = signing_time + 20min;
  soong::testing::run_sql(server_->conninfo(),
                          "ALTER ROLE iam_user PASSWORD '" + token_at(signing_time + 20min) + "'");
  conn.reconnect();
  EXPECT_EQ(*credential_requests, 2);
  EXPECT_NE(conn.backend_pid(), first_backend);
  EXPECT_EQ(soong::execute(conn, who_am_i).get<std::string>(0, 0), "iam_user");

  soong::testing::run_sql(server_->conninfo(),
                          "ALTER ROLE iam_user PASSWORD '" + token_at(signing_time) + "'");
}

TEST_F(iam_tls, failed_reconnect_does_not_leak_the_token) {
  auto now = std::make_shared<std::chrono::system_clock::time_point>(signing_time);
  soong::connection_config config = iam_config();
  config.iam.clock = [now] { return *now; };
  soong::connection conn(config);
  *now = signing_time + 16min;  // not the role's password
  try {
    conn.reconnect();
    FAIL() << "reconnected with a token that is not the role's password";
  } catch (const soong::connection_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reconnect to host=localhost"), std::string::npos)
        << e.what();
    expect_no_secrets(e.what());
  }
}

// Lambda-style settings from the environment only: PG_* names for the target, no password (so
// IAM turns on by itself), TLS options left to libpq's PGSSLMODE / PGSSLROOTCERT. The token is
// signed with the real clock, so the server refuses it: the point is that it got that far over
// verified TLS (the wrong CA fails earlier, and plain TCP would be rejected by pg_hba.conf).
TEST_F(iam_tls, lambda_environment_turns_on_iam_and_libpq_tls_variables_apply) {
  const std::string port = std::to_string(server_->port());
  const std::string ca = (*certificates_ / "ca.crt").string();
  const std::string other_ca = (*certificates_ / "other_ca.crt").string();
  for (const auto& [name, value] :
       {std::pair<const char*, std::string>{"AWS_LAMBDA_FUNCTION_NAME", "post-confirmation"},
        {"PG_HOST", "localhost"},
        {"PG_PORT", port},
        {"PG_DBNAME", "postgres"},
        {"PG_USER", "iam_user"},
        {"PGSSLMODE", "verify-full"},
        {"PGSSLROOTCERT", other_ca},
        {"AWS_REGION", "us-east-1"},
        {"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
        {"AWS_SECRET_ACCESS_KEY", secret_key},
        {"AWS_SESSION_TOKEN", session_token}}) {
    ::setenv(name, value.c_str(), 1);
  }
  try {
    (void)soong::connection::from_environment();
    FAIL() << "connected although PGSSLROOTCERT is the wrong CA";
  } catch (const soong::connection_error& e) {
    EXPECT_NE(std::string(e.what()).find("certificate verify failed"), std::string::npos)
        << e.what();
    expect_no_secrets(e.what());
  }
  ::setenv("PGSSLROOTCERT", ca.c_str(), 1);
  try {
    (void)soong::connection::from_environment();
    FAIL() << "connected with a token signed now, which is not the role's password";
  } catch (const soong::connection_error& e) {
    EXPECT_NE(std::string(e.what()).find("password authentication failed for user \"iam_user\""),
              std::string::npos)
        << e.what();
    expect_no_secrets(e.what());
  }
  for (const char* name : {"AWS_LAMBDA_FUNCTION_NAME", "PG_HOST", "PG_PORT", "PG_DBNAME", "PG_USER",
                           "PGSSLMODE", "PGSSLROOTCERT", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                           "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
    ::unsetenv(name);
  }
}

}  // namespace
