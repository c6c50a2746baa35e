#pragma once
// What the query corpora's live tests share: a database filled with a corpus's schema and seed
// rows, and calling a generated :many or :one function in every variant it has (vector,
// streaming, JSON) with checks that they agree.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <soong/json.hpp>
#include <soong/json_writer.hpp>
#include <soong/soong.hpp>
#include <string>
#include <type_traits>

#include "test_files.hpp"
#include "test_server.hpp"

namespace soong::testing {

/// A fresh database of the test server with `<corpus_dir>/schema.sql` and then
/// `<corpus_dir>/seed.sql` applied; its conninfo.
[[nodiscard]] inline std::string seeded_corpus_database(const std::filesystem::path& corpus_dir) {
  std::string conninfo = fresh_database();
  run_sql(conninfo, read_file(corpus_dir / "schema.sql"));
  run_sql(conninfo, read_file(corpus_dir / "seed.sql"));
  return conninfo;
}

/// The generated direct JSON writer (soong::to_json_string) and the generated nlohmann to_json
/// render `value` as the same JSON.
template <class T>
void expect_same_client_json(const T& value, const char* query) {
  EXPECT_EQ(nlohmann::json::parse(soong::to_json_string(value)),
            nlohmann::json::parse(nlohmann::json(value).dump()))
      << query;
}

}  // namespace soong::testing

// The two macros below expect a namespace alias `db` for the generated code and a
// `soong::connection conn` in scope, so that a call reads like the application's own.

/// Calls a :many query's vector overload, its streaming overload and its JSON variant with
/// the same arguments; checks they agree on the row count, and that both client-side JSON
/// renderings of the rows agree; yields the vector.
#define SOONG_CORPUS_MANY(fn, ...)                                                           \
  [&] {                                                                                      \
    auto rows = db::fn(conn __VA_OPT__(, ) __VA_ARGS__);                                     \
    std::size_t streamed = 0;                                                                \
    db::fn(conn __VA_OPT__(, ) __VA_ARGS__, [&](auto&&) { ++streamed; });                    \
    EXPECT_EQ(streamed, rows.size()) << #fn;                                                 \
    const auto json = nlohmann::json::parse(db::fn##_json(conn __VA_OPT__(, ) __VA_ARGS__)); \
    EXPECT_EQ(json.size(), rows.size()) << #fn;                                              \
    soong::testing::expect_same_client_json(rows, #fn);                                      \
    return rows;                                                                             \
  }()

namespace soong::testing {
/// A :one result and its JSON twin's agree: both found a row or neither; for a statement proven
/// to yield exactly one row the twin is a plain std::string, a JSON object.
template <class Row, class Json>
void expect_same_presence(const Row& row, const Json& json, const char* query) {
  if constexpr (std::is_same_v<Json, std::optional<std::string>>) {
    EXPECT_EQ(json.has_value(), row.has_value()) << query;
  } else {
    static_assert(std::is_same_v<Json, std::string>, "a :one JSON twin is a string");
    EXPECT_TRUE(nlohmann::json::parse(json).is_object()) << query;
  }
}
}  // namespace soong::testing

/// Calls a read-only :one query and its JSON variant; checks both found a row or neither, and
/// that both client-side JSON renderings of the row agree.
#define SOONG_CORPUS_ONE(fn, ...)                                     \
  [&] {                                                               \
    auto row = db::fn(conn __VA_OPT__(, ) __VA_ARGS__);               \
    const auto json = db::fn##_json(conn __VA_OPT__(, ) __VA_ARGS__); \
    soong::testing::expect_same_presence(row, json, #fn);             \
    soong::testing::expect_same_client_json(row, #fn);                \
    return row;                                                       \
  }()
