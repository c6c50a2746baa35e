// `soong migrate` runners against each other and against crashes: concurrent runners apply
// each migration exactly once (session and transaction lock modes); a runner killed with -9
// in the middle of a migration leaves nothing of it behind and no lock; a lock held by another
// session makes the runner give up after --lock-timeout, naming who holds it.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "migrate_test_support.hpp"
#include "pgbouncer_server.hpp"
#include "run_soong.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {

using soong::testing::command_result;
using soong::testing::shell_quote;

class migrate_concurrency : public soong::testing::migrate_test {
 protected:
  /// Three migrations, each adding a row to `runs` and sleeping a little so runners overlap.
  void write_counted_migrations() const {
    write_migration("20240101000000_runs.sql",
                    "-- migrate:up\nCREATE TABLE runs (version text);\n"
                    "INSERT INTO runs VALUES ('1'); SELECT pg_sleep(0.2);\n");
    write_migration("20240102000000_second.sql",
                    "-- migrate:up\nINSERT INTO runs VALUES ('2'); SELECT pg_sleep(0.2);\n");
    write_migration("20240103000000_third.sql",
                    "-- migrate:up\nINSERT INTO runs VALUES ('3'); SELECT pg_sleep(0.2);\n");
  }

  /// Starts `count` runners at once and returns their exit codes and outputs.
  [[nodiscard]] std::vector<command_result> run_together(int count, const std::string& args) const {
    std::string script = "cd " + shell_quote(folder_.string()) + " && for i in $(seq 1 " +
                         std::to_string(count) + "); do (DATABASE_URL=" + shell_quote(database_) +
                         " " + shell_quote(SOONG_EXE) + " migrate up " + args +
                         " >out_$i 2>err_$i; echo $? >rc_$i) & done; wait";
    EXPECT_EQ(std::system(script.c_str()), 0);
    std::vector<command_result> results;
    for (int i = 1; i <= count; ++i) {
      const std::string n = std::to_string(i);
      command_result r;
      r.exit_code = std::stoi(soong::testing::read_file(folder_ / ("rc_" + n)));
      r.out = soong::testing::read_file(folder_ / ("out_" + n));
      r.err = soong::testing::read_file(folder_ / ("err_" + n));
      results.push_back(std::move(r));
    }
    return results;
  }

  void expect_each_applied_once(const std::vector<command_result>& results) const {
    int applied_lines = 0;
    for (const command_result& r : results) {
      EXPECT_EQ(r.exit_code, 0) << r.err;
      for (std::size_t at = r.out.find("applied "); at != std::string::npos;
           at = r.out.find("applied ", at + 1)) {
        if (at == 0 || r.out[at - 1] == '\n') ++applied_lines;
      }
    }
    EXPECT_EQ(applied_lines, 3);
    EXPECT_EQ(query("SELECT string_agg(version, ',' ORDER BY version) FROM runs"), "1,2,3");
    EXPECT_EQ(ledger(), "20240101000000,20240102000000,20240103000000");
  }
};

TEST_F(migrate_concurrency, eight_runners_apply_each_migration_exactly_once) {
  write_counted_migrations();
  expect_each_applied_once(run_together(8, "--lock-timeout 60s"));
}

TEST_F(migrate_concurrency, transaction_lock_mode_applies_each_migration_exactly_once) {
  write_counted_migrations();
  expect_each_applied_once(run_together(8, "--lock-mode transaction --lock-timeout 60s"));
}

TEST_F(migrate_concurrency, transaction_lock_mode_works_behind_pgbouncer_transaction_pooling) {
  // Session state does not survive between transactions here: only the transaction-scoped
  // lock keeps the runners apart.
  soong::testing::pgbouncer_options options;
  options.pool_mode = "transaction";
  options.default_pool_size = 3;
  const soong::testing::pgbouncer_server bouncer(options);
  database_ = bouncer.conninfo(soong::testing::fresh_database_name());
  write_counted_migrations();
  expect_each_applied_once(run_together(8, "--lock-mode transaction --lock-timeout 60s"));
}

TEST_F(migrate_concurrency, a_held_lock_times_out_naming_the_holder) {
  write_counted_migrations();
  const std::unique_ptr<PGconn, decltype(&PQfinish)> holder(PQconnectdb(database_.c_str()),
                                                            &PQfinish);
  ASSERT_EQ(PQstatus(holder.get()), CONNECTION_OK);
  PQclear(PQexec(holder.get(), "SET application_name = 'deploy-script'"));
  PQclear(PQexec(holder.get(), "SELECT pg_advisory_lock(7365346100)"));
  const std::string pid = std::to_string(PQbackendPID(holder.get()));

  const auto start = std::chrono::steady_clock::now();
  const command_result r = migrate("up --lock-timeout 2s");
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find("error: timed out after 2000ms waiting for the migration lock, held by pid " +
                 pid + " (application 'deploy-script'"),
      std::string::npos)
      << r.err;
  EXPECT_GE(took, std::chrono::seconds(2));
  EXPECT_LT(took, std::chrono::seconds(10));
  EXPECT_EQ(ledger(), "");
  EXPECT_FALSE(has_relation("runs"));
}

TEST_F(migrate_concurrency, kill_9_mid_migration_leaves_nothing_and_no_stale_lock) {
  write_migration("20240101000000_slow.sql",
                  "-- migrate:up\nCREATE TABLE slow (id int);\nSELECT pg_sleep(60);\n");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    if (::chdir(folder_.c_str()) != 0) ::_exit(127);
    ::setenv("DATABASE_URL", database_.c_str(), 1);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execl(SOONG_EXE, "soong", "migrate", "up", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const std::string sleeping =
      "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'soong migrate' AND "
      "query LIKE '%pg_sleep(60)%' AND datname = current_database()";
  const auto wait_for = [&](const std::string& sql, const std::string& value) {
    for (const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
         std::chrono::steady_clock::now() < until;) {
      if (query(sql) == value) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  ASSERT_TRUE(wait_for(sleeping, "1")) << "the runner never reached pg_sleep";
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  // The server notices the dead client (client_connection_check_interval) and rolls back.
  EXPECT_TRUE(wait_for(
      "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'soong migrate%' AND "
      "datname = current_database()",
      "0"))
      << "the killed runner's sessions stayed";
  EXPECT_FALSE(has_relation("slow"));
  EXPECT_EQ(ledger(), "");

  write_migration("20240101000000_slow.sql",
                  "-- migrate:up\nCREATE TABLE slow (id int);\nSELECT pg_sleep(0);\n");
  const command_result rerun = migrate("up --lock-timeout 2s");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(has_relation("slow"));
  EXPECT_EQ(ledger(), "20240101000000");
}

}  // namespace
