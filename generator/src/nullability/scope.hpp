#pragma once
// Name scopes of the nullability analysis: the relations a query's FROM clause makes visible
// (range entries), and the CTEs visible from a query. Columns carry their nullability as seen
// at that point, so "right side of a LEFT JOIN" is a property of the range entry.

#include <map>
#include <string>
#include <vector>

namespace soong::gen::detail {

/// A nullability verdict with its reason.
struct verdict {
  bool nullable = true;
  std::string reason;
};

[[nodiscard]] inline verdict non_null(std::string reason) { return {false, std::move(reason)}; }
[[nodiscard]] inline verdict maybe_null(std::string reason) { return {true, std::move(reason)}; }

/// One output column of a statement, subquery, CTE or view.
struct output_column {
  std::string name;
  verdict value;
  /// Stands for an unknown number of columns (e.g. `*` over a function whose columns we do
  /// not know); all of them nullable.
  bool unknown_width = false;
};

using relation_shape = std::vector<output_column>;

/// One column visible through a range entry.
struct scope_column {
  std::string name;
  verdict value;  // as seen by the query, outer joins applied
  verdict base;   // before outer joins made it nullable (restored by WHERE refinement)
};

/// A relation visible in FROM: a table, view, subquery, CTE reference, function or the merged
/// columns of a `JOIN ... USING`.
struct range_entry {
  /// The name used to qualify columns; "" for entries that cannot be qualified.
  std::string alias;
  std::vector<scope_column> columns;
  /// False when the entry may have more columns than listed (unknown function results).
  bool columns_known = true;
  /// Set when the entry sits on the nullable side of an outer join: its row may be all NULL.
  bool null_extended = false;
};

/// Where a `*` expands to: a column of an entry, or an unknown number of nullable columns.
struct star_slot {
  int entry = 0;
  int column = 0;  // -1: unknown width
};

/// The relations visible at one query level, with the enclosing level for outer references.
struct scope {
  std::vector<range_entry> entries;
  std::vector<star_slot> star;
  const scope* parent = nullptr;
};

/// CTEs visible from a query level, innermost first.
struct cte_environment {
  std::map<std::string, relation_shape> ctes;
  const cte_environment* parent = nullptr;

  [[nodiscard]] const relation_shape* find(const std::string& name) const {
    for (const auto* env = this; env != nullptr; env = env->parent) {
      auto it = env->ctes.find(name);
      if (it != env->ctes.end()) return &it->second;
    }
    return nullptr;
  }
};

/// A resolved column reference.
struct resolved_column {
  const range_entry* entry = nullptr;
  const scope_column* column = nullptr;
};

/// Resolves `name` or `qualifier.name` in `s` and then its parents, as PostgreSQL does for a
/// query that prepared successfully (so ambiguity was already rejected). Returns an empty
/// result when the column is not found or may belong to an entry with unknown columns.
[[nodiscard]] resolved_column resolve_column(const scope& s, const std::string& qualifier,
                                             const std::string& name);

/// Finds a range entry by alias in `s` and its parents.
[[nodiscard]] const range_entry* find_entry(const scope& s, const std::string& alias);

}  // namespace soong::gen::detail
