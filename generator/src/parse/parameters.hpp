#pragma once
// Finds a statement's parameters in its scanner tokens and plans their rewriting to `$n`:
// `$1`, `@name`, `sqlc.arg(name)`, `sqlc.arg('name')`, `sqlc.narg(name)`, `sqlc.slice(name)`
// and psycopg's `%(name)s`. Because only tokens are inspected, text inside string literals, dollar
// quotes and comments is never touched, and operators such as `@>`, `@@`, `%` and `->>` stay
// operators.

#include <vector>

#include "diag/diagnostic.hpp"
#include "parse/offset_map.hpp"
#include "parse/parsed_statement.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

/// The parameters of one statement and the edits that turn named ones into `$n`.
struct parameter_rewrite {
  std::vector<text_edit> edits;      // file offsets
  std::vector<parsed_param> params;  // ordered by number
  bool ok = true;                    // false when an error was reported
};

/// Reads the parameters of the statement whose tokens are `body` (file offsets into `file`).
/// `$n` keep their numbers; named parameters take, in order of first use, the lowest numbers
/// no `$n` uses (as sqlc numbers them); the same name is one parameter, and it is nullable
/// when any of its uses is `sqlc.narg`. `[NOT] IN (sqlc.slice(name))` becomes `= ANY($n)`
/// (`<> ALL($n)`) with one array parameter. In a statement with `%(name)s` parameters, `%%`
/// outside comments becomes `%`, as psycopg would send it. Errors (mixing `$n` with
/// `%(name)s`, gaps in the numbering, malformed `sqlc.arg`, `sqlc.slice` outside an IN list)
/// go to `diags`.
[[nodiscard]] parameter_rewrite rewrite_parameters(const source_file& file,
                                                   const std::vector<pg_token>& body,
                                                   diagnostics& diags);

}  // namespace soong::gen
