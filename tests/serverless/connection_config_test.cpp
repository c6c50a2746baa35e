// connection_config: environment precedence, IAM switches, TLS defaults and conninfo quoting.
// No server: these check the strings handed to libpq (libpq itself parses them back here).

#include "soong/connection_config.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <map>
#include <string>

#include "soong/error.hpp"

namespace {

/// Clears every variable connection_config reads, so each test starts from a known state.
class environment_test : public ::testing::Test {
 protected:
  void SetUp() override { clear(); }
  void TearDown() override { clear(); }
  static void clear() {
    for (const char* name :
         {"DATABASE_URL", "CONNECTION_URL", "PG_HOST", "PG_PORT", "PG_DBNAME", "PG_USER",
          "PG_PASSWORD", "PG_IAM_AUTH", "AWS_LAMBDA_FUNCTION_NAME", "PGPASSWORD", "PGSSLMODE",
          "PGHOST", "PGPORT", "PGUSER", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
      ::unsetenv(name);
    }
  }
};

/// keyword -> value as libpq parses `conninfo` (only the keys that are set).
std::map<std::string, std::string> parsed(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  EXPECT_NE(options, nullptr) << (error != nullptr ? error : "") << " in " << conninfo;
  if (error != nullptr) PQfreemem(error);
  std::map<std::string, std::string> out;
  if (options == nullptr) return out;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr) out[o->keyword] = o->val;
  }
  PQconninfoFree(options);
  return out;
}

soong::aws::credentials fixed_credentials() {
  return {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session/token"};
}

TEST_F(environment_test, database_url_wins_over_connection_url_and_pg_names) {
  ::setenv("DATABASE_URL", "postgresql://alice:pw@db.example:6543/app?sslmode=verify-full", 1);
  ::setenv("CONNECTION_URL", "postgresql://bob@other/otherdb", 1);
  ::setenv("PG_HOST", "pg-host", 1);
  const auto config = soong::connection_config::from_environment();
  EXPECT_EQ(config.host, "db.example");
  EXPECT_EQ(config.port, 6543);
  EXPECT_EQ(config.dbname, "app");
  EXPECT_EQ(config.user, "alice");
  EXPECT_EQ(config.password, "pw");
  EXPECT_EQ(config.sslmode, "verify-full");
}

TEST_F(environment_test, connection_url_wins_over_pg_names) {
  ::setenv("CONNECTION_URL", "host=h2 dbname=d2 user=u2", 1);
  ::setenv("PG_HOST", "pg-host", 1);
  const auto config = soong::connection_config::from_environment();
  EXPECT_EQ(config.host, "h2");
  EXPECT_EQ(config.dbname, "d2");
  EXPECT_EQ(config.user, "u2");
}

TEST_F(environment_test, pg_names_fill_what_they_give_and_leave_the_rest_to_libpq) {
  ::setenv("PG_HOST", "pg-host", 1);
  ::setenv("PG_PORT", "5433", 1);
  ::setenv("PG_DBNAME", "cruddur", 1);
  ::setenv("PG_USER", "app", 1);
  ::setenv("PG_PASSWORD", "it's \\ secret", 1);
  const auto config = soong::connection_config::from_environment();
  EXPECT_EQ(parsed(config.to_conninfo()),
            (std::map<std::string, std::string>{{"host", "pg-host"},
                                                {"port", "5433"},
                                                {"dbname", "cruddur"},
                                                {"user", "app"},
                                                {"password", "it's \\ secret"}}));
  EXPECT_FALSE(config.iam.enabled);
}

TEST_F(environment_test, nothing_set_gives_an_empty_conninfo_for_libpq_defaults) {
  EXPECT_EQ(soong::connection_config::from_environment().to_conninfo(), "");
}

TEST_F(environment_test, bad_pg_port_is_a_clear_error) {
  ::setenv("PG_PORT", "54x", 1);
  try {
    (void)soong::connection_config::from_environment();
    FAIL() << "expected an error";
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(), "PG_PORT is not a number: \"54x\"");
  }
}

