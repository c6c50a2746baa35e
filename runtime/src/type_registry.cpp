// Per-connection lookup of user-defined types in pg_type.

#include "soong/type_registry.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "soong/codec.hpp"
#include "soong/error.hpp"

namespace soong {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

/// Runs a catalog query with text parameters. Catalog lookups happen outside the caller's
/// statement; if the session's transaction has failed they fail too, with a clear message.
result_ptr catalog_query(PGconn* conn, const char* sql, int count, const char* const* values) {
  if (conn == nullptr) throw error("type lookup needs an open connection");
  if (PQpipelineStatus(conn) != PQ_PIPELINE_OFF) throw detail::type_lookup_in_pipeline{};
  result_ptr res(PQexecParams(conn, sql, count, nullptr, values, nullptr, nullptr, 0), &PQclear);
  if (!res || PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw connection_error(
        fmt::format("looking up a user-defined type failed: {}",
                    res ? PQresultErrorMessage(res.get()) : PQerrorMessage(conn)));
  }
  return res;
}

oid_t oid_at(const PGresult* res, int row, int column) {
  return static_cast<oid_t>(std::strtoul(PQgetvalue(res, row, column), nullptr, 10));
}

}  // namespace

const user_type& type_registry::lookup(std::string_view schema, std::string_view name) {
  for (const user_type& t : types_) {
    if (t.name == name && t.schema == schema) return t;
  }
  const std::string schema_text(schema), name_text(name);
  const char* params[] = {schema_text.c_str(), name_text.c_str()};
  const result_ptr res = catalog_query(
      conn_,
      "SELECT t.oid, t.typarray, t.typtype, t.typbasetype, t.typrelid FROM pg_catalog.pg_type t "
      "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
      "WHERE n.nspname = $1 AND t.typname = $2",
      2, params);
  if (PQntuples(res.get()) != 1) {
    throw schema_mismatch(fmt::format(
        "type {}.{} does not exist in this database (was the schema changed or not migrated?)",
        schema, name));
  }
  user_type t;
  t.schema = schema_text;
  t.name = name_text;
  t.oid = oid_at(res.get(), 0, 0);
  t.array_oid = oid_at(res.get(), 0, 1);
  t.kind = PQgetvalue(res.get(), 0, 2)[0];
  // Result columns of a domain type report the domain's base type (printtup.c), so that is
  // what generated code must expect on the wire.
  t.wire_oid = t.kind == 'd' ? oid_at(res.get(), 0, 3) : t.oid;
  if (t.kind == 'c') {
    const std::string relid = PQgetvalue(res.get(), 0, 4);
    const char* attr_params[] = {relid.c_str()};
    const result_ptr attrs = catalog_query(
        conn_,
        "SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = $1::oid AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum",
        1, attr_params);
    for (int i = 0; i < PQntuples(attrs.get()); ++i)
      t.attributes.push_back(oid_at(attrs.get(), i, 0));
  }
  types_.push_back(std::move(t));
  return types_.back();
}

oid_t type_registry::element_of(oid_t array_oid) {
  if (const oid_t e = builtin_element_of(array_oid); e != 0) return e;
  for (const auto& [array, element] : elements_) {
    if (array == array_oid) return element;
  }
  const std::string oid_text = std::to_string(array_oid);
  const char* params[] = {oid_text.c_str()};
  const result_ptr res =
      catalog_query(conn_, "SELECT typelem FROM pg_catalog.pg_type WHERE oid = $1::oid", 1, params);
  const oid_t element = PQntuples(res.get()) == 1 ? oid_at(res.get(), 0, 0) : 0;
  if (element == 0)
    throw schema_mismatch(fmt::format("type oid {} is not an array type", array_oid));
  elements_.emplace_back(array_oid, element);
  return element;
}

std::string type_registry::name_of(oid_t oid) {
  // Built-in types are named without asking the server, so a message reads the same whether
  // the server could be asked (a single statement) or not (inside a pipeline).
  if (const char* builtin = detail::builtin_type_label(oid)) {
    return fmt::format("pg_catalog.{} (oid {})", builtin, oid);
  }
  // In pipeline mode no query can run; the message then names the OID only.
  if (conn_ == nullptr || PQpipelineStatus(conn_) != PQ_PIPELINE_OFF) {
    return fmt::format("oid {}", oid);
  }
  try {
    const std::string oid_text = std::to_string(oid);
    const char* params[] = {oid_text.c_str()};
    const result_ptr res = catalog_query(
        conn_,
        "SELECT n.nspname || '.' || t.typname FROM pg_catalog.pg_type t "
        "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = $1::oid",
        1, params);
    if (PQntuples(res.get()) == 1)
      return fmt::format("{} (oid {})", PQgetvalue(res.get(), 0, 0), oid);
  } catch (const error&) {
    // Only used to word an error message: fall back to the bare OID.
  }
  return fmt::format("oid {}", oid);
}

void type_registry::clear() noexcept {
  types_.clear();
  elements_.clear();
}

}  // namespace soong
