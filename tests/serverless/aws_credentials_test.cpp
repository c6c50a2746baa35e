// The AWS credential provider chain against a real HTTP endpoint on loopback that answers as
// the ECS container credentials endpoint does (JSON AccessKeyId/SecretAccessKey/Token/Expiration,
// Authorization header checked). Time is injected so expiry and refresh are exact.

#include "soong/aws_credentials.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "background_http_server.hpp"
#include "soong/error.hpp"

namespace {

using namespace std::chrono_literals;
namespace aws = soong::aws;
using time_point = std::chrono::system_clock::time_point;

constexpr const char* chain_variables[] = {
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
};

/// Each test starts from an environment with none of the chain's variables.
class credential_chain_test : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : chain_variables) ::unsetenv(name);
  }
  void TearDown() override {
    for (const char* name : chain_variables) ::unsetenv(name);
  }
};

/// `2026-12-05T03:00:00Z`-style text of a time point (what the endpoint sends).
std::string iso_utc(time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

/// A loopback credentials endpoint: counts requests, requires a token, answers keys that
/// expire at `expiration`, or fails with HTTP 500 when told to.
class fake_credentials_endpoint {
 public:
  explicit fake_credentials_endpoint(std::string required_token)
      : required_token_(std::move(required_token)) {
    server_.Get("/creds", [this](const httplib::Request& request, httplib::Response& response) {
      ++requests_;
      const std::lock_guard lock(mutex_);
      if (request.get_header_value("Authorization") != required_token_) {
        response.status = 401;
        response.set_content(R"({"message":"bad token"})", "application/json");
        return;
      }
      if (failing_) {
        response.status = 500;
        response.set_content(R"({"message":"agent restarting"})", "application/json");
        return;
      }
      response.set_content(body_, "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = soong::testing::serve_in_background(server_);
  }
  ~fake_credentials_endpoint() {
    server_.stop();
    thread_.join();
  }
  fake_credentials_endpoint(const fake_credentials_endpoint&) = delete;
  fake_credentials_endpoint& operator=(const fake_credentials_endpoint&) = delete;

  [[nodiscard]] std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/creds";
  }
  void answer(const std::string& key_id, time_point expiration) {
    const std::lock_guard lock(mutex_);
    body_ = R"({"AccessKeyId":")" + key_id + R"(","SecretAccessKey":"secret-of-)" + key_id +
            R"(","Token":"session-of-)" + key_id + R"(","Expiration":")" + iso_utc(expiration) +
            R"("})";
  }
  void answer_raw(std::string body) {
    const std::lock_guard lock(mutex_);
    body_ = std::move(body);
  }
  void fail(bool failing) {
    const std::lock_guard lock(mutex_);
    failing_ = failing;
  }
  [[nodiscard]] int requests() const { return requests_; }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string required_token_;
  std::mutex mutex_;
  std::string body_;
  bool failing_ = false;
  std::atomic<int> requests_{0};
};

/// A clock the test moves by hand.
struct manual_clock {
  std::shared_ptr<std::atomic<time_point::rep>> ticks =
      std::make_shared<std::atomic<time_point::rep>>(
          (std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 2h)
              .time_since_epoch()
              .count());
  [[nodiscard]] time_point now() const { return time_point(time_point::duration(ticks->load())); }
  void advance(std::chrono::seconds by) const {
    ticks->fetch_add(std::chrono::duration_cast<time_point::duration>(by).count());
  }
  [[nodiscard]] aws::clock_function function() const {
    return [ticks = ticks] { return time_point(time_point::duration(ticks->load())); };
  }
};

TEST_F(credential_chain_test, environment_keys_win_over_the_container_endpoint) {
  ::setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "secret-env", 1);
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/never-asked", 1);
  const aws::credentials keys = aws::credential_chain{}();
  EXPECT_EQ(keys.access_key_id, "AKIDENV");
  EXPECT_EQ(keys.secret_access_key, "secret-env");
}

TEST_F(credential_chain_test, container_keys_are_cached_and_refreshed_before_they_expire) {
  fake_credentials_endpoint endpoint("token-1");
  const manual_clock clock;
  endpoint.answer("AKIDFIRST", clock.now() + 15min);
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url().c_str(), 1);
  ::setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-1", 1);
  const aws::credential_chain chain({clock.function(), 300s, 2000ms});

  aws::credentials keys = chain();
  EXPECT_EQ(keys.access_key_id, "AKIDFIRST");
  EXPECT_EQ(keys.secret_access_key, "secret-of-AKIDFIRST");
  EXPECT_EQ(keys.session_token, "session-of-AKIDFIRST");
  const aws::credential_chain copy = chain;  // copies share the cache
  EXPECT_EQ(copy().access_key_id, "AKIDFIRST");
  EXPECT_EQ(endpoint.requests(), 1);

  clock.advance(9min);  // 6 minutes left: still outside the 5-minute margin
  EXPECT_EQ(chain().access_key_id, "AKIDFIRST");
  EXPECT_EQ(endpoint.requests(), 1);

  endpoint.answer("AKIDSECOND", clock.now() + 1h);
  clock.advance(2min);  // 4 minutes left: fetched again
  EXPECT_EQ(chain().access_key_id, "AKIDSECOND");
  EXPECT_EQ(endpoint.requests(), 2);
}

