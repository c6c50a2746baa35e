// `soong data-api serve` as users run it: a real process that prints where it listens, answers
// a signed client, and stops on SIGTERM; bad command lines get one line and exit 2.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "run_soong.hpp"
#include "soong/data_api/client.hpp"
#include "test_server.hpp"

namespace {

namespace data_api = soong::data_api;
using soong::testing::run_soong_in;
using soong::testing::shell_quote;

/// No signing keys from the machine running the tests.
const std::string no_keys = "AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY=";

TEST(data_api_serve_command, serves_a_signed_client_and_stops_on_sigterm) {
  const std::string database = soong::testing::fresh_database();
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::setenv("AWS_ACCESS_KEY_ID", "AKIDSERVE", 1);
    ::setenv("AWS_SECRET_ACCESS_KEY", "serve-secret", 1);
    ::execl(SOONG_EXE, SOONG_EXE, "data-api", "serve", "--database-url", database.c_str(), "-q",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* lines = ::fdopen(out[0], "r");
  char first[256] = {};
  ASSERT_NE(std::fgets(first, sizeof first, lines), nullptr);
  const std::string banner = first;
  const std::string marker = "listening on http://127.0.0.1:";
  const auto at = banner.find(marker);
  ASSERT_NE(at, std::string::npos) << banner;
  const int port = std::stoi(banner.substr(at + marker.size()));

  data_api::client_config config;
  config.resource_arn = "arn:aws:rds:us-east-1:123456789012:cluster:dev";
  config.secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev";
  config.endpoint = "http://127.0.0.1:" + std::to_string(port);
  config.credentials = [] { return soong::aws::credentials{"AKIDSERVE", "serve-secret", ""}; };
  data_api::client client(config);
  const auto answer =
      client.call("Execute",
                  {{"sql", "SELECT 41 + :one AS answer"},
                   {"parameters", {{{"name", "one"}, {"value", {{"longValue", 1}}}}}}},
                  "Answer");
  EXPECT_EQ(answer["records"][0][0]["longValue"], 42);

  ASSERT_EQ(::kill(child, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::fclose(lines);
}

TEST(data_api_serve_command, bad_command_lines_get_one_line_and_exit_2) {
  const std::string database = soong::testing::conninfo();
  const struct {
    std::string args;
    std::string environment;
    std::string expected;
  } cases[] = {
      {"data-api serve --database-url " + shell_quote(database), no_keys, "AWS_ACCESS_KEY_ID"},
      {"data-api serve --port 70000", no_keys, "--port"},
      {"data-api serve --keys-file /nonexistent/keys --database-url " + shell_quote(database),
       no_keys, "/nonexistent/keys"},
      {"data-api serve --statement-timeout soon --database-url " + shell_quote(database),
       "AWS_ACCESS_KEY_ID=a AWS_SECRET_ACCESS_KEY=b", "soon"},
  };
  for (const auto& c : cases) {
    const auto result = run_soong_in("/", c.args, c.environment);
    EXPECT_EQ(result.exit_code, 2) << c.args << "\n" << result.err;
    EXPECT_NE(result.err.find(c.expected), std::string::npos) << c.args << "\n" << result.err;
    EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "not one line: " << result.err;
  }
}

}  // namespace
