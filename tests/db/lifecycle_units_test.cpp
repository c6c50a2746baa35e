// The lifecycle's building blocks in-process: resolving the target (and never showing its
// secrets) and reading durations.

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "driver/command_line_secrets.hpp"
#include "lifecycle/database_target.hpp"
#include "lifecycle/duration.hpp"
#include "lifecycle/psql_launch.hpp"
#include "scoped_env.hpp"
#include "soong/error.hpp"

namespace {

using soong::gen::lifecycle::database_target;
using soong::gen::lifecycle::parse_duration;
using soong::gen::lifecycle::target_options;
using namespace std::chrono_literals;

const std::string secret = "Sec-41b7-ret";

using soong::testing::scoped_env;

/// No connection variable from the machine running the tests.
struct clean_environment {
  scoped_env a{"DATABASE_URL", std::nullopt}, b{"CONNECTION_URL", std::nullopt},
      c{"PG_HOST", std::nullopt}, d{"PG_PORT", std::nullopt}, e{"PG_DBNAME", std::nullopt},
      f{"PG_USER", std::nullopt}, g{"PG_PASSWORD", std::nullopt}, h{"PGPASSWORD", std::nullopt},
      i{"PGDATABASE", std::nullopt}, j{"PG_IAM_AUTH", std::nullopt},
      k{"AWS_LAMBDA_FUNCTION_NAME", std::nullopt};
};

database_target from_url(const std::string& url) {
  target_options options;
  options.database_url = url;
  return database_target::resolve(options);
}

TEST(database_target, redacted_never_shows_the_password) {
  const clean_environment clean;
  const database_target target =
      from_url("postgresql://app:" + secret + "@db.internal:5433/appdb?sslmode=require");
  const std::string shown = target.redacted();
  EXPECT_EQ(shown.find(secret), std::string::npos) << shown;
  EXPECT_EQ(shown,
            "host=db.internal port=5433 dbname=appdb user=app password=******** sslmode=require");
  EXPECT_EQ(target.source(), "--database-url");
  EXPECT_EQ(target.database_name(), "appdb");
}

TEST(database_target, pg_password_is_redacted_too) {
  const clean_environment clean;
  const scoped_env host("PG_HOST", "db.internal");
  const scoped_env user("PG_USER", "app");
  const scoped_env pw("PG_PASSWORD", secret);
  const database_target target = database_target::resolve({});
  EXPECT_EQ(target.redacted().find(secret), std::string::npos) << target.redacted();
  EXPECT_NE(target.source().find("PG_HOST"), std::string::npos) << target.source();
}

TEST(database_target, an_iam_token_is_never_shown_but_reaches_psql) {
  const clean_environment clean;
  const scoped_env iam("PG_IAM_AUTH", "1");
  const scoped_env region("AWS_REGION", "eu-west-1");
  const scoped_env key("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
  const scoped_env secret_key("AWS_SECRET_ACCESS_KEY", secret);
  const scoped_env session("AWS_SESSION_TOKEN", std::nullopt);
  const database_target target = from_url("postgresql://app@db.internal:5432/appdb");
  const std::string shown = target.redacted();
  EXPECT_NE(shown.find("iam=on"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("Action=connect"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("X-Amz-Signature"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(secret), std::string::npos) << shown;
  std::string password;
  for (const auto& [name, value] : target.libpq_environment()) {
    if (name == "PGPASSWORD") password = value;
  }
  EXPECT_NE(password.find("Action=connect"), std::string::npos) << "no IAM token for psql";
}

TEST(database_target, an_invalid_url_fails_without_quoting_its_password) {
  const clean_environment clean;
  try {
    // libpq quotes a malformed token alone in its error: here the password.
    static_cast<void>(from_url("postgresql://app:" + secret + "%zz@db/appdb"));
    FAIL() << "an invalid URL was accepted";
  } catch (const soong::error& e) {
    EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos) << e.what();
  }
}

TEST(database_target, url_env_names_a_missing_variable) {
  const clean_environment clean;
  target_options options;
  options.url_env = "SOONG_TEST_NOT_SET";
  const scoped_env unset("SOONG_TEST_NOT_SET", std::nullopt);
  try {
    static_cast<void>(database_target::resolve(options));
    FAIL() << "an unset --url-env variable was accepted";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("SOONG_TEST_NOT_SET"), std::string::npos);
  }
}

TEST(database_target, maintenance_keeps_the_server_and_credentials) {
  const clean_environment clean;
  const database_target target = from_url("postgresql://app:" + secret + "@db.internal/appdb");
  const database_target maintenance = target.maintenance();
  EXPECT_EQ(maintenance.database_name(), "postgres");
  EXPECT_EQ(maintenance.config().host, "db.internal");
  EXPECT_EQ(maintenance.config().user, "app");
  EXPECT_EQ(maintenance.config().password, secret);
  EXPECT_EQ(target.database_name(), "appdb");  // the original is unchanged
}

TEST(database_target, the_database_defaults_to_the_user_name_as_in_libpq) {
  const clean_environment clean;
  EXPECT_EQ(from_url("host=db.internal user=alice").database_name(), "alice");
  const scoped_env database("PGDATABASE", "from_pgdatabase");
  EXPECT_EQ(from_url("host=db.internal user=alice").database_name(), "from_pgdatabase");
}

TEST(psql_launch, the_password_goes_to_the_environment_never_the_arguments) {
  const clean_environment clean;
  const database_target target = from_url("postgresql://app:" + secret + "@db.internal/appdb");
  const auto invocation = soong::gen::lifecycle::psql_for(target, {"-c", "select 1"});
  ASSERT_EQ(invocation.arguments.size(), 3U);
  EXPECT_EQ(invocation.arguments[0], "psql");
  for (const std::string& argument : invocation.arguments) {
    EXPECT_EQ(argument.find(secret), std::string::npos) << argument;
  }
  bool password_set = false;
  bool database_set = false;
  for (const auto& [name, value] : invocation.environment) {
    if (name == "PGPASSWORD") password_set = value == secret;
    if (name == "PGDATABASE") database_set = value == "appdb";
  }
  EXPECT_TRUE(password_set);
  EXPECT_TRUE(database_set);
}

TEST(command_line_secrets, passwords_in_quoted_arguments_are_masked) {
  using soong::gen::without_command_line_secrets;
  EXPECT_EQ(without_command_line_secrets("postgresql://app:s3cret@db:5432/app?sslmode=require"),
            "postgresql://app:***@db:5432/app?sslmode=require");
  EXPECT_EQ(without_command_line_secrets("postgres://app@db/app"), "postgres://app@db/app");
  EXPECT_EQ(without_command_line_secrets("http://host:8080/path@x"), "http://host:8080/path@x");
  EXPECT_EQ(without_command_line_secrets("host=db password=s3cret user=app"),
            "host=db password=*** user=app");
  EXPECT_EQ(without_command_line_secrets("password = 'p\\' w' dbname=x"),
            "password = *** dbname=x");
  EXPECT_EQ(without_command_line_secrets("sslpassword=k3y password='p w'"),
            "sslpassword=*** password=***");
  EXPECT_EQ(without_command_line_secrets("--no-password=x mypassword=y"),
            "--no-password=x mypassword=y");
}

TEST(duration, reads_units_and_sums) {
  EXPECT_EQ(parse_duration("500ms"), 500ms);
  EXPECT_EQ(parse_duration("30s"), 30s);
  EXPECT_EQ(parse_duration("30"), 30s);
  EXPECT_EQ(parse_duration("10m"), 10min);
  EXPECT_EQ(parse_duration("1h30m"), 90min);
  EXPECT_EQ(parse_duration("2d"), 48h);
}

TEST(duration, rejects_what_is_not_a_duration) {
  for (const char* text : {"", "soon", "10x", "m", "-5s", "1.5h", "10 m", "5s10"}) {
    EXPECT_THROW(static_cast<void>(parse_duration(text)), soong::error) << text;
  }
}

}  // namespace
