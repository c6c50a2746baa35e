#pragma once
// `:copyfrom` queries are written as `INSERT INTO t (a, b) VALUES ($1, $2)` (sqlc's form) and
// run as binary `COPY t (a, b) FROM STDIN`: this finds the table and columns in the tree.

#include <nlohmann/json.hpp>
#include <optional>

#include "ir.hpp"

namespace soong::gen {

/// The COPY target of an `INSERT INTO t (cols) VALUES ($1, ..., $n)` tree whose single VALUES
/// row holds only distinct parameters, one per column (in any order; the result lists the
/// columns by parameter number); nullopt for any other statement.
[[nodiscard]] std::optional<copy_target> copy_target_of(const nlohmann::json& statement);

}  // namespace soong::gen
