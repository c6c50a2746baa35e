// Pipeline batches big enough to matter: 50,000 items sent before the first result is read, a
// failure near the end of such a batch, and replies that fill the socket while items are still
// being sent (libpq must read while it writes, or client and server wait on each other).

#include <gtest/gtest.h>

#include <cstdint>
#include <soong/soong.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "pipeline_fixture.hpp"

namespace {

using soong::test::bind_item;
using soong::test::insert_item;
using soong::test::item;
using soong::test::make_items;

constexpr std::size_t big = 50'000;

class pipeline_large : public soong::test::pipeline_fixture {};

TEST_P(pipeline_large, applies_every_item_of_a_big_batch) {
  const std::vector<item> items = make_items(big);
  const auto results = run_batch(insert_item, items, bind_item);
  if (GetParam().keep_results) {
    ASSERT_EQ(results.size(), big);
    EXPECT_EQ(results[big - 1].get<std::int64_t>(0, 0), 2 * static_cast<std::int64_t>(big - 1));
  }
  EXPECT_EQ(committed(), std::make_tuple(std::int64_t{big}, std::int64_t{0},
                                         static_cast<std::int64_t>(big - 1)));
  std::int64_t qty = 0;
  std::int64_t label_bytes = 0;
  for (const item& i : items) {
    qty += i.qty;
    label_bytes += static_cast<std::int64_t>(i.label.size());
  }
  const auto sums = soong::execute_sql(conn(), "SELECT sum(qty), sum(length(label)) FROM items");
  EXPECT_EQ(sums.get<std::int64_t>(0, 0), qty);
  EXPECT_EQ(sums.get<std::int64_t>(0, 1), label_bytes);
}

TEST_P(pipeline_large, a_failure_near_the_end_keeps_every_item_before_it) {
  const std::vector<item> items = make_items(big, 45'000);
  try {
    (void)run_batch(insert_item, items, bind_item);
    FAIL() << "no sql_error";
  } catch (const soong::sql_error& e) {
    EXPECT_EQ(e.batch_index(), 45'000u);
    EXPECT_EQ(e.sqlstate(), "23514");
  }
  EXPECT_EQ(committed(),
            std::make_tuple(std::int64_t{45'000}, std::int64_t{0}, std::int64_t{44'999}));
}

constexpr soong::type_ref padding_params[] = {{23, "pg_catalog", "int4"}};
constexpr soong::type_ref padding_columns[] = {{23, "pg_catalog", "int4"},
                                               {25, "pg_catalog", "text"}};
constexpr soong::statement padded{.name = "Padded",
                                  .sql = "SELECT $1, repeat('x', 1000)",
                                  .params = padding_params,
                                  .columns = padding_columns};

TEST_P(pipeline_large, replies_larger_than_the_socket_buffers_do_not_stall_sending) {
  // 20 MB of replies to 20,000 small items: the server blocks on a full socket long before the
  // last item is sent.
  std::vector<std::int32_t> numbers(20'000);
  for (std::size_t i = 0; i < numbers.size(); ++i) numbers[i] = static_cast<std::int32_t>(i);
  const auto results =
      run_batch(padded, numbers, [](std::int32_t n) { return std::make_tuple(n); });
  if (!GetParam().keep_results) return;
  ASSERT_EQ(results.size(), numbers.size());
  for (std::size_t i = 0; i < results.size(); i += 997) {
    EXPECT_EQ(results[i].get<std::int32_t>(0, 0), numbers[i]);
    EXPECT_EQ(results[i].get<std::string>(0, 1), std::string(1000, 'x'));
  }
}

INSTANTIATE_TEST_SUITE_P(modes, pipeline_large, soong::test::all_batch_modes,
                         soong::test::mode_name);

}  // namespace
