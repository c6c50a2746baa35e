// The generated per-item overloads of :batchexec, :batchone and :batchmany against a real server:
// every item's outcome reaches the callback in order, with the error typed as for a single
// statement; a failing item is undone alone; stopping leaves no later item applied; a throwing
// callback leaves nothing of the batch; and inside a soong::transaction the same holds. The
// all-or-stop overloads' failure contract is checked here too, on generated code.

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <soong/soong.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "accounts.sql.hpp"
#include "test_files.hpp"
#include "test_server.hpp"

namespace {
namespace db = batch_items::db;

std::string read_source(const std::string& name) {
  return soong::testing::read_file(std::string(SOONG_BATCH_ITEMS_DIR) + "/" + name);
}

/// What the callback saw for one item.
struct seen {
  std::size_t index;
  std::string error;  ///< what(), empty when the item succeeded
};

class batch_items : public ::testing::Test {
 protected:
  std::string conninfo{soong::testing::seeded_database(read_source("schema.sql"))};
  soong::connection conn{conninfo};

  std::vector<std::int64_t> ids() {
    const auto r = soong::execute_sql(conn, "SELECT id FROM accounts ORDER BY id");
    std::vector<std::int64_t> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.get<std::int64_t>(i, 0));
    return out;
  }

  /// Items 0..5 with ids 1..6; item 2 breaks the CHECK, item 4 repeats item 0's id.
  static std::vector<db::add_accounts_params> mixed_items() {
    return {{1, "a", 10}, {2, "b", 20}, {3, "c", -1}, {4, "d", 40}, {1, "dup", 50}, {6, "f", 60}};
  }
};

TEST_F(batch_items, every_item_is_reported_and_only_failing_items_are_undone) {
  const auto items = mixed_items();
  std::vector<seen> outcomes;
  bool saw_unique_violation = false;
  bool saw_check_violation = false;
  db::add_accounts(conn, items, [&](const soong::batch_outcome& outcome) {
    outcomes.push_back({outcome.index(), outcome.ok() ? "" : outcome.error()->what()});
    try {
      outcome.rethrow_if_failed();
    } catch (const soong::unique_violation& e) {
      saw_unique_violation = true;
      EXPECT_EQ(e.batch_index(), std::optional<std::size_t>(4));
      EXPECT_EQ(e.query_name(), "AddAccounts");
    } catch (const soong::check_violation& e) {
      saw_check_violation = true;
      EXPECT_EQ(e.batch_index(), std::optional<std::size_t>(2));
      EXPECT_EQ(e.constraint_name(), "balance_not_negative");
    }
  });
  ASSERT_EQ(outcomes.size(), items.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) EXPECT_EQ(outcomes[i].index, i);
  EXPECT_TRUE(saw_unique_violation);
  EXPECT_TRUE(saw_check_violation);
  EXPECT_NE(outcomes[2].error.find("AddAccounts: batch item 2: "), std::string::npos)
      << outcomes[2].error;
  EXPECT_NE(outcomes[4].error.find("AddAccounts: batch item 4: "), std::string::npos)
      << outcomes[4].error;
  EXPECT_TRUE(outcomes[0].error.empty());
  EXPECT_TRUE(outcomes[5].error.empty());
  // Committed: visible from another session.
  soong::connection other{conninfo};
  EXPECT_EQ(db::count_accounts(other), std::optional<std::int64_t>(4));
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2, 4, 6}));
  EXPECT_EQ(
      soong::execute_sql(conn, "SELECT owner FROM accounts WHERE id = 1").get<std::string>(0, 0),
      "a");
}

TEST_F(batch_items, stop_after_an_item_leaves_no_later_item_applied) {
  const auto items = mixed_items();
  std::vector<std::size_t> reported;
  db::add_accounts(conn, items, [&](const soong::batch_outcome& outcome) {
    reported.push_back(outcome.index());
    return outcome.index() == 1 ? soong::batch_step::stop : soong::batch_step::next;
  });
  EXPECT_EQ(reported, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2}));
}

TEST_F(batch_items, stop_at_a_failing_item_keeps_the_items_before_it) {
  const auto items = mixed_items();
  std::vector<std::size_t> reported;
  db::add_accounts(conn, items, [&](const soong::batch_outcome& outcome) {
    reported.push_back(outcome.index());
    return outcome.ok() ? soong::batch_step::next : soong::batch_step::stop;
  });
  EXPECT_EQ(reported, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2}));
  // The connection is usable and outside any transaction.
  EXPECT_EQ(db::count_accounts(conn), std::optional<std::int64_t>(2));
  EXPECT_EQ(soong::execute_sql(conn,
                               "SELECT count(*) FROM pg_stat_activity WHERE pid = "
                               "pg_backend_pid() AND state = 'active'")
                .get<std::int64_t>(0, 0),
            1);
}

TEST_F(batch_items, a_throwing_callback_leaves_nothing_of_the_batch) {
  const auto items = mixed_items();
  EXPECT_THROW(db::add_accounts(conn, items,
                                [&](const soong::batch_outcome& outcome) {
                                  if (outcome.index() == 3) throw std::runtime_error("enough");
                                }),
               std::runtime_error);
  EXPECT_TRUE(ids().empty());
}

