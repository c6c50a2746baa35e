// soong::cluster against a primary and two hot standbys: generated reads reach the standbys
// (both of them), writes the primary, snapshots stay on one standby, a lagging standby is
// skipped, a read given a consistency token waits for replay or goes to the primary, and a
// read cancelled by a conflict with recovery runs again on another host.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
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

/// Every route event the cluster reported, copied.
struct recorded_event {
  std::string query;
  std::string host;
  soong::host_role role;
  int attempt;
  bool succeeded;
  std::string error;
};

class route_log {
 public:
  soong::route_hook hook() {
    return [this](const soong::route_event& e) {
      const std::lock_guard lock(mutex_);
      events_.push_back({std::string(e.query_name), std::string(e.host), e.role, e.attempt,
                         e.succeeded, std::string(e.error)});
    };
  }
  std::vector<recorded_event> take() {
    const std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<recorded_event> events_;
};

/// One primary and two standbys for the whole binary. Standbys cancel a conflicting query at
/// once (max_standby_streaming_delay = 0), which the retry test relies on.
replica_set& servers() {
  static replica_set set(2, {"max_standby_streaming_delay = 0"});
  return set;
}

std::string port_label(int port) { return "127.0.0.1:" + std::to_string(port); }

soong::cluster_options options_for(replica_set& set, route_log& log) {
  soong::cluster_options options;
  options.primary = set.primary_conninfo();
  options.replicas = {set.standby_conninfo(0), set.standby_conninfo(1)};
  options.role_check_interval = 0ms;  // every decision sees the servers as they are now
  options.on_route = log.hook();
  return options;
}

TEST(replica_routing, reads_reach_both_standbys_and_writes_the_primary) {
  replica_set& set = servers();
  route_log log;
  soong::cluster cluster(options_for(set, log));

  EXPECT_GT(db::add_item(cluster, {.label = "routing", .payload = std::nullopt}), 0);
  auto events = log.take();
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].query, "AddItem");
  EXPECT_EQ(events[0].host, port_label(set.primary_port()));
  EXPECT_EQ(events[0].role, soong::host_role::primary);
  EXPECT_TRUE(events[0].succeeded);
  EXPECT_FALSE(cluster.last_write_token().empty());
  set.wait_for_standbys();

  std::map<int, int> reads_per_port;
  for (int i = 0; i < 60; ++i) {
    const auto where = db::where_am_i(cluster);
    EXPECT_TRUE(where.on_standby.value_or(false)) << "a read ran on the primary";
    ++reads_per_port[where.port.value_or(0)];
  }
  EXPECT_EQ(reads_per_port.size(), 2U) << "both standbys answer reads";
  EXPECT_GT(reads_per_port[set.standby_port(0)], 0);
  EXPECT_GT(reads_per_port[set.standby_port(1)], 0);
  for (const auto& e : log.take()) {
    EXPECT_EQ(e.role, soong::host_role::standby) << e.host;
    EXPECT_NE(e.host, port_label(set.primary_port()));
  }

  // The written row is visible on whichever standby answers (both replayed it).
  const auto count = db::count_items(cluster, "routing");
  EXPECT_GE(count.n, 1);
  EXPECT_TRUE(count.on_standby.value_or(false));

  // A read-only statement routed to the primary by its `-- soong:route primary` line.
  const auto pinned = db::primary_where_am_i(cluster);
  EXPECT_FALSE(pinned.on_standby.value_or(true));
  EXPECT_EQ(pinned.port, set.primary_port());

  // FOR UPDATE is classified as writing: it runs on the primary (a standby refuses it).
  EXPECT_EQ(static_cast<std::int64_t>(db::lock_items(cluster, "routing").size()), count.n);
  events = log.take();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().query, "LockItems");
  EXPECT_EQ(events.back().role, soong::host_role::primary);
}

/// How many times the primary ran the cluster's WAL position query since the last reset.
std::int64_t token_queries(replica_set& set) {
  return std::stoll(query_text(set.primary_conninfo(),
                               "SELECT coalesce(sum(calls), 0)::text FROM pg_stat_statements"
                               " WHERE query LIKE 'SELECT (SELECT (l - CASE%'"));
}

