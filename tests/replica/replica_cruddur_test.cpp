// The Cruddur example's HTTP routes over a soong::cluster of a real primary and a hot standby:
// the feed is read on the standby, an activity is written on the primary, and a client that
// sends the write's consistency token back reads its own activity even while the standby's
// replay is paused (from the primary then), and from the standby once it has caught up.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <soong/cluster.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "background_http_server.hpp"
#include "cruddur/http_routes.hpp"
#include "replica_set.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

using namespace std::chrono_literals;
using replica_test::replica_set;

std::string read_source_file(const std::string& relative_path) {
  return soong::testing::read_file(std::string(SOONG_SOURCE_DIR) + "/" + relative_path);
}

/// Which host served each routed request, in order.
class host_log {
 public:
  soong::route_hook hook() {
    return [this](const soong::route_event& e) {
      const std::lock_guard lock(mutex_);
      roles_.push_back(e.role);
    };
  }
  std::vector<soong::host_role> take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(roles_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<soong::host_role> roles_;
};

class cruddur_on_a_cluster : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    servers_ = new replica_set(
        1, {}, read_source_file("sql/schema.sql") + "\n" + read_source_file("sql/seed.sql"));
  }
  static void TearDownTestSuite() { delete servers_; }

  void SetUp() override {
    soong::cluster_options options;
    options.primary = servers_->primary_conninfo();
    options.replicas = {servers_->standby_conninfo(0)};
    options.role_check_interval = 0ms;  // every decision sees the servers as they are now
    options.max_replica_lag_bytes = std::nullopt;  // only the token decides
    options.consistency_wait = 300ms;
    options.on_route = log_.hook();
    cluster_.emplace(options);
    cruddur::http::install_routes(server_, *cluster_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    listener_ = soong::testing::serve_in_background(server_);
    servers_->wait_for_standbys();
  }

  void TearDown() override {
    server_.stop();
    if (listener_.joinable()) listener_.join();
    soong::testing::run_sql(servers_->standby_conninfo(0), "SELECT pg_wal_replay_resume()");
  }

  /// GET /api/activities/home, with `token` in the consistency header when not empty.
  nlohmann::json home_feed(const std::string& token = {}) {
    httplib::Client http("127.0.0.1", port_);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace(cruddur::http::consistency_token_header, token);
    const auto res = http.Get("/api/activities/home", headers);
    if (!res) throw std::runtime_error(httplib::to_string(res.error()));
    EXPECT_EQ(res->status, 200) << res->body;
    return nlohmann::json::parse(res->body);
  }

  static bool holds(const nlohmann::json& feed, const nlohmann::json& uuid) {
    for (const auto& item : feed) {
      if (item["uuid"] == uuid) return true;
    }
    return false;
  }

  static replica_set* servers_;
  host_log log_;
  std::optional<soong::cluster> cluster_;
  httplib::Server server_;
  std::thread listener_;
  int port_ = 0;
};

replica_set* cruddur_on_a_cluster::servers_ = nullptr;

TEST_F(cruddur_on_a_cluster, reads_on_the_standby_and_the_writer_reads_its_own_activity) {
  EXPECT_EQ(home_feed().size(), 3U) << "the seeded feed";
  EXPECT_EQ(log_.take(), std::vector{soong::host_role::standby});

  soong::testing::run_sql(servers_->standby_conninfo(0), "SELECT pg_wal_replay_pause()");
  httplib::Client http("127.0.0.1", port_);
  const auto created = http.Post(
      "/api/activities", R"({"handle":"andrewbrown","message":"from the primary","ttl":"1-day"})",
      "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_EQ(log_.take(), std::vector{soong::host_role::primary});
  const std::string token = created->get_header_value(cruddur::http::consistency_token_header);
  ASSERT_FALSE(token.empty()) << "a write answers with its consistency token";
  const nlohmann::json uuid = nlohmann::json::parse(created->body)["uuid"];

  // The standby has not replayed the write: without the token the feed is stale, with it the
  // primary answers after the wait.
  EXPECT_FALSE(holds(home_feed(), uuid));
  EXPECT_EQ(log_.take(), std::vector{soong::host_role::standby});
  EXPECT_TRUE(holds(home_feed(token), uuid));
  EXPECT_EQ(log_.take(), std::vector{soong::host_role::primary});

  soong::testing::run_sql(servers_->standby_conninfo(0), "SELECT pg_wal_replay_resume()");
  servers_->wait_for_standbys();
  EXPECT_TRUE(holds(home_feed(token), uuid));
  EXPECT_EQ(log_.take(), std::vector{soong::host_role::standby}) << "caught up: the standby";
}

TEST_F(cruddur_on_a_cluster, a_token_that_is_not_one_is_refused) {
  httplib::Client http("127.0.0.1", port_);
  const auto res = http.Get("/api/activities/home",
                            {{cruddur::http::consistency_token_header, "not-a-position"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(nlohmann::json::parse(res->body),
            nlohmann::json::parse(R"({"errors":["consistency_token_invalid"]})"));
  EXPECT_TRUE(log_.take().empty()) << "nothing ran";
}

TEST_F(cruddur_on_a_cluster, a_failed_validation_writes_nothing_and_reads_still_route) {
  httplib::Client http("127.0.0.1", port_);
  const auto bad =
      http.Post("/api/activities", R"({"handle":"andrewbrown","message":"","ttl":"1-day"})",
                "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422) << bad->body;
  const auto profile =
      http.Put("/api/profile/update", R"({"cognito_user_id":"nobody-has-this-id","bio":"x"})",
               "application/json");
  ASSERT_TRUE(profile);
  EXPECT_NE(profile->status, 500) << profile->body;
  for (const auto role : log_.take()) EXPECT_EQ(role, soong::host_role::primary);
  const auto mine = http.Get("/api/activities/@andrewbrown");
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200);
  EXPECT_EQ(log_.take(), std::vector{soong::host_role::standby});
}

}  // namespace
