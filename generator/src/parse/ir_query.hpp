#pragma once
// The hand-over from the front end to the IR: what an annotated statement already says about
// its query before the oracle and the nullability analysis add types and columns.

#include "ir.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// The IR query for an annotated statement: name, command, location, `sql`, `rewritten_sql`,
/// `main_statement_offset` and one `param` per `$n` with its written name (empty for `$n`; the
/// naming stage fills it) and `nullable` set for `sqlc.narg`. Types, columns and the `:copyfrom`
/// target are left for later stages.
/// Throws std::invalid_argument for a statement without annotation (a caller bug).
[[nodiscard]] query make_ir_query(const parsed_statement& statement);

}  // namespace soong::gen
