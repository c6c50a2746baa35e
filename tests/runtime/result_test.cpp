// soong::result's decoding rules where the fast path takes shortcuts: NULL is told apart from
// empty values by length first (PQgetisnull only for zero-length values), column types come
// from a per-result cache of the first 32 columns, row_view checks the row once, and
// collect_rows builds rows in place.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime_fixture.hpp"

namespace {

constexpr soong::type_ref text_bytea_columns[] = {{soong::oids::text, "pg_catalog", "text"},
                                                  {soong::oids::text, "pg_catalog", "text"},
                                                  {soong::oids::bytea, "pg_catalog", "bytea"},
                                                  {soong::oids::bytea, "pg_catalog", "bytea"}};
constexpr soong::statement empty_and_null{
    .name = "EmptyAndNull",
    .sql = "SELECT ''::text, NULL::text, ''::bytea, NULL::bytea",
    .columns = text_bytea_columns};

TEST(result, empty_text_and_bytea_are_values_and_null_is_null) {
  soong::connection conn = soong::test::fresh_connection();
  const soong::result r = soong::execute(conn, empty_and_null);
  EXPECT_EQ(r.get<std::string>(0, 0), "");
  EXPECT_EQ(r.get<std::optional<std::string>>(0, 0), std::optional<std::string>(""));
  EXPECT_EQ(r.get<std::optional<std::string>>(0, 1), std::nullopt);
  EXPECT_THROW((void)r.get<std::string>(0, 1), soong::unexpected_null);
  EXPECT_EQ(r.get<soong::bytea>(0, 2), soong::bytea{});
  EXPECT_EQ(r.get<std::optional<soong::bytea>>(0, 3), std::nullopt);
  EXPECT_THROW((void)r.get<soong::bytea>(0, 3), soong::unexpected_null);
}

constexpr soong::type_ref int4_int8_columns[] = {{soong::oids::int4, "pg_catalog", "int4"},
                                                 {soong::oids::int8, "pg_catalog", "int8"}};
constexpr soong::statement null_numbers{
    .name = "NullNumbers", .sql = "SELECT NULL::int4, NULL::int8", .columns = int4_int8_columns};

TEST(result, null_fixed_width_values_are_null_not_short_values) {
  soong::connection conn = soong::test::fresh_connection();
  const soong::result r = soong::execute(conn, null_numbers);
  EXPECT_EQ(r.get<std::optional<std::int32_t>>(0, 0), std::nullopt);
  EXPECT_EQ(r.get<std::optional<std::int64_t>>(0, 1), std::nullopt);
  try {
    (void)r.row(0).get<std::int64_t>(1);
    FAIL() << "expected unexpected_null";
  } catch (const soong::unexpected_null& e) {
    EXPECT_STREQ(e.what(),
                 "NullNumbers: column \"int8\" is NULL in row 0, but its C++ type is not "
                 "std::optional");
  }
}

TEST(result, row_view_checks_row_and_column) {
  soong::connection conn = soong::test::fresh_connection();
  const soong::result r =
      soong::execute_sql(conn, "SELECT g, g::text FROM generate_series(1, 3) AS g");
  ASSERT_EQ(r.rows(), 3);
  const soong::row_view second = r.row(1);
  EXPECT_EQ(second.index(), 1);
  EXPECT_EQ(second.get<std::int32_t>(0), 2);
  EXPECT_EQ(second.get<std::string>(1), "2");
  EXPECT_THROW((void)r.row(3), soong::error);
  EXPECT_THROW((void)r.row(-1), soong::error);
  EXPECT_THROW((void)second.get<std::int32_t>(2), soong::error);
  EXPECT_THROW((void)second.get<std::int32_t>(-1), soong::error);
  // A raw-SQL result still checks the requested type through a row_view.
  EXPECT_THROW((void)second.get<std::int64_t>(0), soong::schema_mismatch);
}

TEST(result, columns_beyond_the_cached_types_are_typed_and_checked) {
  soong::connection conn = soong::test::fresh_connection();
  std::string sql = "SELECT ";
  for (int c = 0; c < 40; ++c) {
    sql += (c ? ", " : "") +
           (c % 2 == 0 ? std::to_string(c) + "::int4" : "'t" + std::to_string(c) + "'::text");
  }
  const soong::result r = soong::execute_sql(conn, sql);
  ASSERT_EQ(r.columns(), 40);
  EXPECT_EQ(r.column_type(-1), 0u);
  EXPECT_EQ(r.column_type(40), 0u);
  EXPECT_EQ(r.column_type(1000), 0u);
  for (int c = 0; c < 40; ++c) {
    SCOPED_TRACE(c);
    if (c % 2 == 0) {
      EXPECT_EQ(r.column_type(c), soong::oids::int4);
      EXPECT_EQ(r.get<std::int32_t>(0, c), c);
      EXPECT_THROW((void)r.get<std::string>(0, c), soong::schema_mismatch);
    } else {
      EXPECT_EQ(r.column_type(c), soong::oids::text);
      EXPECT_EQ(r.get<std::string>(0, c), "t" + std::to_string(c));
      EXPECT_THROW((void)r.get<std::int32_t>(0, c), soong::schema_mismatch);
    }
  }
}

TEST(result, type_cache_survives_moves) {
  soong::connection conn = soong::test::fresh_connection();
  soong::result moved = soong::execute_sql(conn, "SELECT 7::int8, 'x'::text");
  soong::result target = std::move(moved);
  EXPECT_EQ(target.column_type(0), soong::oids::int8);
  EXPECT_EQ(target.column_type(1), soong::oids::text);
  EXPECT_EQ(target.column_type(2), 0u);
  EXPECT_EQ(target.get<std::int64_t>(0, 0), 7);
  EXPECT_THROW((void)target.get<std::int32_t>(0, 0), soong::schema_mismatch);
  soong::result assigned;
  assigned = std::move(target);
  EXPECT_EQ(assigned.get<std::string>(0, 1), "x");
  EXPECT_EQ(moved.rows(), 0);
  EXPECT_EQ(moved.column_type(0), 0u);
  EXPECT_EQ(target.rows(), 0);
}

/// A row type that counts how often it is moved or copied.
struct counted_row {
  static inline int transfers = 0;
  std::int32_t id;
  std::string label;
  counted_row(std::int32_t i, std::string l) : id(i), label(std::move(l)) {}
  counted_row(counted_row&& other) noexcept : id(other.id), label(std::move(other.label)) {
    ++transfers;
  }
  counted_row(const counted_row& other) : id(other.id), label(other.label) { ++transfers; }
  counted_row& operator=(counted_row&&) = delete;
  counted_row& operator=(const counted_row&) = delete;
};

counted_row read_counted_row(const soong::result& r, int i) {
  const soong::row_view row = r.row(i);
  return counted_row(row.get<std::int32_t>(0), row.get<std::string>(1));
}

std::optional<std::int32_t> read_maybe_number(const soong::result& r, int i) {
  return r.get<std::optional<std::int32_t>>(i, 0);
}

TEST(result, collect_rows_builds_each_row_in_place) {
  soong::connection conn = soong::test::fresh_connection();
  const soong::result r = soong::execute_sql(
      conn, "SELECT g, 'row ' || g FROM generate_series(1, 1000) AS g ORDER BY g");
  counted_row::transfers = 0;
  const std::vector<counted_row> rows = soong::collect_rows<read_counted_row>(r);
  ASSERT_EQ(rows.size(), 1000u);
  EXPECT_EQ(rows.front().id, 1);
  EXPECT_EQ(rows.back().label, "row 1000");
  EXPECT_EQ(counted_row::transfers, 0) << "rows were moved or copied into the vector";
}

TEST(result, collect_rows_of_single_nullable_values) {
  soong::connection conn = soong::test::fresh_connection();
  const soong::result r =
      soong::execute_sql(conn, "SELECT NULLIF(g, 2) FROM generate_series(1, 3) AS g ORDER BY g");
  const std::vector<std::optional<std::int32_t>> values = soong::collect_rows<read_maybe_number>(r);
  EXPECT_EQ(values, (std::vector<std::optional<std::int32_t>>{1, std::nullopt, 3}));
  const soong::result none = soong::execute_sql(conn, "SELECT 1 WHERE false");
  EXPECT_TRUE(soong::collect_rows<read_maybe_number>(none).empty());
}

}  // namespace
