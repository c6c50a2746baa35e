#pragma once
// What the app corpus's live tests share: the fixture (a fresh database with schema.sql and
// seed.sql per test), dates and times for arguments, and reading columns whose C++ type may
// still change as the nullability analysis improves.

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "query_corpus.hpp"
#include "schema.hpp"

namespace app_corpus_live {
namespace db = ::app_corpus::db;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

/// The value of a column whether soong types it optional or not: the columns soong is still
/// cautious about (known_imprecise.txt) may become non-optional as the analysis improves.
template <class T>
[[nodiscard]] const auto& value_of(const T& column) {
  if constexpr (is_optional<T>) {
    return column.value();
  } else {
    return column;
  }
}

[[nodiscard]] inline std::chrono::sys_days day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

[[nodiscard]] inline soong::timestamptz at(int y, unsigned m, unsigned d, int hour = 0) {
  return soong::timestamptz{day(y, m, d) + std::chrono::hours{hour}};
}

/// Whether known_unsound.txt lists `query` (then its generated code is expected to throw).
[[nodiscard]] inline bool listed_unsound(const std::string& query) {
  for (const auto& line :
       soong::testing::reviewed_lines(SOONG_APP_CORPUS_DIR "/known_unsound.txt")) {
    if (line.rfind(query + ":", 0) == 0) return true;
  }
  return false;
}

/// Each test gets its own database with the corpus schema and seed rows.
class app_corpus : public ::testing::Test {
 protected:
  soong::connection conn{soong::testing::seeded_corpus_database(SOONG_APP_CORPUS_DIR)};
};

}  // namespace app_corpus_live