TEST_F(credential_chain_test, a_failed_refresh_keeps_working_keys_until_they_expire) {
  fake_credentials_endpoint endpoint("token-1");
  const manual_clock clock;
  endpoint.answer("AKIDFIRST", clock.now() + 10min);
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url().c_str(), 1);
  ::setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-1", 1);
  const aws::credential_chain chain({clock.function(), 300s, 2000ms});
  EXPECT_EQ(chain().access_key_id, "AKIDFIRST");

  endpoint.fail(true);
  clock.advance(6min);  // inside the margin: a refresh is tried, fails, the keys still work
  EXPECT_EQ(chain().access_key_id, "AKIDFIRST");
  EXPECT_EQ(endpoint.requests(), 2);

  clock.advance(5min);  // expired: the failure is the caller's now, with the endpoint's words
  try {
    (void)chain();
    FAIL() << "expired keys were handed out";
  } catch (const soong::error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(endpoint.url()), std::string::npos) << message;
    EXPECT_NE(message.find("HTTP 500: agent restarting"), std::string::npos) << message;
    EXPECT_EQ(message.find("token-1"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret-of"), std::string::npos) << message;
  }
}

TEST_F(credential_chain_test, the_token_file_wins_and_is_read_again_when_it_rotates) {
  fake_credentials_endpoint endpoint("token-from-file-2");
  const manual_clock clock;
  endpoint.answer("AKIDFILE", clock.now() + 1h);
  const std::filesystem::path token_file =
      std::filesystem::temp_directory_path() / ("soong-token-" + std::to_string(::getpid()));
  std::ofstream(token_file) << "token-from-file-1\n";
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url().c_str(), 1);
  ::setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "token-from-variable", 1);
  ::setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file.c_str(), 1);
  const aws::credential_chain chain({clock.function(), 300s, 2000ms});

  // The endpoint wants the rotated token: the first one is refused with its message.
  try {
    (void)chain();
    FAIL() << "an unauthorized answer was accepted";
  } catch (const soong::error& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP 401: bad token"), std::string::npos) << e.what();
  }
  std::ofstream(token_file) << "token-from-file-2\n";
  EXPECT_EQ(chain().access_key_id, "AKIDFILE");
  std::filesystem::remove(token_file);
}

TEST_F(credential_chain_test, endpoint_urls_follow_the_container_rules) {
  EXPECT_FALSE(aws::container_endpoint_from_environment().has_value());

  ::setenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc", 1);
  auto endpoint = aws::container_endpoint_from_environment();
  ASSERT_TRUE(endpoint.has_value());
  EXPECT_EQ(endpoint->url, "http://169.254.170.2/v2/credentials/abc");
  ::unsetenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");

  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://credentials.example.com/role", 1);
  EXPECT_EQ(aws::container_endpoint_from_environment()->url,
            "https://credentials.example.com/role");
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://[::1]:8080/role", 1);
  EXPECT_EQ(aws::container_endpoint_from_environment()->url, "http://[::1]:8080/role");

  // Keys in clear text over a network: refused, naming the variable and the host.
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://credentials.example.com/role", 1);
  try {
    (void)aws::container_endpoint_from_environment();
    FAIL() << "plain http to a remote host was accepted";
  } catch (const soong::error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("AWS_CONTAINER_CREDENTIALS_FULL_URI"), std::string::npos) << message;
    EXPECT_NE(message.find("credentials.example.com"), std::string::npos) << message;
  }
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "ftp://127.0.0.1/role", 1);
  EXPECT_THROW((void)aws::container_endpoint_from_environment(), soong::error);

  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/role", 1);
  ::setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nonexistent/soong-token", 1);
  EXPECT_THROW((void)aws::container_endpoint_from_environment(), soong::error);
}

TEST_F(credential_chain_test, no_source_says_where_it_looked) {
  try {
    (void)aws::credential_chain{}();
    FAIL() << "credentials appeared from nowhere";
  } catch (const soong::error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("AWS_ACCESS_KEY_ID"), std::string::npos) << message;
    EXPECT_NE(message.find("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), std::string::npos) << message;
  }
}

TEST_F(credential_chain_test, malformed_answers_are_errors_not_empty_keys) {
  fake_credentials_endpoint endpoint("t");
  const aws::container_endpoint target{endpoint.url(), "t"};
  const std::pair<const char*, const char*> cases[] = {
      {R"({"AccessKeyId":"AKID"})", "no SecretAccessKey"},
      {"<html>", "not JSON"},
      {R"({"AccessKeyId":"AKID","SecretAccessKey":"s","Expiration":"tomorrow"})",
       "Expiration is not"},
  };
  for (const auto& [body, expected] : cases) {
    endpoint.answer_raw(body);
    try {
      (void)aws::fetch_container_credentials(target, 2000ms);
      FAIL() << "accepted " << body;
    } catch (const soong::error& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW((void)aws::fetch_container_credentials({"http://127.0.0.1:1/closed", ""}, 500ms),
               soong::error);
}

TEST_F(credential_chain_test, concurrent_callers_share_one_fetch) {
  fake_credentials_endpoint endpoint("t");
  const manual_clock clock;
  endpoint.answer("AKIDSHARED", clock.now() + 1h);
  ::setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url().c_str(), 1);
  ::setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t", 1);
  const aws::credential_chain chain({clock.function(), 300s, 2000ms});
  std::vector<std::thread> threads;
  std::atomic<int> right{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (chain().access_key_id == "AKIDSHARED") ++right;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(right.load(), 8);
  EXPECT_EQ(endpoint.requests(), 1);
}

}  // namespace
