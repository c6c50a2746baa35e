#pragma once
// Shared by the pipeline tests: a fresh database with an `items` table, and the batch functions
// run in every mode the runtime has (statement cache on/off × results kept/freed as read).

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <soong/soong.hpp>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "test_server.hpp"

namespace soong::test {

constexpr soong::type_ref insert_params[] = {
    {20, "pg_catalog", "int8"}, {25, "pg_catalog", "text"}, {23, "pg_catalog", "int4"}};
constexpr soong::type_ref doubled_column[] = {{20, "pg_catalog", "int8"}};
constexpr soong::statement insert_item{
    .name = "InsertItem",
    .sql = "INSERT INTO items (id, label, qty) VALUES ($1, $2, $3) RETURNING id * 2",
    .params = insert_params,
    .columns = doubled_column};

struct item {
  std::int64_t id;
  std::string label;
  std::int32_t qty;  // the CHECK (qty >= 0) makes a negative quantity the failing item
};

inline const auto bind_item = [](const item& i) {
  return std::make_tuple(i.id, std::string_view(i.label), i.qty);
};

inline std::vector<item> make_items(std::size_t count, std::optional<std::size_t> failing = {}) {
  std::vector<item> items;
  items.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    items.push_back({static_cast<std::int64_t>(i), "label " + std::to_string(i),
                     failing == i ? -1 : static_cast<std::int32_t>(i % 7)});
  }
  return items;
}

/// How a test runs its batches.
struct batch_mode {
  bool statement_cache = true;
  bool keep_results = true;  ///< execute_batch; false: execute_batch_without_results
};

/// For gtest's "where GetParam() = ..." lines.
inline void PrintTo(const batch_mode& mode, std::ostream* out) {
  *out << (mode.statement_cache ? "cache on" : "cache off")
       << (mode.keep_results ? ", results kept" : ", results freed");
}

inline std::string mode_name(const ::testing::TestParamInfo<batch_mode>& info) {
  return std::string(info.param.statement_cache ? "cached" : "uncached") +
         (info.param.keep_results ? "_kept" : "_freed");
}

inline const auto all_batch_modes =
    ::testing::Values(batch_mode{true, true}, batch_mode{false, true}, batch_mode{true, false},
                      batch_mode{false, false});

class pipeline_fixture : public ::testing::TestWithParam<batch_mode> {
 protected:
  void SetUp() override {
    conninfo_ = soong::testing::seeded_database(
        "CREATE TABLE items (id int8 PRIMARY KEY, label text NOT NULL, "
        "qty int4 NOT NULL CONSTRAINT qty_not_negative CHECK (qty >= 0), "
        "seq bigserial)");
    conn_.emplace(conninfo_, soong::connection_options{.statement_cache =
                                                           GetParam().statement_cache
                                                               ? soong::statement_cache_mode::on
                                                               : soong::statement_cache_mode::off});
  }
  /// count(*), min(id), max(id) of the table, read on a separate connection (what is committed).
  std::tuple<std::int64_t, std::int64_t, std::int64_t> committed() {
    soong::connection other(conninfo_);
    const auto r = soong::execute_sql(
        other, "SELECT count(*), coalesce(min(id), -1), coalesce(max(id), -1) FROM items");
    return {r.get<std::int64_t>(0, 0), r.get<std::int64_t>(0, 1), r.get<std::int64_t>(0, 2)};
  }
  soong::connection& conn() { return *conn_; }

  /// Runs the batch the way the test's mode says; the results (none when they are freed).
  template <class Item, class Bind>
  std::vector<soong::result> run_batch(const soong::statement& stmt, const std::vector<Item>& items,
                                       Bind&& bind) {
    const std::span<const Item> span(items);
    if (GetParam().keep_results) return soong::execute_batch(conn(), stmt, span, bind);
    soong::execute_batch_without_results(conn(), stmt, span, bind);
    return {};
  }

  std::string conninfo_;
  std::optional<soong::connection> conn_;
};

}  // namespace soong::test
