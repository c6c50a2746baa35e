// Failover: the primary goes away, a standby is promoted, and the same soong::cluster object
// sends writes to the promoted standby without a restart of the application.

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "items.sql.hpp"
#include "replica_set.hpp"
#include "soong/soong.hpp"
#include "test_server.hpp"

namespace replica_test {
namespace {

using namespace std::chrono_literals;

TEST(replica_failover, a_promoted_standby_takes_the_writes) {
  replica_set set(2);
  std::mutex mutex;
  std::vector<std::pair<std::string, soong::host_role>> writes;
  soong::cluster_options options;
  options.primary = set.primary_conninfo();
  options.replicas = {set.standby_conninfo(0), set.standby_conninfo(1)};
  options.role_check_interval = 0ms;
  options.down_host_retry_after = 50ms;
  options.on_route = [&](const soong::route_event& e) {
    if (e.query_name != "AddItem" || !e.succeeded) return;
    const std::lock_guard lock(mutex);
    writes.emplace_back(std::string(e.host), e.role);
  };
  soong::cluster cluster(options);
  const std::string old_primary = "127.0.0.1:" + std::to_string(set.primary_port());
  const std::string promoted = "127.0.0.1:" + std::to_string(set.standby_port(0));

  EXPECT_GT(db::add_item(cluster, {.label = "before", .payload = std::nullopt}), 0);
  ASSERT_EQ(writes.size(), 1U);
  EXPECT_EQ(writes[0].first, old_primary);
  set.wait_for_standbys();

  // The primary goes away; the first standby is promoted (what pg_ctl promote does).
  set.primary().stop();
  soong::testing::run_sql(set.standby_conninfo(0), "SELECT pg_promote(true, 60)");
  ASSERT_EQ(query_text(set.standby_conninfo(0), "SELECT pg_is_in_recovery()::text"), "false");

  EXPECT_GT(db::add_item(cluster, {.label = "after", .payload = std::nullopt}), 0)
      << "the write after the failover went to the promoted standby";
  ASSERT_EQ(writes.size(), 2U);
  EXPECT_EQ(writes[1].first, promoted);
  EXPECT_EQ(writes[1].second, soong::host_role::primary);

  // Its data is there, and the cluster's view of the hosts says so.
  EXPECT_EQ(query_text(set.standby_conninfo(0),
                       "SELECT count(*)::text FROM items WHERE label IN ('before', 'after')"),
            "2");
  soong::host_role old_primary_role = soong::host_role::primary;
  soong::host_role promoted_role = soong::host_role::unknown;
  for (const soong::host_status& h : cluster.hosts()) {
    if (h.host == old_primary) old_primary_role = h.role;
    if (h.host == promoted) promoted_role = h.role;
  }
  EXPECT_EQ(old_primary_role, soong::host_role::unknown) << "the lost primary is unreachable";
  EXPECT_EQ(promoted_role, soong::host_role::primary);

  // Reads still work: the other standby (still following the lost primary) or the new one.
  const auto where = db::where_am_i(cluster);
  EXPECT_NE(where.port, set.primary_port());
}

TEST(replica_failover, no_primary_at_all_is_a_connection_error_naming_the_query) {
  replica_set set(1);
  soong::cluster_options options;
  options.primary = set.primary_conninfo();
  options.replicas = {set.standby_conninfo(0)};
  options.role_check_interval = 0ms;
  soong::cluster cluster(options);
  set.primary().stop();
  try {
    static_cast<void>(db::add_item(cluster, {.label = "x", .payload = std::nullopt}));
    FAIL() << "a write without a primary succeeded";
  } catch (const soong::connection_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("AddItem"), std::string::npos) << message;
    EXPECT_NE(message.find("no primary"), std::string::npos) << message;
  }
  // Reads go on: the standby answers.
  const auto where = db::where_am_i(cluster);
  EXPECT_TRUE(where.on_standby.value_or(false));
}

}  // namespace
}  // namespace replica_test