TEST(replica_routing, a_write_pays_for_a_token_only_when_one_is_asked_for) {
  replica_set& set = servers();
  route_log log;
  soong::cluster cluster(options_for(set, log));
  soong::testing::run_sql(set.primary_conninfo(),
                          "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;"
                          " SELECT pg_stat_statements_reset()");

  for (int i = 0; i < 20; ++i) {
    EXPECT_GT(db::add_item(cluster, {.label = "lazy", .payload = std::nullopt}), 0);
  }
  EXPECT_EQ(token_queries(set), 0) << "twenty writes, no token wanted yet";

  const soong::consistency_token token = cluster.last_write_token();
  EXPECT_EQ(token_queries(set), 1);
  const auto now = soong::consistency_token::parse(
      query_text(set.primary_conninfo(), "SELECT pg_current_wal_insert_lsn()::text"));
  EXPECT_FALSE(token.empty());
  EXPECT_LE(token, now);
  set.wait_for_standbys();
  const auto seen = db::count_items(cluster.at_least(token), "lazy");
  EXPECT_EQ(seen.n, 20) << "the token covers every write before it";

  EXPECT_EQ(cluster.last_write_token(), token) << "no write since: no new question";
  EXPECT_EQ(token_queries(set), 1);
}

TEST(replica_routing, a_transaction_stays_on_the_primary_and_a_snapshot_on_one_standby) {
  replica_set& set = servers();
  route_log log;
  soong::cluster cluster(options_for(set, log));

  std::vector<int> ports;
  const soong::consistency_token token = cluster.transaction([&](soong::cluster_transaction& tx) {
    EXPECT_GT(db::add_item(tx, {.label = "tx", .payload = "a"}), 0);
    const auto where = db::where_am_i(tx);  // a read, but inside the transaction
    EXPECT_FALSE(where.on_standby.value_or(true));
    ports.push_back(where.port.value_or(0));
  });
  EXPECT_FALSE(token.empty());
  EXPECT_EQ(ports, std::vector<int>{set.primary_port()});
  EXPECT_GE(cluster.last_write_token(), token);

  for (int round = 0; round < 4; ++round) {
    soong::replica_snapshot snapshot = cluster.read_snapshot();
    EXPECT_EQ(snapshot.role(), soong::host_role::standby);
    std::set<int> seen;
    for (int i = 0; i < 5; ++i) {
      const auto where = db::where_am_i(snapshot);
      EXPECT_TRUE(where.on_standby.value_or(false));
      seen.insert(where.port.value_or(0));
    }
    EXPECT_EQ(seen.size(), 1U) << "a snapshot's reads stay on one standby";
    EXPECT_EQ(port_label(*seen.begin()), snapshot.host());
  }
}

TEST(replica_routing, a_lagging_standby_is_skipped_and_all_lagging_means_the_primary) {
  replica_set& set = servers();
  route_log log;
  soong::cluster_options options = options_for(set, log);
  options.max_replica_lag_bytes = 64 * 1024;
  soong::cluster cluster(options);

  soong::testing::run_sql(set.standby_conninfo(0), "SELECT pg_wal_replay_pause()");
  // About 1 MB of WAL that compresses poorly: the paused standby falls far behind.
  std::string payload;
  unsigned state = 12345;
  for (int i = 0; i < 400000; ++i) {
    state = state * 1103515245U + 12345U;
    payload += static_cast<char>('!' + (state >> 16) % 90);
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_GT(db::add_item(cluster, {.label = "lag", .payload = payload}), 0);
  }
  soong::testing::wait_for_replay(set.primary_conninfo(), set.standby_conninfo(1));

  for (int i = 0; i < 20; ++i) {
    const auto where = db::where_am_i(cluster);
    EXPECT_EQ(where.port, set.standby_port(1)) << "the paused standby lags beyond the bound";
  }

  soong::testing::run_sql(set.standby_conninfo(1), "SELECT pg_wal_replay_pause()");
  EXPECT_GT(db::add_item(cluster, {.label = "lag", .payload = payload}), 0);
  for (int i = 0; i < 5; ++i) {
    const auto where = db::where_am_i(cluster);
    EXPECT_EQ(where.port, set.primary_port()) << "every standby lags: the primary answers";
  }

  soong::testing::run_sql(set.standby_conninfo(0), "SELECT pg_wal_replay_resume()");
  soong::testing::run_sql(set.standby_conninfo(1), "SELECT pg_wal_replay_resume()");
  set.wait_for_standbys();
  const auto where = db::where_am_i(cluster);
  EXPECT_TRUE(where.on_standby.value_or(false)) << "caught up: standbys answer again";
}

