// Faults with a real PostgreSQL: while a client writes through soong (single statements,
// transactions, pipeline batches, binary COPY; on one connection and through soong::pool),
// another thread cuts the TCP path (FIN or RST, through tests/serverless/tcp_proxy),
// terminates the client's backends, or crashes the server, at random moments. Afterwards the
// table is compared with what the client was told (tests/fault/write_ledger.hpp): no committed
// write lost, none applied twice, none applied in part, no failed write applied.
//
// SOONG_FAULT_POINTS sets how many faults a run injects (default 1,000, spread over the path and
// backend tests, which fits CI; raise it for a longer campaign).

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <soong/soong.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "../serverless/tcp_proxy.hpp"
#include "embedded_server.hpp"
#include "test_server.hpp"
#include "write_ledger.hpp"

namespace {

using namespace std::chrono_literals;
using soong::test::attempted_write;
using soong::test::write_outcome;

constexpr soong::type_ref two_int8[] = {{soong::oids::int8, "pg_catalog", "int8"},
                                        {soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::statement insert_write{.name = "InsertWrite",
                                        .sql = "INSERT INTO writes (id, op) VALUES ($1, $2)",
                                        .params = two_int8,
                                        .columns = {}};
constexpr std::string_view write_columns[] = {"id", "op"};
constexpr soong::copy_statement copy_writes{.name = "CopyWrites",
                                            .table = "public.writes",
                                            .column_names = write_columns,
                                            .columns = two_int8};
constexpr int rows_per_group = 4;

int fault_points() {
  const char* text = std::getenv("SOONG_FAULT_POINTS");
  return text != nullptr ? std::atoi(text) : 1000;
}

/// A new database with the table the workload writes to. No key on `id`: a write applied twice
/// must show up as two rows, not as an error.
std::string writes_database() {
  const std::string database = soong::testing::fresh_database_name();
  soong::connection conn(soong::testing::conninfo(database));
  soong::execute_script(conn, "CREATE TABLE writes (id int8 NOT NULL, op int8 NOT NULL)");
  return database;
}

/// The ids of one operation's rows.
std::vector<std::int64_t> ids_from(std::int64_t first, int count) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < count; ++i) ids.push_back(first + i);
  return ids;
}

/// Runs one write of `kind` and records what the client was told.
attempted_write run_write(soong::connection& conn, int kind, std::int64_t first_id) {
  attempted_write w;
  w.first_id = first_id;
  const auto bind = [first_id](std::int64_t id) { return std::tuple(id, first_id); };
  bool in_commit = false;  // a loss there leaves the outcome unknown
  try {
    switch (kind) {
      case 0:
        w.kind = "statement";
        w.rows = 1;
        in_commit = true;  // autocommit: the statement is its own commit
        static_cast<void>(soong::execute(conn, insert_write, first_id, first_id));
        break;
      case 1: {
        w.kind = "transaction";
        w.rows = 3;
        soong::transaction tx(conn);
        for (std::int64_t id = first_id; id < first_id + w.rows; ++id) {
          static_cast<void>(soong::execute(conn, insert_write, id, first_id));
        }
        in_commit = true;
        tx.commit();
        break;
      }
      case 2: {
        w.kind = "batch";
        w.rows = rows_per_group;
        const std::vector<std::int64_t> ids = ids_from(first_id, w.rows);
        in_commit = true;  // one pipeline, one implicit transaction, committed at its sync
        soong::execute_batch_without_results(conn, insert_write, std::span<const std::int64_t>(ids),
                                             bind);
        break;
      }
      default: {
        w.kind = "copy";
        w.rows = rows_per_group;
        const std::vector<std::int64_t> ids = ids_from(first_id, w.rows);
        in_commit = true;  // COPY commits when the server has taken CopyDone
        static_cast<void>(
            soong::copy_from(conn, copy_writes, std::span<const std::int64_t>(ids), bind));
        break;
      }
    }
    w.outcome = write_outcome::committed;
  } catch (const soong::connection_error&) {
    w.outcome = in_commit ? write_outcome::in_doubt : write_outcome::failed;
  }
  return w;
}

/// The faults one run injects, and what they met.
struct fault_run {
  int injected = 0;
  int writes = 0;
  int connection_errors = 0;
};

/// Writes until `faults` were injected by `inject` (on its own thread, at random moments),
/// then checks the table. `with_connection(fn)` runs fn on a usable connection.
template <class WithConnection, class Inject>
void run_and_check(const std::string& database, int faults, WithConnection with_connection,
                   Inject inject, const std::string& label) {
  std::atomic<bool> done{false};
  // Each fault lands a random moment after a write started (0 to 1.5 ms: a loopback write
  // takes about that long), so faults meet every phase of every kind of write instead of
  // mostly the reconnects in between.
  std::atomic<std::uint64_t> writes_started{0};
  fault_run run;
  std::thread injector([&] {
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> delay_us(0, 1500);
    std::uint64_t seen = 0;
    while (run.injected < faults) {
      while (writes_started.load() == seen) std::this_thread::sleep_for(20us);
      seen = writes_started.load();
      std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
      inject(random);
      ++run.injected;
    }
    done = true;
  });
  std::vector<attempted_write> writes;
  std::mt19937 random(12345);
  std::int64_t next_id = 1;
  while (!done) {
    const int kind = static_cast<int>(random() % 4);
    with_connection([&](soong::connection& conn) {
      ++writes_started;
      attempted_write w = run_write(conn, kind, next_id);
      next_id += w.rows;
      if (w.outcome != write_outcome::committed) ++run.connection_errors;
      writes.push_back(std::move(w));
    });
  }
  injector.join();
  run.writes = static_cast<int>(writes.size());

  soong::connection direct(soong::testing::conninfo(database));
  std::map<std::int64_t, int> rows;
  const soong::result r = soong::execute_sql(direct, "SELECT id, count(*) FROM writes GROUP BY id");
  for (int i = 0; i < r.rows(); ++i) {
    rows[r.get<std::int64_t>(i, 0)] = static_cast<int>(r.get<std::int64_t>(i, 1));
  }
  const soong::test::ledger_check check = soong::test::check_ledger(writes, rows);
  std::cout << "[fault] " << label << ": " << run.injected << " faults injected, " << run.writes
            << " writes (" << check.committed << " committed, " << check.failed << " failed, "
            << check.in_doubt << " in doubt of which " << check.in_doubt_applied
            << " applied); connection errors " << run.connection_errors << "; lost " << check.lost
            << ", duplicated " << check.duplicated << ", partial " << check.partial << ", phantom "
            << check.phantom << "\n";
  EXPECT_EQ(check.lost, 0) << label;
  EXPECT_EQ(check.duplicated, 0) << label;
  EXPECT_EQ(check.partial, 0) << label;
  EXPECT_EQ(check.phantom, 0) << label;
  EXPECT_GT(run.connection_errors, faults / 20) << label << ": the faults met too few calls";
  EXPECT_GT(check.committed, 0) << label;
}

/// Tries `connect` until it works (the path or server may be down for a moment).
template <class Connect>
auto until_connected(Connect connect) {
  for (int attempt = 0;; ++attempt) {
    try {
      return connect();
    } catch (const soong::connection_error&) {
      if (attempt > 2000) throw;
      std::this_thread::sleep_for(5ms);
    }
  }
}

/// One connection, reconnected after every loss.
auto on_one_connection(const std::string& conninfo) {
  auto conn = std::make_shared<soong::connection>(
      until_connected([&] { return soong::connection(conninfo); }));
  return [conn](auto&& fn) {
    if (!conn->is_open())
      until_connected([&] {
        conn->reconnect();
        return 0;
      });
    fn(*conn);
  };
}

/// Each write on a connection leased from a pool, which replaces broken ones.
auto through_a_pool(const std::string& conninfo) {
  soong::pool_options options;
  options.max_connections = 2;
  auto pool = std::make_shared<soong::pool>(conninfo, options);
  return [pool](auto&& fn) {
    auto lease = until_connected([&] { return pool->acquire(); });
    fn(*lease);
  };
}

/// Cuts every connection through the proxy, with a FIN or an RST.
auto cut_path(soong::test::tcp_proxy& proxy) {
  return [&proxy](std::mt19937& random) {
    proxy.cut_all(random() % 2 == 0 ? soong::test::cut_kind::close : soong::test::cut_kind::reset);
  };
}

/// Terminates the database's client backends (as an operator or a failover would).
auto terminate_backends(const std::string& database) {
  auto admin = std::make_shared<soong::connection>(soong::testing::conninfo());
  return [admin, database](std::mt19937&) {
    static_cast<void>(soong::execute_sql(
        *admin,
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND "
        "pid <> pg_backend_pid()",
        database));
  };
}

TEST(FaultInjection, CutPathOnOneConnection) {
  const std::string database = writes_database();
  soong::test::tcp_proxy proxy(soong::testing::shared_server().port());
  run_and_check(database, fault_points() / 2, on_one_connection(proxy.conninfo(database)),
                cut_path(proxy), "path cut, one connection");
}

TEST(FaultInjection, CutPathThroughAPool) {
  const std::string database = writes_database();
  soong::test::tcp_proxy proxy(soong::testing::shared_server().port());
  run_and_check(database, fault_points() / 4, through_a_pool(proxy.conninfo(database)),
                cut_path(proxy), "path cut, pool");
}

TEST(FaultInjection, TerminatedBackends) {
  const std::string database = writes_database();
  run_and_check(database, fault_points() / 4, on_one_connection(soong::testing::conninfo(database)),
                terminate_backends(database), "backends terminated");
}

TEST(FaultInjection, ServerCrashes) {
  // A server of its own, crashed (immediate shutdown) and started again with crash recovery.
  soong::embedded::server_options options;
  options.listen_tcp = true;
  // The throwaway server's default trades durability for speed (synchronous_commit = off): a
  // crash then loses commits by PostgreSQL's own definition. Here commits must be durable.
  options.settings.push_back("synchronous_commit = on");
  const auto server = soong::embedded::server::start(options);
  {
    soong::connection admin(server->conninfo());
    soong::execute_script(admin, "CREATE DATABASE crashes");
    soong::connection conn(server->conninfo("crashes"));
    soong::execute_script(conn, "CREATE TABLE writes (id int8 NOT NULL, op int8 NOT NULL)");
  }
  const int crashes = std::max(3, fault_points() / 100);
  std::atomic<bool> done{false};
  std::vector<attempted_write> writes;
  std::thread crasher([&] {
    for (int i = 0; i < crashes; ++i) {
      std::this_thread::sleep_for(150ms);
      server->stop_immediately();
      server->start_again();
    }
    done = true;
  });
  const std::string conninfo = server->tcp_conninfo("crashes");
  auto with_connection = on_one_connection(conninfo);
  std::mt19937 random(777);
  std::int64_t next_id = 1;
  int connection_errors = 0;
  while (!done) {
    with_connection([&](soong::connection& conn) {
      attempted_write w = run_write(conn, static_cast<int>(random() % 4), next_id);
      next_id += w.rows;
      if (w.outcome != write_outcome::committed) ++connection_errors;
      writes.push_back(std::move(w));
    });
  }
  crasher.join();
  soong::connection direct(server->conninfo("crashes"));
  std::map<std::int64_t, int> rows;
  const soong::result r = soong::execute_sql(direct, "SELECT id, count(*) FROM writes GROUP BY id");
  for (int i = 0; i < r.rows(); ++i) {
    rows[r.get<std::int64_t>(i, 0)] = static_cast<int>(r.get<std::int64_t>(i, 1));
  }
  const soong::test::ledger_check check = soong::test::check_ledger(writes, rows);
  std::cout << "[fault] server crashes: " << crashes << " crashes, " << writes.size() << " writes ("
            << check.committed << " committed, " << check.failed << " failed, " << check.in_doubt
            << " in doubt); lost " << check.lost << ", duplicated " << check.duplicated
            << ", partial " << check.partial << ", phantom " << check.phantom << "\n";
  EXPECT_EQ(check.lost, 0);
  EXPECT_EQ(check.duplicated, 0);
  EXPECT_EQ(check.partial, 0);
  EXPECT_EQ(check.phantom, 0);
  EXPECT_GE(connection_errors, 1);
}

}  // namespace