TEST_F(environment_test, invalid_url_error_hides_the_password) {
  ::setenv("DATABASE_URL", "postgresql://alice:hunter2@[::1/app", 1);
  try {
    (void)soong::connection_config::from_environment();
    FAIL() << "expected an error";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("invalid connection URL or conninfo"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
  }
}

TEST_F(environment_test, a_malformed_password_is_not_quoted_in_the_error) {
  // libpq quotes the malformed token alone ("invalid percent-encoded token: ..."), here the
  // password itself.
  ::setenv("DATABASE_URL", "postgresql://alice:hun%zzter2@db/app", 1);
  try {
    (void)soong::connection_config::from_environment();
    FAIL() << "expected an error";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("percent-encoded"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("hun%zzter2"), std::string::npos) << e.what();
  }
}

TEST_F(environment_test, iam_switch_and_lambda_detection) {
  EXPECT_FALSE(soong::connection_config::from_environment().iam.enabled);
  ::setenv("PG_IAM_AUTH", "1", 1);
  EXPECT_TRUE(soong::connection_config::from_environment().iam.enabled);
  ::unsetenv("PG_IAM_AUTH");

  ::setenv("AWS_LAMBDA_FUNCTION_NAME", "post-confirmation", 1);
  EXPECT_TRUE(soong::connection_config::from_environment().iam.enabled);
  ::setenv("PG_PASSWORD", "pw", 1);  // a configured password turns the automatic IAM off
  EXPECT_FALSE(soong::connection_config::from_environment().iam.enabled);
  ::unsetenv("PG_PASSWORD");
  ::setenv("PGPASSWORD", "pw", 1);
  EXPECT_FALSE(soong::connection_config::from_environment().iam.enabled);
  ::unsetenv("PGPASSWORD");
  ::setenv("PG_IAM_AUTH", "off", 1);  // and so does an explicit switch
  EXPECT_FALSE(soong::connection_config::from_environment().iam.enabled);

  ::setenv("PG_IAM_AUTH", "maybe", 1);
  EXPECT_THROW((void)soong::connection_config::from_environment(), soong::error);
}

TEST_F(environment_test, iam_defaults_to_sslmode_require_unless_given) {
  soong::connection_config config;
  config.host = "db.example";
  config.user = "app";
  config.password = "never sent with IAM";
  config.iam.enabled = true;
  config.iam.region = "us-east-1";
  config.iam.credentials = fixed_credentials;
  EXPECT_EQ(parsed(config.to_conninfo())["sslmode"], "require");
  EXPECT_EQ(parsed(config.to_conninfo()).count("password"), 0u);
  EXPECT_EQ(parsed(config.conninfo_for_connect())["sslmode"], "require");

  ::setenv("PGSSLMODE", "verify-full", 1);  // libpq's own variable counts as explicit
  EXPECT_EQ(parsed(config.conninfo_for_connect()).count("sslmode"), 0u);
  ::unsetenv("PGSSLMODE");

  config.sslmode = "verify-full";
  config.sslrootcert = "/opt/rds/global-bundle.pem";
  const auto keys = parsed(config.conninfo_for_connect());
  EXPECT_EQ(keys.at("sslmode"), "verify-full");
  EXPECT_EQ(keys.at("sslrootcert"), "/opt/rds/global-bundle.pem");
}

TEST_F(environment_test, every_connect_signs_a_new_token_as_password) {
  soong::connection_config config;
  config.host = "db.example";
  config.port = 5432;
  config.user = "app";
  config.iam.enabled = true;
  config.iam.region = "us-east-1";
  config.iam.credentials = fixed_credentials;
  std::chrono::system_clock::time_point now =
      std::chrono::sys_days{std::chrono::year{2024} / 1 / 1};
  config.iam.clock = [&now] { return now; };

  const std::string first = parsed(config.conninfo_for_connect()).at("password");
  EXPECT_TRUE(first.starts_with("db.example:5432/?Action=connect&DBUser=app&")) << first;
  EXPECT_NE(first.find("X-Amz-Date=20240101T000000Z"), std::string::npos);
  EXPECT_NE(first.find("X-Amz-Security-Token=session%2Ftoken"), std::string::npos);
  now += std::chrono::minutes{16};
  const std::string second = parsed(config.conninfo_for_connect()).at("password");
  EXPECT_NE(first, second);
  EXPECT_NE(second.find("X-Amz-Date=20240101T001600Z"), std::string::npos);
}

TEST_F(environment_test, iam_takes_host_port_user_from_libpq_variables) {
  ::setenv("PGHOST", "env-host", 1);
  ::setenv("PGPORT", "6000", 1);
  ::setenv("PGUSER", "env-user", 1);
  ::setenv("AWS_REGION", "eu-west-1", 1);
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
  ::setenv("PG_IAM_AUTH", "1", 1);
  const auto keys = parsed(soong::connection_config::from_environment().conninfo_for_connect());
  EXPECT_EQ(keys.at("host"), "env-host");
  EXPECT_EQ(keys.at("port"), "6000");
  EXPECT_EQ(keys.at("user"), "env-user");
  EXPECT_TRUE(keys.at("password").starts_with("env-host:6000/?Action=connect&DBUser=env-user&"));
  EXPECT_NE(keys.at("password").find("%2Feu-west-1%2Frds-db%2F"), std::string::npos);
}

TEST_F(environment_test, iam_without_host_or_user_is_a_clear_error) {
  soong::connection_config config;
  config.iam.enabled = true;
  config.iam.credentials = fixed_credentials;
  config.iam.region = "us-east-1";
  config.user = "app";
  try {
    (void)config.conninfo_for_connect();
    FAIL() << "expected an error";
  } catch (const soong::connection_error& e) {
    EXPECT_STREQ(e.what(),
                 "RDS IAM authentication needs a TCP host name: set host (PG_HOST, DATABASE_URL "
                 "or PGHOST) to the RDS endpoint");
  }
  config.host = "db.example";
  config.user.clear();
  EXPECT_THROW((void)config.conninfo_for_connect(), soong::connection_error);
}

TEST_F(environment_test, iam_without_credentials_is_a_connection_error_naming_the_variable) {
  soong::connection_config config;
  config.iam.enabled = true;
  config.iam.region = "us-east-1";
  config.host = "db.example";
  config.user = "app";
  ::unsetenv("AWS_ACCESS_KEY_ID");
  try {
    (void)config.conninfo_for_connect();
    FAIL() << "expected an error";
  } catch (const soong::connection_error& e) {
    EXPECT_STREQ(e.what(),
                 "cannot sign an RDS IAM auth token: AWS credentials: environment variable "
                 "AWS_ACCESS_KEY_ID is not set");
  }
}

TEST_F(environment_test, description_never_contains_secrets) {
  soong::connection_config config;
  config.host = "db.example";
  config.user = "app";
  config.password = "hunter2";
  EXPECT_EQ(config.description(), "host=db.example port=(default) dbname=(default) user=app");
  config.iam.enabled = true;
  EXPECT_EQ(config.description().find("hunter2"), std::string::npos);
  EXPECT_TRUE(config.description().ends_with(" iam=on"));
}

TEST_F(environment_test, url_keeps_other_libpq_keywords) {
  const auto config = soong::connection_config::parse(
      "postgresql://u@h/d?application_name=lambda&connect_timeout=5&target_session_attrs=any");
  EXPECT_EQ(config.application_name, "lambda");
  EXPECT_EQ(config.connect_timeout, 5);
  const auto keys = parsed(config.to_conninfo());
  EXPECT_EQ(keys.at("target_session_attrs"), "any");
  EXPECT_EQ(keys.at("connect_timeout"), "5");
}

}  // namespace
