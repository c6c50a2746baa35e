#pragma once
// What a connection pooler breaks: SQL that changes or relies on the server session (a
// session-level SET, LISTEN, SQL-level PREPARE, WITH HOLD cursors, temporary tables that
// outlive the transaction, session advisory locks, ...). Behind a pooler in transaction mode
// the next transaction of the same client may run on another server session, and this one goes
// to another client with the state still set; in statement mode not even a transaction spans
// two statements. `soong check --pooler transaction` reports each such statement where it is
// written.

#include <optional>
#include <string_view>

#include "diag/diagnostic.hpp"
#include "diag/source_file.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// How the pooler in front of the server hands out server sessions.
enum class pooler_mode { transaction, statement };

/// "transaction" or "statement"; nullopt for "session" and "none" (nothing to check) and for
/// anything else.
[[nodiscard]] std::optional<pooler_mode> pooler_mode_to_check(std::string_view name);

/// Adds an error for every statement of `parsed` (read from `file`) that `mode` breaks, at the
/// offending clause or function call.
void check_pooler_safety(const source_file& file, const parsed_file& parsed, pooler_mode mode,
                         diagnostics& diags);

}  // namespace soong::gen
