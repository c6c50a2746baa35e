#pragma once
// Statement descriptors (soong::statement): declared `extern` in the header's detail namespace
// (streaming templates need them) and defined in the source file, with the SQL in a raw string.

#include <string>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// `extern const soong::statement ...;` for the query (and its JSON variant).
void write_statement_declarations(code_writer& w, const query_model& q);

/// The descriptors' definitions, inside the source file's detail namespace.
void write_statement_definitions(code_writer& w, const query_model& q);

/// The SQL of the JSON variant: the query as a CTE, rows turned into JSON by PostgreSQL. A CTE
/// rather than a FROM subquery because INSERT/UPDATE/DELETE ... RETURNING may only appear
/// there. The query is on lines of its own so that a trailing `--` comment stays harmless.
[[nodiscard]] std::string json_variant_sql(const query& q);

}  // namespace soong::gen
