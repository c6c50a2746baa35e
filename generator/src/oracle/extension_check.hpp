#pragma once
// Before the schema is applied: every extension it creates must be installed on the type
// oracle's server. One that is not becomes an error at the extension's name, naming the Debian
// package that provides it when the extension is a well-known one, instead of the server's
// "could not open extension control file".

#include <libpq-fe.h>

#include <vector>

#include "diag/diagnostic.hpp"
#include "parse/schema_input.hpp"

namespace soong::gen {

/// Checks the extensions `schema` (selected from `originals`, matched by path) creates against
/// pg_available_extensions on `conn`; adds one error per missing extension to `diags`.
void check_schema_extensions(PGconn* conn, const std::vector<schema_file_text>& originals,
                             const std::vector<schema_sql>& schema, diagnostics& diags);

}  // namespace soong::gen
