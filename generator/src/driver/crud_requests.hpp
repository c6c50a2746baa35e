#pragma once
// Which tables get typed CRUD functions (docs/crud.md): requests from `--crud TABLE` and from
// `-- soong:crud TABLE [version=COLUMN]` lines in query files, resolved against the schema, and
// every statement of the generated functions prepared on the oracle at build time.

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source_file.hpp"
#include "ir.hpp"
#include "oracle/type_catalog.hpp"

namespace soong::gen {

/// One request as written: `public.users version=lock_version`, and where.
struct crud_request_text {
  std::string text;
  source_location where;  // file "--crud" (line 0) for the command line
  std::string source_line;
};

/// The `-- soong:crud ...` lines of a query file.
[[nodiscard]] std::vector<crud_request_text> find_crud_annotations(const source_file& file);

/// Resolves `requests` against `model.tables` into `model.crud` (one per table, sorted).
/// Unknown tables and malformed requests are errors; tables without a primary key get a
/// warning (they get insert and select only; views select only).
void resolve_crud_requests(const std::vector<crud_request_text>& requests, ir& model,
                           diagnostics& diags);

/// Prepares every statement the CRUD functions of `model.crud` can send that can be written
/// down ahead (crud_statements_to_check) on the oracle; each refusal is an error.
void check_crud_statements(PGconn* conn, type_catalog& types, const ir& model,
                           const std::vector<crud_request_text>& requests, diagnostics& diags);

}  // namespace soong::gen