TEST_F(batch_items, inside_a_transaction_failures_leave_it_usable) {
  soong::transaction tx(conn);
  static_cast<void>(soong::execute_sql(conn, "INSERT INTO accounts VALUES (100, 'before', 1)"));
  std::size_t failures = 0;
  db::add_accounts(conn, mixed_items(), [&](const soong::batch_outcome& outcome) {
    if (!outcome.ok()) ++failures;
  });
  EXPECT_EQ(failures, 2u);
  // Not failed: later statements of the transaction run.
  static_cast<void>(soong::execute_sql(conn, "INSERT INTO accounts VALUES (101, 'after', 1)"));
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2, 4, 6, 100, 101}));
  // A throwing callback returns the transaction to its state before the batch.
  const std::vector<db::add_accounts_params> more = {{7, "g", 1}, {8, "h", 1}};
  EXPECT_THROW(db::add_accounts(conn, more,
                                [](const soong::batch_outcome& outcome) {
                                  if (outcome.index() == 1) throw std::runtime_error("no");
                                }),
               std::runtime_error);
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2, 4, 6, 100, 101}));
  tx.rollback();
  EXPECT_TRUE(ids().empty());
}

TEST_F(batch_items, a_statement_the_server_lost_is_prepared_again) {
  db::add_accounts(conn, std::vector<db::add_accounts_params>{{1, "a", 1}},
                   [](const soong::batch_outcome& outcome) { outcome.rethrow_if_failed(); });
  static_cast<void>(soong::execute_sql(conn, "DEALLOCATE ALL"));
  for (const bool in_transaction : {false, true}) {
    std::optional<soong::transaction> tx;
    if (in_transaction) tx.emplace(conn);
    const std::int64_t id = in_transaction ? 3 : 2;
    std::vector<std::string> errors;
    db::add_accounts(conn, std::vector<db::add_accounts_params>{{id, "b", 1}, {id * 10, "c", 1}},
                     [&](const soong::batch_outcome& outcome) {
                       if (!outcome.ok()) errors.emplace_back(outcome.error()->what());
                     });
    EXPECT_TRUE(errors.empty()) << errors.front();
    if (tx) tx->commit();
    static_cast<void>(soong::execute_sql(conn, "DEALLOCATE ALL"));
  }
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2, 3, 20, 30}));
}

TEST_F(batch_items, batchone_delivers_each_row_or_error) {
  const std::vector<db::add_accounts_returning_params> items = {
      {1, "a", 1}, {2, "b", -5}, {3, "c", 3}};
  std::vector<std::optional<std::int64_t>> rows;
  std::vector<bool> ok;
  db::add_accounts_returning(
      conn, items, [&](const soong::batch_outcome& outcome, std::optional<std::int64_t>&& row) {
        ok.push_back(outcome.ok());
        rows.push_back(row);
        return soong::batch_step::next;
      });
  EXPECT_EQ(ok, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(rows, (std::vector<std::optional<std::int64_t>>{10, std::nullopt, 30}));
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 3}));
}

TEST_F(batch_items, batchmany_streams_rows_with_their_item_index) {
  db::add_accounts(conn,
                   std::vector<db::add_accounts_params>{{1, "a", 10}, {2, "b", 20}, {3, "c", 30}});
  const std::vector<std::int32_t> thresholds = {15, 100, 0};
  std::vector<std::pair<std::size_t, std::int64_t>> rows;
  std::vector<std::size_t> items_done;
  db::accounts_above(
      conn, thresholds,
      [&](std::size_t index, db::accounts_above_row&& row) { rows.emplace_back(index, row.id); },
      [&](const soong::batch_outcome& outcome) {
        EXPECT_TRUE(outcome.ok());
        items_done.push_back(outcome.index());
      });
  EXPECT_EQ(items_done, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(rows, (std::vector<std::pair<std::size_t, std::int64_t>>{
                      {0, 2}, {0, 3}, {2, 1}, {2, 2}, {2, 3}}));
}

TEST_F(batch_items, the_collecting_overload_applies_items_before_a_failure_and_stops_there) {
  try {
    db::add_accounts(conn, mixed_items());
    FAIL() << "expected a check_violation";
  } catch (const soong::check_violation& e) {
    EXPECT_EQ(e.batch_index(), std::optional<std::size_t>(2));
  }
  EXPECT_EQ(ids(), (std::vector<std::int64_t>{1, 2}));
}

TEST_F(batch_items, the_collecting_overload_inside_a_transaction_leaves_it_failed) {
  soong::transaction tx(conn);
  EXPECT_THROW(db::add_accounts(conn, mixed_items()), soong::check_violation);
  EXPECT_THROW(static_cast<void>(db::count_accounts(conn)), soong::transaction_aborted);
  tx.rollback();
  EXPECT_TRUE(ids().empty());
}

}  // namespace
