// Result column checks (see column_check.hpp).

#include "column_check.hpp"

#include <fmt/format.h>

#include "soong/error.hpp"

namespace soong::detail {

namespace {

oid_t declared_oid(type_registry& types, const type_ref& ref) {
  return ref.oid != 0 ? ref.oid : types.lookup(ref.schema, ref.name).wire_oid;
}

std::string type_ref_text(const type_ref& ref) {
  return ref.schema.empty() ? fmt::format("{} (oid {})", ref.name, ref.oid)
                            : fmt::format("{}.{}", ref.schema, ref.name);
}

std::string type_list(connection_state& s, const std::vector<oid_t>& oids) {
  std::string out = "(";
  for (std::size_t i = 0; i < oids.size(); ++i) {
    if (i > 0) out += ", ";
    out += s.types.name_of(oids[i]);
  }
  return out + ")";
}

}  // namespace

std::vector<oid_t> declared_column_types(connection_state& s, const statement& stmt) {
  std::vector<oid_t> oids;
  oids.reserve(stmt.columns.size());
  for (const type_ref& ref : stmt.columns) oids.push_back(declared_oid(s.types, ref));
  return oids;
}

void check_declared_columns(connection_state& s, const statement& stmt,
                            const std::vector<oid_t>& actual,
                            const std::vector<std::string>& names) {
  if (stmt.columns.empty()) return;
  if (actual.size() != stmt.columns.size()) {
    throw schema_mismatch(fmt::format(
        "{}: the query returns {} columns, the generated code expects {} (regenerate the code "
        "for the current schema)",
        stmt.name, actual.size(), stmt.columns.size()));
  }
  for (std::size_t i = 0; i < actual.size(); ++i) {
    if (declared_oid(s.types, stmt.columns[i]) != actual[i]) {
      throw schema_mismatch(fmt::format(
          "{}: column \"{}\" (#{}): the generated code expects {}, the database returns {} "
          "(regenerate the code for the current schema)",
          stmt.name, i < names.size() ? names[i] : std::string("?"), i + 1,
          type_ref_text(stmt.columns[i]), s.types.name_of(actual[i])));
    }
  }
}

void read_columns(const PGresult* res, std::vector<oid_t>& oids, std::vector<std::string>& names) {
  const int n = PQnfields(res);
  oids.resize(static_cast<std::size_t>(n));
  names.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    oids[static_cast<std::size_t>(i)] = PQftype(res, i);
    names[static_cast<std::size_t>(i)] = PQfname(res, i);
  }
}

void throw_result_columns(connection_state& s, const statement& stmt,
                          const prepared_statement& prepared, const PGresult* res) {
  std::vector<oid_t> actual;
  std::vector<std::string> names;
  read_columns(res, actual, names);
  check_declared_columns(s, stmt, actual, names);
  // The declared columns match (or none are declared), yet the result is not the one the
  // statement was prepared for: the server ran something else under this statement's name.
  throw schema_mismatch(fmt::format(
      "{}: the server returned columns {} where the statement{} was described with {}: the "
      "result belongs to another statement (a connection pooler in transaction mode between "
      "client and server? set statement_cache=off)",
      stmt.name, type_list(s, actual),
      prepared.name.empty() ? std::string() : fmt::format(" prepared as {}", prepared.name),
      type_list(s, prepared.column_oids)));
}

}  // namespace soong::detail
