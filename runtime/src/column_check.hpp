#pragma once
// Result column checks: what the generated code declared, what the server described when the
// statement was prepared, and what each result actually carries. Every result is checked, so a
// result that is not the statement's (schema drift, or a pooler that ran another client's
// statement under the same name) is schema_mismatch naming the query, never wrong values.

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "connection_state.hpp"
#include "soong/result.hpp"

namespace soong::detail {

/// The wire types `stmt` declares for its result columns, user types resolved on this
/// connection (a lookup may query the server: not in pipeline mode).
[[nodiscard]] std::vector<oid_t> declared_column_types(connection_state& s, const statement& stmt);

/// Throws schema_mismatch when `actual` (types, with names for the message) differs from the
/// columns `stmt` declares. A statement that declares no columns is not checked.
void check_declared_columns(connection_state& s, const statement& stmt,
                            const std::vector<oid_t>& actual,
                            const std::vector<std::string>& names);

/// The column types and names of a result or Describe.
void read_columns(const PGresult* res, std::vector<oid_t>& oids, std::vector<std::string>& names);

/// Whether `res` has exactly the columns `expected` (one integer comparison per column).
[[nodiscard]] inline bool columns_match(const PGresult* res, const prepared_statement& expected) {
  if (!expected.check_each_result) return true;
  const auto n = static_cast<std::size_t>(PQnfields(res));
  if (n != expected.column_oids.size()) return false;
  for (std::size_t i = 0; i < n; ++i) {
    if (PQftype(res, static_cast<int>(i)) != expected.column_oids[i]) return false;
  }
  return true;
}

/// columns_match for a result already wrapped: its column types are cached inline, so this
/// costs no libpq call.
[[nodiscard]] inline bool columns_match(const result& r, const prepared_statement& expected) {
  return !expected.check_each_result ||
         r.has_column_types(expected.column_oids.data(), expected.column_oids.size());
}

/// Throws schema_mismatch for a result whose columns are not `prepared`'s (columns_match said
/// so): against the declared types when those differ, else naming the prepared statement.
[[noreturn]] void throw_result_columns(connection_state& s, const statement& stmt,
                                       const prepared_statement& prepared, const PGresult* res);

}  // namespace soong::detail
