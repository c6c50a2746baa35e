// soong::execute_batch and execute_batch_without_results against a real server: results in
// order, and exactly what a failing item leaves behind, with and without a transaction and
// with the statement cache off.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <soong/soong.hpp>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "pipeline_fixture.hpp"

namespace {

using soong::test::bind_item;
using soong::test::insert_item;
using soong::test::item;
using soong::test::make_items;

constexpr soong::type_ref count_param[] = {{23, "pg_catalog", "int4"}};
constexpr soong::type_ref series_column[] = {{23, "pg_catalog", "int4"}};
constexpr soong::statement series{.name = "Series",
                                  .sql = "SELECT g FROM generate_series(1, $1) AS g ORDER BY g",
                                  .params = count_param,
                                  .columns = series_column};

/// Every test runs in all four modes; those reading results skip the mode that frees them.
class pipeline : public soong::test::pipeline_fixture {
 protected:
  bool keeps_results() const { return GetParam().keep_results; }
};

TEST_P(pipeline, returns_one_result_per_item_in_order) {
  const std::vector<item> items = make_items(1500);
  const auto results = run_batch(insert_item, items, bind_item);
  ASSERT_EQ(results.size(), keeps_results() ? items.size() : 0u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_EQ(results[i].rows(), 1);
    ASSERT_EQ(results[i].get<std::int64_t>(0, 0), 2 * items[i].id);
    ASSERT_EQ(results[i].affected_rows(), 1u);
  }
  EXPECT_EQ(committed(), std::make_tuple(std::int64_t{1500}, std::int64_t{0}, std::int64_t{1499}));
  const auto sums = soong::execute_sql(conn(), "SELECT sum(qty), sum(length(label)) FROM items");
  std::int64_t qty = 0;
  std::int64_t label_bytes = 0;
  for (const item& i : items) {
    qty += i.qty;
    label_bytes += static_cast<std::int64_t>(i.label.size());
  }
  EXPECT_EQ(sums.get<std::int64_t>(0, 0), qty);
  EXPECT_EQ(sums.get<std::int64_t>(0, 1), label_bytes);
}

TEST_P(pipeline, returns_every_row_of_every_item) {
  if (!keeps_results()) GTEST_SKIP() << "reads results";
  const std::vector<std::int32_t> counts = {3, 0, 1, 5};
  const auto results = soong::execute_batch(conn(), series, std::span<const std::int32_t>(counts),
                                            [](std::int32_t n) { return std::make_tuple(n); });
  ASSERT_EQ(results.size(), counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) {
    ASSERT_EQ(results[i].rows(), counts[i]);
    for (int row = 0; row < counts[i]; ++row)
      EXPECT_EQ(results[i].get<std::int32_t>(row, 0), row + 1);
  }
}

TEST_P(pipeline, a_failing_item_keeps_the_items_before_it_and_runs_none_after) {
  const std::vector<item> items = make_items(1200, 700);
  try {
    (void)run_batch(insert_item, items, bind_item);
    FAIL() << "no sql_error";
  } catch (const soong::check_violation& e) {
    EXPECT_EQ(e.batch_index(), 700u);
    EXPECT_EQ(e.sqlstate(), "23514");
    EXPECT_EQ(e.constraint_name(), "qty_not_negative");
    EXPECT_EQ(e.query_name(), "InsertItem");
    EXPECT_EQ(e.table_name(), "items");
    EXPECT_EQ(std::string(e.what()).rfind("InsertItem: batch item 700: new row for relation", 0),
              0u)
        << e.what();
  }
  EXPECT_EQ(committed(), std::make_tuple(std::int64_t{700}, std::int64_t{0}, std::int64_t{699}));
  // The connection is usable right away.
  EXPECT_EQ(soong::execute_sql(conn(), "SELECT count(*) FROM items").get<std::int64_t>(0, 0), 700);
}

TEST_P(pipeline, the_items_before_a_failure_are_sent_twice_so_sequences_advance_twice) {
  // Documented consequence of the contract (docs/runtime-api.md §13): the first pipeline's
  // implicit transaction consumed seq 1..701 and was rolled back; the re-sent 700 items got
  // 702..1401.
  const std::vector<item> items = make_items(1200, 700);
  EXPECT_THROW((void)run_batch(insert_item, items, bind_item), soong::check_violation);
  const auto r = soong::execute_sql(conn(), "SELECT min(seq), max(seq) FROM items");
  EXPECT_EQ(r.get<std::int64_t>(0, 0), 702);
  EXPECT_EQ(r.get<std::int64_t>(0, 1), 1401);
}

TEST_P(pipeline, a_failing_first_item_applies_nothing) {
  const std::vector<item> items = make_items(10, 0);
  EXPECT_THROW((void)run_batch(insert_item, items, bind_item), soong::check_violation);
  EXPECT_EQ(std::get<0>(committed()), 0);
}

TEST_P(pipeline, inside_a_transaction_a_failing_item_fails_the_transaction) {
  const std::vector<item> items = make_items(1000, 400);
  {
    soong::transaction tx(conn());
    try {
      (void)run_batch(insert_item, items, bind_item);
      FAIL() << "no sql_error";
    } catch (const soong::check_violation& e) {
      EXPECT_EQ(e.batch_index(), 400u);
      EXPECT_EQ(e.sqlstate(), "23514");
    }
    // Items 0..399 ran but only inside the failed transaction: nothing is visible elsewhere,
    // and the connection says why it refuses further statements.
    EXPECT_EQ(std::get<0>(committed()), 0);
    try {
      (void)soong::execute_sql(conn(), "SELECT 1");
      FAIL() << "no transaction_aborted";
    } catch (const soong::transaction_aborted& e) {
      EXPECT_NE(std::string(e.what()).find("batch item 400"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(std::get<0>(committed()), 0);
  EXPECT_EQ(soong::execute_sql(conn(), "SELECT count(*) FROM items").get<std::int64_t>(0, 0), 0);
}

TEST_P(pipeline, inside_a_committed_transaction_all_items_apply) {
  const std::vector<item> items = make_items(1000);
  {
    soong::transaction tx(conn());
    const auto results = run_batch(insert_item, items, bind_item);
    EXPECT_EQ(results.size(), keeps_results() ? 1000u : 0u);
    EXPECT_EQ(std::get<0>(committed()), 0);  // not yet
    tx.commit();
  }
  EXPECT_EQ(committed(), std::make_tuple(std::int64_t{1000}, std::int64_t{0}, std::int64_t{999}));
}

TEST_P(pipeline, an_empty_batch_sends_nothing) {
  const std::vector<item> none;
  EXPECT_TRUE(run_batch(insert_item, none, bind_item).empty());
}

TEST_P(pipeline, a_wrong_argument_count_is_refused_before_sending) {
  const std::vector<item> items = make_items(3);
  EXPECT_THROW(
      (void)run_batch(insert_item, items, [](const item& i) { return std::make_tuple(i.id); }),
      soong::error);
  EXPECT_EQ(std::get<0>(committed()), 0);
}

constexpr soong::type_ref wrong_column[] = {{25, "pg_catalog", "text"}};
constexpr soong::statement wrong{.name = "Wrong",
                                 .sql = "SELECT g FROM generate_series(1, $1) AS g",
                                 .params = count_param,
                                 .columns = wrong_column};

TEST_P(pipeline, column_types_are_checked) {
  const std::vector<std::int32_t> counts = {1, 2};
  EXPECT_THROW((void)run_batch(wrong, counts, [](std::int32_t n) { return std::make_tuple(n); }),
               soong::schema_mismatch);
  // Still usable afterwards (the pipeline was drained).
  EXPECT_EQ(soong::execute_sql(conn(), "SELECT 7::int4").get<std::int32_t>(0, 0), 7);
}

TEST_P(pipeline, a_column_type_mismatch_reads_as_from_a_single_statement) {
  const std::string expected =
      "Wrong: column \"g\" (#1): the generated code expects pg_catalog.text, the database "
      "returns pg_catalog.int4 (oid 23) (regenerate the code for the current schema)";
  const std::vector<std::int32_t> counts = {1};
  for (int attempt = 0; attempt < 2; ++attempt) {  // before and after the single statement ran
    try {
      (void)run_batch(wrong, counts, [](std::int32_t n) { return std::make_tuple(n); });
      FAIL() << "no schema_mismatch from the batch";
    } catch (const soong::schema_mismatch& e) {
      EXPECT_EQ(e.what(), expected);
    }
    try {
      (void)soong::execute(conn(), wrong, std::int32_t{1});
      FAIL() << "no schema_mismatch from the single statement";
    } catch (const soong::schema_mismatch& e) {
      EXPECT_EQ(e.what(), expected);
    }
  }
}

TEST_P(pipeline, a_unique_violation_is_the_same_class_as_from_a_single_statement) {
  std::vector<item> items = make_items(3);
  items[2].id = items[0].id;  // the third item repeats the first one's primary key
  try {
    (void)run_batch(insert_item, items, bind_item);
    FAIL() << "no unique_violation from the batch";
  } catch (const soong::unique_violation& e) {
    EXPECT_EQ(e.batch_index(), 2u);
    EXPECT_EQ(e.constraint_name(), "items_pkey");
  }
  // The first two items stayed; the same row sent alone fails with the same class.
  try {
    (void)soong::execute(conn(), insert_item, items[0].id, std::string_view(items[0].label),
                         items[0].qty);
    FAIL() << "no unique_violation from the single statement";
  } catch (const soong::unique_violation& e) {
    EXPECT_FALSE(e.batch_index().has_value());
    EXPECT_EQ(e.constraint_name(), "items_pkey");
  }
}

INSTANTIATE_TEST_SUITE_P(modes, pipeline, soong::test::all_batch_modes, soong::test::mode_name);

}  // namespace
