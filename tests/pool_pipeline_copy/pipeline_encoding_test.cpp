// Pipeline batches encode each item just before sending it: what an item that cannot be
// encoded leaves behind, and user types first needed in the middle of a batch (their lookup is
// a query, which pipeline mode does not allow).

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <soong/soong.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "pipeline_fixture.hpp"
#include "test_mood.hpp"

namespace {

constexpr soong::type_ref mood_params[] = {{20, "pg_catalog", "int8"},
                                           {0, "public", "mood"},
                                           {0, "public", "_mood"},
                                           {23, "pg_catalog", "int4"}};
constexpr soong::statement insert_mood{
    .name = "InsertMood",
    .sql = "INSERT INTO moods (id, m, history, qty) VALUES ($1, $2, $3, $4)",
    .params = mood_params};

struct mood_item {
  std::int64_t id;
  app::mood m;
  std::optional<std::vector<app::mood>> history;
  std::int32_t qty;
};

const auto bind_mood = [](const mood_item& i) {
  return std::make_tuple(i.id, i.m, i.history, i.qty);
};

/// `count` items; history NULL before `first_history`, item `unencodable` has a mood without a
/// label, item `failing` breaks the CHECK constraint.
std::vector<mood_item> make_moods(std::size_t count, std::size_t first_history = 0,
                                  std::optional<std::size_t> unencodable = {},
                                  std::optional<std::size_t> failing = {}) {
  std::vector<mood_item> items;
  for (std::size_t i = 0; i < count; ++i) {
    mood_item m{static_cast<std::int64_t>(i), static_cast<app::mood>(i % 3), std::nullopt,
                failing == i ? -1 : 1};
    if (i >= first_history) m.history = std::vector<app::mood>(i % 4, app::mood::happy);
    if (unencodable == i) m.m = static_cast<app::mood>(42);
    items.push_back(std::move(m));
  }
  return items;
}

class pipeline_encoding : public soong::test::pipeline_fixture {
 protected:
  void SetUp() override {
    pipeline_fixture::SetUp();
    soong::testing::run_sql(conninfo_,
                            "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); "
                            "CREATE TABLE moods (id int8 PRIMARY KEY, m mood NOT NULL, "
                            "history mood[], qty int4 NOT NULL CHECK (qty >= 0))");
  }
  std::int64_t committed_moods() {
    soong::connection other(conninfo_);
    return soong::execute_sql(other, "SELECT count(*) FROM moods").get<std::int64_t>(0, 0);
  }
  /// What the table holds, checked against the items (read on the test's connection).
  void expect_stored(const std::vector<mood_item>& items) {
    const auto r = soong::execute_sql(
        conn(), "SELECT id, m::text, history::text, cardinality(history) FROM moods ORDER BY id");
    ASSERT_EQ(r.rows(), static_cast<int>(items.size()));
    const char* const labels[] = {"sad", "ok", "happy"};
    for (int row = 0; row < r.rows(); ++row) {
      const mood_item& expected = items[static_cast<std::size_t>(row)];
      EXPECT_EQ(r.get<std::int64_t>(row, 0), expected.id);
      EXPECT_EQ(r.get<std::string>(row, 1), labels[static_cast<int>(expected.m)]);
      EXPECT_EQ(r.get<std::optional<std::string>>(row, 2).has_value(), expected.history.has_value())
          << "row " << row;
      if (expected.history && !expected.history->empty()) {
        EXPECT_EQ(r.get<std::int32_t>(row, 3), static_cast<std::int32_t>(expected.history->size()));
      }
    }
  }
};

TEST_P(pipeline_encoding, an_unencodable_item_stops_the_batch_and_keeps_the_items_before_it) {
  const std::vector<mood_item> items = make_moods(40, 0, 25);
  try {
    (void)run_batch(insert_mood, items, bind_mood);
    FAIL() << "no error";
  } catch (const soong::sql_error& e) {
    FAIL() << "an encoding error is not a server failure: " << e.what();
  } catch (const soong::error& e) {
    EXPECT_STREQ(e.what(),
                 "InsertMood: batch item 25: parameter $2: value 42 has no label in enum mood");
  }
  EXPECT_EQ(committed_moods(), 25);
  expect_stored(std::vector<mood_item>(items.begin(), items.begin() + 25));
}

TEST_P(pipeline_encoding, an_unencodable_first_item_sends_nothing) {
  const std::vector<mood_item> items = make_moods(10, 0, 0);
  EXPECT_THROW((void)run_batch(insert_mood, items, bind_mood), soong::error);
  EXPECT_EQ(committed_moods(), 0);
  EXPECT_EQ(soong::execute_sql(conn(), "SELECT 7::int4").get<std::int32_t>(0, 0), 7);
}

TEST_P(pipeline_encoding, inside_a_transaction_an_unencodable_item_leaves_it_usable) {
  const std::vector<mood_item> items = make_moods(40, 0, 25);
  {
    soong::transaction tx(conn());
    EXPECT_THROW((void)run_batch(insert_mood, items, bind_mood), soong::error);
    // Items 0..24 ran inside the transaction, which is not failed: the caller decides.
    EXPECT_EQ(soong::execute_sql(conn(), "SELECT count(*) FROM moods").get<std::int64_t>(0, 0), 25);
    EXPECT_EQ(committed_moods(), 0);
  }  // rolled back
  EXPECT_EQ(committed_moods(), 0);
}

TEST_P(pipeline_encoding, a_user_type_first_needed_mid_batch_is_looked_up) {
  // The first three items send NULL arrays, so the element type of mood[] is first needed by
  // item 3, while the pipeline is open.
  const std::vector<mood_item> items = make_moods(12, 3);
  (void)run_batch(insert_mood, items, bind_mood);
  EXPECT_EQ(committed_moods(), 12);
  expect_stored(items);
}

TEST_P(pipeline_encoding, a_user_type_first_needed_mid_batch_is_looked_up_in_a_transaction) {
  const std::vector<mood_item> items = make_moods(12, 3);
  {
    soong::transaction tx(conn());
    (void)run_batch(insert_mood, items, bind_mood);
    EXPECT_EQ(committed_moods(), 0);
    tx.commit();
  }
  EXPECT_EQ(committed_moods(), 12);
  expect_stored(items);
}

TEST_P(pipeline_encoding, a_failure_after_a_mid_batch_lookup_keeps_every_item_before_it_once) {
  // Items 0..2 are committed by the sync before the lookup; the failure at 8 rolls back 3..7,
  // which alone are sent again (re-sending 0..2 would hit their primary keys).
  const std::vector<mood_item> items = make_moods(12, 3, std::nullopt, 8);
  try {
    (void)run_batch(insert_mood, items, bind_mood);
    FAIL() << "no sql_error";
  } catch (const soong::check_violation& e) {
    EXPECT_EQ(e.batch_index(), 8u);
    EXPECT_EQ(e.sqlstate(), "23514");
  }
  EXPECT_EQ(committed_moods(), 8);
  expect_stored(std::vector<mood_item>(items.begin(), items.begin() + 8));
}

INSTANTIATE_TEST_SUITE_P(modes, pipeline_encoding, soong::test::all_batch_modes,
                         soong::test::mode_name);

}  // namespace
