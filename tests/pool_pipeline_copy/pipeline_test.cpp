// soong::execute_batch against a real server: results in order, and exactly what a failing
// item leaves behind, with and without a transaction and with the statement cache off.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <soong/soong.hpp>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "test_server.hpp"

namespace {

constexpr soong::type_ref insert_params[] = {
    {20, "pg_catalog", "int8"}, {25, "pg_catalog", "text"}, {23, "pg_catalog", "int4"}};
constexpr soong::type_ref doubled_column[] = {{20, "pg_catalog", "int8"}};
constexpr soong::statement insert_item{
    .name = "InsertItem",
    .sql = "INSERT INTO items (id, label, qty) VALUES ($1, $2, $3) RETURNING id * 2",
    .params = insert_params,
    .columns = doubled_column};

constexpr soong::type_ref count_param[] = {{23, "pg_catalog", "int4"}};
constexpr soong::type_ref series_column[] = {{23, "pg_catalog", "int4"}};
constexpr soong::statement series{.name = "Series",
                                  .sql = "SELECT g FROM generate_series(1, $1) AS g ORDER BY g",
                                  .params = count_param,
                                  .columns = series_column};

struct item {
  std::int64_t id;
  std::string label;
  std::int32_t qty;  // the CHECK (qty >= 0) makes a negative quantity the failing item
};

const auto bind_item = [](const item& i) {
  return std::make_tuple(i.id, std::string_view(i.label), i.qty);
};

std::vector<item> make_items(std::size_t count, std::optional<std::size_t> failing = {}) {
  std::vector<item> items;
  for (std::size_t i = 0; i < count; ++i) {
    items.push_back({static_cast<std::int64_t>(i), "label " + std::to_string(i),
                     failing == i ? -1 : static_cast<std::int32_t>(i % 7)});
  }
  return items;
}

class pipeline : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    conninfo_ = soong::testing::fresh_database();
    soong::testing::run_sql(conninfo_,
                            "CREATE TABLE items (id int8 PRIMARY KEY, label text NOT NULL, "
                            "qty int4 NOT NULL CONSTRAINT qty_not_negative CHECK (qty >= 0), "
                            "seq bigserial)");
    conn_.emplace(conninfo_, soong::connection_options{.statement_cache = GetParam()});
  }
  /// count(*), min(id), max(id) of the table, read on a separate connection (what is committed).
  std::tuple<std::int64_t, std::int64_t, std::int64_t> committed() {
    soong::connection other(conninfo_);
    const auto r = soong::execute_sql(
        other, "SELECT count(*), coalesce(min(id), -1), coalesce(max(id), -1) FROM items");
    return {r.get<std::int64_t>(0, 0), r.get<std::int64_t>(0, 1), r.get<std::int64_t>(0, 2)};
  }
  soong::connection& conn() { return *conn_; }

  std::string conninfo_;
  std::optional<soong::connection> conn_;
};

TEST_P(pipeline, returns_one_result_per_item_in_order) {
  const std::vector<item> items = make_items(1500);
  const auto results =
      soong::execute_batch(conn(), insert_item, std::span<const item>(items), bind_item);
  ASSERT_EQ(results.size(), items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
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
    (void)soong::execute_batch(conn(), insert_item, std::span<const item>(items), bind_item);
    FAIL() << "no batch_error";
  } catch (const soong::batch_error& e) {
    EXPECT_EQ(e.index(), 700u);
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
  EXPECT_THROW(
      (void)soong::execute_batch(conn(), insert_item, std::span<const item>(items), bind_item),
      soong::batch_error);
  const auto r = soong::execute_sql(conn(), "SELECT min(seq), max(seq) FROM items");
  EXPECT_EQ(r.get<std::int64_t>(0, 0), 702);
  EXPECT_EQ(r.get<std::int64_t>(0, 1), 1401);
}

TEST_P(pipeline, a_failing_first_item_applies_nothing) {
  const std::vector<item> items = make_items(10, 0);
  EXPECT_THROW(
      (void)soong::execute_batch(conn(), insert_item, std::span<const item>(items), bind_item),
      soong::batch_error);
  EXPECT_EQ(std::get<0>(committed()), 0);
}

TEST_P(pipeline, inside_a_transaction_a_failing_item_fails_the_transaction) {
  const std::vector<item> items = make_items(1000, 400);
  {
    soong::transaction tx(conn());
    try {
      (void)soong::execute_batch(conn(), insert_item, std::span<const item>(items), bind_item);
      FAIL() << "no batch_error";
    } catch (const soong::batch_error& e) {
      EXPECT_EQ(e.index(), 400u);
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
    const auto results =
        soong::execute_batch(conn(), insert_item, std::span<const item>(items), bind_item);
    EXPECT_EQ(results.size(), 1000u);
    EXPECT_EQ(std::get<0>(committed()), 0);  // not yet
    tx.commit();
  }
  EXPECT_EQ(committed(), std::make_tuple(std::int64_t{1000}, std::int64_t{0}, std::int64_t{999}));
}

TEST_P(pipeline, an_empty_batch_sends_nothing) {
  const std::vector<item> none;
  EXPECT_TRUE(
      soong::execute_batch(conn(), insert_item, std::span<const item>(none), bind_item).empty());
}

TEST_P(pipeline, a_wrong_argument_count_is_refused_before_sending) {
  const std::vector<item> items = make_items(3);
  EXPECT_THROW((void)soong::execute_batch(conn(), insert_item, std::span<const item>(items),
                                          [](const item& i) { return std::make_tuple(i.id); }),
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
  EXPECT_THROW((void)soong::execute_batch(conn(), wrong, std::span<const std::int32_t>(counts),
                                          [](std::int32_t n) { return std::make_tuple(n); }),
               soong::schema_mismatch);
  // Still usable afterwards (the pipeline was drained).
  EXPECT_EQ(soong::execute_sql(conn(), "SELECT 7::int4").get<std::int32_t>(0, 0), 7);
}

INSTANTIATE_TEST_SUITE_P(statement_cache, pipeline, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "cached" : "uncached"; });

}  // namespace
