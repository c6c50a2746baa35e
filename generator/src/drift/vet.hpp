#pragma once
// `soong vet`: checks that the queries, as the code was generated for them, still hold on a
// live database. Every query is prepared and described there (never executed), and the
// parameter types, result column types and nullability are compared with the IR.

#include <libpq-fe.h>

#include <iosfwd>
#include <string>
#include <vector>

#include "ir.hpp"

namespace soong::gen::drift {

/// A query file as the driver read it (the same files the IR was built from).
struct vet_query_file {
  std::string path;
  std::string text;
};

/// One way a query no longer matches the database.
struct vet_finding {
  source_location location;  // the statement, or the token PostgreSQL's error points at
  std::string query_name;
  std::string message;  // "column \"bio\": NOT NULL when generated, nullable in the database"
};

/// `file:line:col: error: <QueryName>: <message>`.
[[nodiscard]] std::string vet_finding_text(const vet_finding& finding);

/// Describes every query of `generated` on `live` and compares: a query that no longer
/// prepares; a different parameter count or parameter type; different result columns (names,
/// count) or column types; a column the code reads as non-null that the nullability analysis,
/// rerun with the live catalog, finds nullable. (A column that became NOT NULL is no finding:
/// the generated std::optional still reads it.) Type modifiers are not compared: the
/// generated code depends on the type, not on `varchar(n)`'s n. `files` are re-parsed for the
/// statements' parse trees. The tables of `generated.crud` are checked too (vet_crud.hpp).
/// Throws std::runtime_error when a catalog query fails.
[[nodiscard]] std::vector<vet_finding> vet_queries(PGconn* live, const ir& generated,
                                                   const std::vector<vet_query_file>& files);

/// Connects to `database_url`, runs vet_queries, prints one line per finding to `out`.
/// Returns 0 when everything holds, 1 on findings, 2 when the database cannot be reached.
[[nodiscard]] int run_vet(const ir& generated, const std::vector<vet_query_file>& files,
                          const std::string& database_url, std::ostream& out, std::ostream& err);

}  // namespace soong::gen::drift