TEST(replica_routing, a_read_at_a_token_waits_for_replay_or_goes_to_the_primary) {
  replica_set& set = servers();
  route_log log;
  soong::cluster_options options = options_for(set, log);
  options.max_replica_lag_bytes = std::nullopt;  // only the token decides here
  options.consistency_wait = 300ms;
  soong::cluster cluster(options);
  set.wait_for_standbys();

  for (std::size_t i = 0; i < set.standby_count(); ++i) {
    soong::testing::run_sql(set.standby_conninfo(i), "SELECT pg_wal_replay_pause()");
  }
  EXPECT_GT(db::add_item(cluster, {.label = "token", .payload = std::nullopt}), 0);
  const std::string cookie = cluster.last_write_token().to_string();
  ASSERT_FALSE(cookie.empty());

  // The next request brings the token back as text.
  const soong::consistency_token token = soong::consistency_token::parse(cookie);
  const auto started = std::chrono::steady_clock::now();
  const auto paused = db::count_items(cluster.at_least(token), "token");
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(paused.on_standby.value_or(true)) << "no standby replayed the write";
  EXPECT_EQ(paused.port, set.primary_port());
  EXPECT_EQ(paused.n, 1) << "the primary sees the write";
  EXPECT_GE(waited, 300ms) << "it waited for a standby first";

  // Without a token the paused standbys still answer (they are only behind).
  const auto stale = db::count_items(cluster, "token");
  EXPECT_TRUE(stale.on_standby.value_or(false));
  EXPECT_EQ(stale.n, 0) << "a paused standby has not replayed the write";

  for (std::size_t i = 0; i < set.standby_count(); ++i) {
    soong::testing::run_sql(set.standby_conninfo(i), "SELECT pg_wal_replay_resume()");
  }
  // Replay has resumed: a read at the token waits until a standby has replayed the write. The
  // wait is long here: on a busy machine replay can take longer than 300 ms to catch up.
  options.consistency_wait = 60s;
  soong::cluster patient(options);
  for (int i = 0; i < 10; ++i) {
    const auto fresh = db::count_items(patient.at_least(token), "token");
    EXPECT_TRUE(fresh.on_standby.value_or(false)) << "a standby replayed the write";
    EXPECT_EQ(fresh.n, 1);
  }

  soong::replica_snapshot snapshot = patient.read_snapshot(token);
  EXPECT_EQ(snapshot.role(), soong::host_role::standby);
  const auto in_snapshot = db::count_items(snapshot, "token");
  EXPECT_EQ(in_snapshot.n, 1);

  EXPECT_THROW(static_cast<void>(soong::consistency_token::parse("12/zz")), soong::error);
  EXPECT_EQ(soong::consistency_token::parse("16/B374D848").to_string(), "16/B374D848");
}

