#pragma once
// The table of nullability cases over the blog schema (nullability_fixture.cpp): used by the
// pure unit test and by the live test that runs every case on a real PostgreSQL.

#include <optional>
#include <ostream>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace soong::gen::testing {

struct expected_column {
  std::string name;
  bool nullable;
};
struct expected_param {
  std::string name;
  bool nullable;
};

inline expected_column nn(std::string name) { return {std::move(name), false}; }
inline expected_column opt(std::string name) { return {std::move(name), true}; }
inline expected_param pnn(std::string name) { return {std::move(name), false}; }
inline expected_param popt(std::string name) { return {std::move(name), true}; }

struct nullability_case {
  std::string title;
  std::string sql;
  std::vector<expected_column> columns;
  std::vector<expected_param> params = {};
  std::set<int> narg = {};
  /// Arguments for the live test, one per parameter (nullopt binds NULL, allowed only for a
  /// parameter expected nullable). A case with parameters runs live only when it has them.
  std::vector<std::optional<std::string>> args = {};
};

/// Names the case in gtest output instead of dumping its bytes.
inline void PrintTo(const nullability_case& c, std::ostream* os) { *os << c.title; }

/// Every case, in a stable order.
std::span<const nullability_case> nullability_cases();

}  // namespace soong::gen::testing
