#pragma once
// Nullability and parameter inference: from one statement's parse tree and
// the catalog facts, decide which result columns and parameters may be NULL, and name the
// parameters. A pure function: no server, no filesystem. Rules: docs/nullability.md.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ir.hpp"
#include "nullability/catalog_facts.hpp"

namespace soong::gen {

/// Parses one SQL statement and returns its `stmt` node (e.g. `{"SelectStmt": {...}}`), or a
/// null JSON value when the text does not parse. Used to look inside view definitions.
using statement_parser = std::function<nlohmann::json(std::string_view sql)>;

/// A result column as PostgreSQL described it.
struct described_column {
  std::string name;  // override suffix already removed
  std::optional<column_origin> origin;
};

/// A user's override from an alias suffix: `AS "name!"` or `AS "name?"`.
enum class nullability_override { not_null, nullable };

/// Everything the analysis needs about one statement.
struct nullability_input {
  /// The statement's parse tree: the `stmt` node of libpg_query 15's JSON output, with every
  /// parameter already rewritten to `$n` (a `ParamRef`).
  nlohmann::json statement;
  /// The described result columns; the result has exactly one entry per column.
  std::vector<described_column> columns;
  /// The described parameter count; the result has exactly one entry per parameter.
  int param_count = 0;
  /// Column name (as described) -> forced nullability.
  std::map<std::string, nullability_override, std::less<>> column_overrides;
  /// 1-based numbers of parameters forced nullable (`sqlc.narg`).
  std::set<int> nullable_params;
  /// Parses view definitions; without it views' columns are all nullable.
  statement_parser parse;
};

/// The verdict for one result column.
struct inferred_column {
  bool nullable = true;
  /// Why, for `soong describe` and debugging: "NOT NULL column users.handle".
  std::string reason;
};

/// The verdict for one parameter.
struct inferred_param {
  /// From the column it is compared with or assigned to, `limit`/`offset`, else "" (the caller
  /// then uses `p<n>`). Not de-duplicated and not keyword-escaped: that is the namer's job.
  std::string name;
  bool nullable = false;
  std::string reason;
};

struct nullability_result {
  std::vector<inferred_column> columns;  // one per described column, in order
  std::vector<inferred_param> params;    // params[i] is $i+1
};

/// Infers nullability of every result column and parameter of one statement. Sound: a column
/// is reported non-null only when proven; anything the analysis does not understand is
/// nullable. Never throws for unexpected trees; they just make columns nullable.
[[nodiscard]] nullability_result infer_nullability(const nullability_input& input,
                                                   const catalog_facts& catalog);

}  // namespace soong::gen
