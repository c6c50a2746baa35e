#pragma once
// Whether a statement always yields exactly one row: the proof that lets a `:one` query return
// its row instead of std::optional of it (docs/generated-code.md, "Exactly one row").
// Conservative: a statement is proven only in the shapes listed below; anything else may
// yield no row (or several) as far as the generator knows.

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "nullability/catalog_facts.hpp"

namespace soong::gen {

/// Answers whether an INSERT into `schema.table` (schema empty when the statement does not
/// qualify the name) always keeps its row: a plain table without a BEFORE row trigger or a
/// rule that could skip or replace the insert (oracle/insert_target.hpp asks the oracle).
using insert_keeps_row = std::function<bool(std::string_view schema, std::string_view table)>;

/// True when the statement (libpg_query's JSON `stmt` node) yields exactly one row:
///  - a SELECT without FROM, WHERE, HAVING, GROUP BY, a set operation or a set-returning
///    function in its target list;
///  - a SELECT whose target list calls an aggregate (outside subqueries, not as a window
///    function) without GROUP BY, HAVING or a set-returning function in the target list:
///    `SELECT count(*) FROM t WHERE ...`;
///  - an INSERT of one VALUES row (or DEFAULT VALUES) with RETURNING, without ON CONFLICT DO
///    NOTHING or a WHERE on DO UPDATE, into a table `keeps_row` vouches for.
/// Either SELECT may have a WITH list, DISTINCT, and a LIMIT that is a positive integer
/// literal; OFFSET, or any other LIMIT, is not proven. Functions are looked up by name in
/// `facts`: an unknown name or one with a set-returning overload is not proven.
[[nodiscard]] bool yields_exactly_one_row(const nlohmann::json& tree, const catalog_facts& facts,
                                          const insert_keeps_row& keeps_row);

}  // namespace soong::gen
