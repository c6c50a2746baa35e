#pragma once
// Deciding, per connection, between named and unnamed statements in `automatic` mode: the probe
// for a pooler before the first named statement, the symptoms that reveal one afterwards, and
// the switch itself.

#include <libpq-fe.h>

#include <string_view>

#include "connection_state.hpp"

namespace soong::detail {

/// Whether the next statement to prepare should get a name. In `automatic` mode, the first call
/// on a connection asks the server for `pg_backend_pid()`: behind a pooler it differs from the
/// process id in the connection's BackendKeyData, which the pooler made up. One round trip per
/// connection, on its first generated statement.
[[nodiscard]] bool prepare_named(connection_state& s, std::string_view query_name);

/// An error that means the statement name did not reach the server session it was prepared on:
/// 26000 (does not exist), 42P05 (already exists), or a pooler's own refusal of the name.
[[nodiscard]] bool is_statement_name_error(const PGresult* res);

/// An error that means the statement name did not reach the server session it was prepared
/// on (26000: does not exist, 42P05: already exists, or a pooler's own refusal), and which a
/// switch to unnamed statements cures: only in `automatic` mode, outside a transaction (so
/// nothing ran and the call can run again).
[[nodiscard]] bool cured_by_unnamed_statements(const connection_state& s, const PGresult* res);

/// Switches the connection to unnamed statements for the rest of its life: every cached entry
/// loses its name (references to entries stay valid) and the switch is reported once through
/// the statement hook's next event and soong::warn.
void switch_to_unnamed_statements(connection_state& s, std::string_view query_name,
                                  std::string_view reason);

}  // namespace soong::detail
