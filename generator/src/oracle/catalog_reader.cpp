#include "oracle/catalog_reader.hpp"

#include <cstdint>

#include "oracle/pg_handles.hpp"
#include "oracle/user_objects_sql.hpp"

namespace soong::gen {
namespace {

using oracle_detail::bool_at;
using oracle_detail::exec_checked;
using oracle_detail::int_at;
using oracle_detail::text_at;

void read_enums(PGconn* conn, type_catalog& types, ir& out) {
  const auto result = exec_checked(
      conn, "enum list",
      "SELECT t.oid, n.nspname, t.typname, pg_catalog.obj_description(t.oid, 'pg_type')"
      "  FROM pg_catalog.pg_type t"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
      " WHERE t.typtype = 'e' AND" SOONG_USER_NAMESPACE("n") "AND" SOONG_NOT_FROM_EXTENSION(
          "pg_type", "t.oid") " ORDER BY n.nspname, t.typname");
  out.enums.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    enum_type e;
    e.schema = text_at(result.get(), i, 1);
    e.name = text_at(result.get(), i, 2);
    e.labels = types.enum_labels(static_cast<std::uint32_t>(int_at(result.get(), i, 0)));
    e.doc = text_at(result.get(), i, 3);
    out.enums.push_back(std::move(e));
  }
}

void read_composites(PGconn* conn, type_catalog& types, ir& out) {
  // relkind 'c': a free-standing composite type; tables' row types are reported as tables.
  const auto result = exec_checked(
      conn, "composite type list",
      // COMMENT ON TYPE stores the comment on the pg_type row.
      "SELECT t.oid, n.nspname, t.typname, pg_catalog.obj_description(t.oid, 'pg_type')"
      "  FROM pg_catalog.pg_type t"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
      "  JOIN pg_catalog.pg_class c ON c.oid = t.typrelid"
      " WHERE t.typtype = 'c' AND c.relkind = 'c' AND" SOONG_USER_NAMESPACE(
          "n") "AND" SOONG_NOT_FROM_EXTENSION("pg_type", "t.oid") " ORDER BY n.nspname, t.typname");
  out.composites.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    composite_type c;
    c.schema = text_at(result.get(), i, 1);
    c.name = text_at(result.get(), i, 2);
    c.fields = types.composite_fields(static_cast<std::uint32_t>(int_at(result.get(), i, 0)));
    c.doc = text_at(result.get(), i, 3);
    out.composites.push_back(std::move(c));
  }
}

void read_tables(PGconn* conn, type_catalog& types, ir& out) {
  const auto result = exec_checked(
      conn, "table list",
      "SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'), a.attname, a.atttypid,"
      "       a.atttypmod, a.attnotnull, pg_catalog.obj_description(c.oid, 'pg_class'),"
      "       pg_catalog.col_description(c.oid, a.attnum)"
      "  FROM pg_catalog.pg_class c"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped"
      "   AND" SOONG_USER_NAMESPACE("n") "AND" SOONG_NOT_FROM_EXTENSION(
          "pg_class", "c.oid") " ORDER BY n.nspname, c.relname, a.attnum");
  out.tables.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    const std::string schema = text_at(result.get(), i, 0);
    const std::string name = text_at(result.get(), i, 1);
    if (out.tables.empty() || out.tables.back().schema != schema ||
        out.tables.back().name != name) {
      table t;
      t.schema = schema;
      t.name = name;
      t.is_view = bool_at(result.get(), i, 2);
      t.doc = text_at(result.get(), i, 7);
      out.tables.push_back(std::move(t));
    }
    table_column column;
    column.name = text_at(result.get(), i, 3);
    column.type = types.resolve(static_cast<std::uint32_t>(int_at(result.get(), i, 4)),
                                static_cast<int>(int_at(result.get(), i, 5)));
    column.not_null = bool_at(result.get(), i, 6);
    column.doc = text_at(result.get(), i, 8);
    out.tables.back().columns.push_back(std::move(column));
  }
}

}  // namespace

void read_schema_objects(PGconn* conn, type_catalog& types, ir& out) {
  read_enums(conn, types, out);
  read_composites(conn, types, out);
  read_tables(conn, types, out);
}

}  // namespace soong::gen
