#pragma once
// soong::statement_cache_mode: whether generated statements are prepared under a name per
// connection or sent unnamed, which is what decides whether soong works behind a connection
// pooler in transaction mode.

#include <string_view>

namespace soong {

/// How a connection runs generated statements.
///  - `on`: each statement is prepared once per connection under a name unique to that
///    connection, then executed by name (one round trip per call). Right for a direct
///    connection and for poolers in session mode.
///  - `off`: every call sends an unnamed statement (Parse, Bind, Execute in one round trip),
///    which is what PgBouncer in transaction or statement pooling mode and RDS Proxy need: the
///    server connection can change between any two transactions.
///  - `automatic` (the default): `on`, unless a pooler is detected; then `off` for the rest of
///    the connection's life. Detection: before its first prepared statement the connection
///    compares the server's `pg_backend_pid()` with the process id libpq received at connect
///    (a pooler answers with its own), and a statement lost or clashing on the server
///    (SQLSTATE 26000 or 42P05 outside a transaction, where nothing ran) also switches, after
///    which the call runs once more. Either switch is reported once through the statement hook
///    (statement_event::warning) and soong's warning handler (soong/warnings.hpp).
/// Result column types are checked on every result in every mode.
enum class statement_cache_mode { automatic, on, off };

/// Parses `auto`, `on` or `off` (also `true`/`false`, `1`/`0`); throws soong::error naming
/// `source` (the variable or parameter the text came from) otherwise.
[[nodiscard]] statement_cache_mode parse_statement_cache_mode(std::string_view text,
                                                              std::string_view source);

/// The mode a pooler needs: `transaction` and `statement` give `off`, `session` and `none` give
/// `on` (no probe needed). Throws soong::error naming `source` for anything else.
[[nodiscard]] statement_cache_mode statement_cache_for_pooler(std::string_view pooler,
                                                              std::string_view source);

/// `auto`, `on` or `off`.
[[nodiscard]] std::string_view to_string(statement_cache_mode mode) noexcept;

}  // namespace soong