TEST(replica_routing, a_read_cancelled_by_a_recovery_conflict_runs_again_on_the_primary) {
  replica_set& set = servers();
  route_log log;
  soong::cluster cluster(options_for(set, log));
  set.wait_for_standbys();

  std::atomic<bool> done{false};
  std::optional<db::slow_where_am_i_row> answer;
  std::string failure;
  std::thread reader([&] {
    try {
      answer = db::slow_where_am_i(cluster, 2.0);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    done = true;
  });
  // Find the standby running the slow read, then take a lock on the primary that its replay
  // must take too: the standby cancels the read (max_standby_streaming_delay = 0).
  const std::string running =
      "SELECT count(*)::text FROM pg_stat_activity WHERE state = 'active' AND query LIKE "
      "'%pg_sleep%' AND pid <> pg_backend_pid()";
  int busy_port = 0;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (busy_port == 0 && std::chrono::steady_clock::now() < deadline) {
    for (std::size_t i = 0; i < set.standby_count(); ++i) {
      if (query_text(set.standby_conninfo(i), running) != "0") busy_port = set.standby_port(i);
    }
    std::this_thread::sleep_for(5ms);
  }
  ASSERT_NE(busy_port, 0) << "the slow read never started on a standby";
  soong::testing::run_sql(set.primary_conninfo(),
                          "BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE; COMMIT;");
  reader.join();
  ASSERT_TRUE(done);
  ASSERT_EQ(failure, "");
  ASSERT_TRUE(answer.has_value());
  // On the primary, not on the other standby: its replay of the same lock could cancel the
  // retry too.
  EXPECT_EQ(answer->port, set.primary_port()) << "the retry ran on the primary";

  const auto events = log.take();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].query, "SlowWhereAmI");
  EXPECT_EQ(events[0].host, port_label(busy_port));
  EXPECT_FALSE(events[0].succeeded);
  EXPECT_NE(events[0].error.find("conflict with recovery"), std::string::npos) << events[0].error;
  EXPECT_EQ(events[1].attempt, 2);
  EXPECT_TRUE(events[1].succeeded);
  EXPECT_EQ(events[1].host, port_label(set.primary_port()));
}

TEST(replica_routing, a_write_is_never_retried) {
  replica_set& set = servers();
  route_log log;
  soong::cluster cluster(options_for(set, log));
  soong::testing::run_sql(set.primary_conninfo(),
                          "CREATE OR REPLACE FUNCTION refuse_items() RETURNS trigger"
                          " LANGUAGE plpgsql AS $$ BEGIN"
                          " RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = 'refused';"
                          " END $$;"
                          "CREATE TRIGGER refuse BEFORE INSERT ON items FOR EACH ROW"
                          " WHEN (NEW.label = 'refused') EXECUTE FUNCTION refuse_items();");
  EXPECT_THROW(static_cast<void>(db::add_item(cluster, {.label = "refused", .payload = {}})),
               soong::serialization_failure);
  const auto events = log.take();
  ASSERT_EQ(events.size(), 1U) << "a failed write runs once";
  EXPECT_FALSE(events[0].succeeded);
  soong::testing::run_sql(set.primary_conninfo(), "DROP TRIGGER refuse ON items");
  // DROP TRIGGER's ACCESS EXCLUSIVE lock, replayed on a standby, would cancel a later test's
  // read of items there (max_standby_streaming_delay = 0): let it be replayed now.
  set.wait_for_standbys();
}

TEST(replica_routing, from_environment_reads_the_replica_list) {
  replica_set& set = servers();
  ::setenv("DATABASE_URL", set.primary_conninfo().c_str(), 1);
  const std::string list = set.standby_conninfo(0) + " , " + set.standby_conninfo(1);
  ::setenv("DATABASE_REPLICA_URLS", list.c_str(), 1);
  set.wait_for_standbys();
  soong::cluster cluster = soong::cluster::from_environment();
  ::unsetenv("DATABASE_URL");
  ::unsetenv("DATABASE_REPLICA_URLS");
  const auto hosts = cluster.hosts();
  ASSERT_EQ(hosts.size(), 3U);
  EXPECT_EQ(hosts[0].host, port_label(set.primary_port()));
  EXPECT_EQ(hosts[1].host, port_label(set.standby_port(0)));
  EXPECT_EQ(hosts[2].host, port_label(set.standby_port(1)));
  const auto where = db::where_am_i(cluster);
  EXPECT_TRUE(where.on_standby.value_or(false));
}

}  // namespace
}  // namespace replica_test
