// The real `bootstrap` program (examples/lambda) run as a child process against a fake Runtime
// API on loopback and a real PostgreSQL over TCP, configured only through the environment, as
// Lambda would run it. Checks the rows in the database and what was posted back.
// Not covered here: real AWS (Lambda's own Runtime API, RDS accepting an IAM token).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <soong/soong.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fake_runtime_api.hpp"
#include "test_server.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::fake_runtime_api;

constexpr const char* secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A database loaded with Cruddur's schema and seed; returns its name.
std::string cruddur_database() {
  static int counter = 0;
  const std::string name = "lambda_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  soong::testing::run_sql(soong::testing::conninfo(), "CREATE DATABASE " + name);
  const std::string conninfo = soong::testing::conninfo(name);
  soong::testing::run_sql(conninfo, read_file(std::string(SOONG_SOURCE_DIR) + "/sql/schema.sql"));
  soong::testing::run_sql(conninfo, read_file(std::string(SOONG_SOURCE_DIR) + "/sql/seed.sql"));
  return name;
}

nlohmann::json cognito_event(const std::string& handle, const std::string& sub) {
  return {{"version", "1"},
          {"region", "us-east-1"},
          {"triggerSource", "PostConfirmation_ConfirmSignUp"},
          {"userName", sub},
          {"request",
           {{"userAttributes",
             {{"sub", sub},
              {"email_verified", "true"},
              {"name", "User " + handle},
              {"email", handle + "@example.com"},
              {"preferred_username", handle}}}}},
          {"response", nlohmann::json::object()}};
}

