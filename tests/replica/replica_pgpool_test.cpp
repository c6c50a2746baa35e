// soong behind Pgpool-II in streaming-replication mode with load balancing, in front of a
// primary and two standbys: every command works with default connection settings, the values
// are right, and the reads Pgpool-II balances are answered by the standbys (the query itself
// reports pg_is_in_recovery() and the port of the server that ran it).

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "kinds.sql.hpp"
#include "pgpool_server.hpp"
#include "replica_set.hpp"
#include "soong/soong.hpp"

namespace pgpool_test {
namespace {

TEST(replica_pgpool, every_command_works_and_reads_reach_the_standbys) {
  replica_test::replica_set set(2);
  // Weight 0 on the primary: Pgpool-II sends reads to the standbys only.
  soong::testing::pgpool_server pgpool(
      {{set.primary_port(), 0}, {set.standby_port(0), 1}, {set.standby_port(1), 1}});

  std::optional<std::int64_t> id;
  {
    soong::connection conn(pgpool.conninfo());
    // :one (a write), :copyfrom, :batchexec.
    id = db::pool_add(conn, {.label = "one", .payload = "first"});
    ASSERT_TRUE(id.has_value()) << pgpool.log();
    const std::vector<db::pool_copy_params> copied = {{.label = "copy", .payload = "a"},
                                                      {.label = "copy", .payload = std::nullopt},
                                                      {.label = "copy", .payload = "c"}};
    EXPECT_EQ(db::pool_copy(conn, copied), 3);
    const std::vector<db::pool_batch_add_params> batch = {{.label = "batch", .payload = "x"},
                                                          {.label = "batch", .payload = "y"}};
    db::pool_batch_add(conn, batch);
    // :exec, :execrows, :execresult.
    db::pool_touch(conn, {.payload = "touched", .label = "one"});
    EXPECT_EQ(db::pool_touch_rows(conn, {.payload = "again", .label = "batch"}), 2);
    const soong::result removed = db::pool_remove(conn, "nothing-here");
    EXPECT_EQ(removed.affected_rows(), 0);
  }
  set.wait_for_standbys();

  std::set<int> read_ports;
  for (int client = 0; client < 8; ++client) {
    // A new client each time: Pgpool-II picks a load-balance node per session.
    soong::connection conn(pgpool.conninfo());
    const auto where = db::pool_where(conn);
    EXPECT_TRUE(where.on_standby.value_or(false)) << "a balanced read ran on the primary";
    read_ports.insert(where.port.value_or(0));

    // :many and its JSON variant, :batchone, :batchmany: the values written above.
    const auto rows = db::pool_by_label(conn, "one");
    ASSERT_EQ(rows.size(), 1U);
    EXPECT_EQ(rows[0].id, *id);
    EXPECT_EQ(rows[0].payload, "touched");
    EXPECT_NE(db::pool_by_label_json(conn, "copy").find("\"c\""), std::string::npos);
    const std::vector<std::string> labels = {"copy", "batch", "none"};
    const auto counts = db::pool_batch_count(conn, labels);
    ASSERT_EQ(counts.size(), 3U);
    EXPECT_EQ(counts[0], 3);
    EXPECT_EQ(counts[1], 2);
    EXPECT_EQ(counts[2], 0);
    const auto ids = db::pool_batch_ids(conn, labels);
    ASSERT_EQ(ids.size(), 3U);
    EXPECT_EQ(ids[0].size(), 3U);
    EXPECT_EQ(ids[1].size(), 2U);
    EXPECT_TRUE(ids[2].empty());

    // A write on the same session still reaches the primary.
    EXPECT_GT(db::pool_add(conn, {.label = "later", .payload = std::nullopt}), 0);
  }
  for (const int port : read_ports) {
    EXPECT_TRUE(port == set.standby_port(0) || port == set.standby_port(1)) << port;
  }
  EXPECT_FALSE(read_ports.empty());

  // A transaction through Pgpool-II: its reads after a write see the write (Pgpool-II sends
  // them to the primary once the transaction wrote).
  {
    soong::connection conn(pgpool.conninfo());
    soong::transaction tx(conn);
    EXPECT_GT(db::pool_add(conn, {.label = "in-tx", .payload = std::nullopt}), 0);
    EXPECT_EQ(db::pool_by_label(conn, "in-tx").size(), 1U);
    tx.commit();
  }
}

}  // namespace
}  // namespace pgpool_test