/// The bootstrap as a child process with exactly `environment`; stderr goes to a file.
class bootstrap_process {
 public:
  explicit bootstrap_process(const std::vector<std::string>& environment)
      : stderr_path_(::testing::TempDir() + "bootstrap_stderr_" + std::to_string(::getpid()) +
                     ".log") {
    std::vector<char*> envp;
    for (const std::string& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
    envp.push_back(nullptr);
    char* argv[] = {const_cast<char*>(SOONG_LAMBDA_BOOTSTRAP), nullptr};
    pid_ = ::fork();
    if (pid_ == 0) {
      const int err = ::open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (err >= 0) ::dup2(err, STDERR_FILENO);
      ::execve(SOONG_LAMBDA_BOOTSTRAP, argv, envp.data());
      ::_exit(127);
    }
  }
  ~bootstrap_process() {
    if (pid_ > 0 && !exit_code_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  /// The exit code, waiting up to `timeout`; -1 when it is still running then.
  int wait(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exit_code_ && std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      } else {
        std::this_thread::sleep_for(10ms);
      }
    }
    return exit_code_ ? *exit_code_ : -1;
  }
  [[nodiscard]] std::string stderr_text() const { return read_file(stderr_path_); }

 private:
  std::string stderr_path_;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

std::int64_t count(const std::string& database, const std::string& sql) {
  soong::connection conn(soong::testing::conninfo(database));
  return soong::execute_sql(conn, sql).get<std::int64_t>(0, 0);
}

class lambda_bootstrap : public ::testing::Test {
 protected:
  /// What Lambda sets, plus the function's database settings; no password unless given.
  std::vector<std::string> lambda_environment(const std::string& password) const {
    std::vector<std::string> env = {
        "AWS_LAMBDA_RUNTIME_API=" + api_.address(),
        "AWS_LAMBDA_FUNCTION_NAME=cruddur-post-confirmation",
        "AWS_REGION=us-east-1",
        "AWS_ACCESS_KEY_ID=AKIDEXAMPLE",
        std::string("AWS_SECRET_ACCESS_KEY=") + secret_key,
        "AWS_SESSION_TOKEN=session-token-example",
        "PG_HOST=127.0.0.1",
        "PG_PORT=" + std::to_string(soong::testing::shared_server().port()),
        "PG_DBNAME=" + database_,
        "PG_USER=postgres"};
    // The test server trusts loopback, so any password works; its presence turns IAM off.
    if (!password.empty()) env.push_back("PG_PASSWORD=" + password);
    return env;
  }

  std::string database_ = cruddur_database();
  fake_runtime_api api_;
};

TEST_F(lambda_bootstrap, answers_cognito_events_and_inserts_the_users) {
  bootstrap_process bootstrap(lambda_environment("not-checked-by-trust"));
  const auto event = cognito_event("gkar", "sub-gkar");
  api_.invoke("request-1", event.dump());
  const auto first = api_.wait_for_answer("request-1", 60s);
  ASSERT_TRUE(first.has_value()) << bootstrap.stderr_text();
  EXPECT_EQ(first->kind, "response") << first->body;
  EXPECT_EQ(nlohmann::json::parse(first->body), event);  // Cognito wants its event back
  EXPECT_EQ(count(database_,
                  "SELECT count(*) FROM public.users WHERE cognito_user_id = 'sub-gkar' AND "
                  "handle = 'gkar' AND email = 'gkar@example.com'"),
            1);

  // A warm invocation: the same process and connection; a taken handle fails this invocation.
  api_.invoke("request-2", cognito_event("gkar", "sub-other").dump());
  const auto second = api_.wait_for_answer("request-2", 60s);
  ASSERT_TRUE(second.has_value()) << bootstrap.stderr_text();
  EXPECT_EQ(second->kind, "error");
  EXPECT_EQ(second->error_type, "std::exception");
  EXPECT_EQ(
      nlohmann::json::parse(second->body),
      (nlohmann::json{{"errorMessage", R"(post_confirmation: {"errors":["user_handle_taken"]})"},
                      {"errorType", "std::exception"}}));
  EXPECT_EQ(count(database_, "SELECT count(*) FROM public.users"), 4);  // 3 seeded + gkar

  api_.stop_handing_out_events();
  EXPECT_EQ(bootstrap.wait(60s), 1);  // the Runtime API is gone: exit, Lambda starts anew
  EXPECT_NE(bootstrap.stderr_text().find("not reachable"), std::string::npos);
}

TEST_F(lambda_bootstrap, reconnects_when_its_backend_died_while_the_container_was_frozen) {
  bootstrap_process bootstrap(lambda_environment("not-checked-by-trust"));
  api_.invoke("before-freeze", cognito_event("delenn", "sub-delenn").dump());
  const auto before = api_.wait_for_answer("before-freeze", 60s);
  ASSERT_TRUE(before.has_value()) << bootstrap.stderr_text();
  ASSERT_EQ(before->kind, "response") << before->body;

  soong::connection admin(soong::testing::conninfo());
  EXPECT_EQ(soong::execute_sql(admin,
                               "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = $1 AND backend_type = 'client backend'",
                               database_)
                .get<std::int64_t>(0, 0),
            1);
  // Longer than default_connection_options::idle_check_after (1 s): the next invocation checks.
  std::this_thread::sleep_for(1200ms);

  api_.invoke("after-freeze", cognito_event("lennier", "sub-lennier").dump());
  const auto after = api_.wait_for_answer("after-freeze", 60s);
  ASSERT_TRUE(after.has_value()) << bootstrap.stderr_text();
  EXPECT_EQ(after->kind, "response") << after->body;
  EXPECT_EQ(count(database_, "SELECT count(*) FROM public.users WHERE handle = 'lennier'"), 1);
}

TEST_F(lambda_bootstrap, on_lambda_without_a_password_it_uses_iam_and_tls_and_reports_failure) {
  // No PG_PASSWORD: IAM is on, so the bootstrap signs a token and insists on TLS, which this
  // test server does not offer. The invocation fails with a connection_error that names the
  // problem and contains no secret.
  bootstrap_process bootstrap(lambda_environment(""));
  api_.invoke("iam-1", cognito_event("vir", "sub-vir").dump());
  const auto answer = api_.wait_for_answer("iam-1", 60s);
  ASSERT_TRUE(answer.has_value()) << bootstrap.stderr_text();
  EXPECT_EQ(answer->kind, "error");
  EXPECT_EQ(answer->error_type, "soong::connection_error");
  EXPECT_NE(answer->body.find("SSL"), std::string::npos) << answer->body;
  EXPECT_EQ(answer->body.find(secret_key), std::string::npos);
  EXPECT_EQ(answer->body.find("X-Amz-Signature"), std::string::npos);
  EXPECT_EQ(bootstrap.stderr_text().find(secret_key), std::string::npos);
  EXPECT_EQ(count(database_, "SELECT count(*) FROM public.users WHERE handle = 'vir'"), 0);
}

TEST_F(lambda_bootstrap, a_statement_outliving_the_invocation_deadline_is_cancelled_and_reported) {
  bootstrap_process bootstrap(lambda_environment("not-checked-by-trust"));
  // Another session holds the users table, so the trigger's INSERT waits for it.
  soong::connection blocker(soong::testing::conninfo(database_));
  soong::execute_script(blocker, "BEGIN; LOCK TABLE public.users IN ACCESS EXCLUSIVE MODE");

  api_.invoke("slow-1", cognito_event("vorlon", "sub-vorlon").dump(), 1500ms);
  const auto answer = api_.wait_for_answer("slow-1", 60s);
  ASSERT_TRUE(answer.has_value()) << bootstrap.stderr_text();
  EXPECT_EQ(answer->kind, "error");
  EXPECT_EQ(answer->error_type, "soong::sql_error");
  EXPECT_NE(answer->body.find("deadline passed"), std::string::npos) << answer->body;
  // Reported before Lambda would have stopped the function: 1500 ms after the event was handed
  // out (the bootstrap's own start before it asked for the event does not count).
  EXPECT_LT(answer->since_handout, 1500ms);

  soong::execute_script(blocker, "ROLLBACK");
  EXPECT_EQ(count(database_, "SELECT count(*) FROM public.users WHERE handle = 'vorlon'"), 0);
  // The same process and connection serve the next invocation.
  api_.invoke("slow-2", cognito_event("vorlon", "sub-vorlon").dump(), 10s);
  const auto next = api_.wait_for_answer("slow-2", 60s);
  ASSERT_TRUE(next.has_value()) << bootstrap.stderr_text();
  EXPECT_EQ(next->kind, "response") << next->body;
  EXPECT_EQ(count(database_, "SELECT count(*) FROM public.users WHERE handle = 'vorlon'"), 1);
}

}  // namespace
