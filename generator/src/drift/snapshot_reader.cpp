#include "drift/snapshot_reader.hpp"

#include <map>
#include <utility>

#include "oracle/pg_handles.hpp"
#include "oracle/user_objects_sql.hpp"

namespace soong::gen::drift {
namespace {

using oracle_detail::bool_at;
using oracle_detail::exec_checked;
using oracle_detail::int_at;
using oracle_detail::text_at;

// Objects that CREATE EXTENSION made belong to the extension, which is compared by name: its
// tables and types are not the user's to drift (SOONG_NOT_FROM_EXTENSION).

/// The schema names as a text[] literal for `= ANY($1::text[])`: every element double-quoted,
/// so names with commas, braces or spaces survive.
std::string text_array_literal(const std::vector<std::string>& names) {
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : names[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

/// `text` with every run of whitespace made one space: pg_get_viewdef pretty-prints over
/// several lines, and a diff line is one line.
std::string one_line(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string relation_kind(const std::string& relkind) {
  if (relkind == "v") return "view";
  if (relkind == "m") return "materialized view";
  if (relkind == "f") return "foreign table";
  return "table";  // 'r' and partitioned 'p' are both tables to their users
}

std::string identity_text(const std::string& attidentity) {
  if (attidentity == "a") return "ALWAYS";
  if (attidentity == "d") return "BY DEFAULT";
  return {};
}

void read_relations(PGconn* conn, const std::string& schemas, catalog_snapshot& out) {
  const auto result = exec_checked(
      conn, "drift: relations",
      "SELECT n.nspname, c.relname, c.relkind,"
      "       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END,"
      "       a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
      "       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated <> '', a.attidentity,"
      "       row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)"
      "  FROM pg_catalog.pg_class c"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      "  LEFT JOIN pg_catalog.pg_attribute a"
      "         ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
      "  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum"
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1::text[])"
      "   AND" SOONG_NOT_FROM_EXTENSION("pg_class",
                                        "c.oid") " ORDER BY n.nspname, c.relname, a.attnum",
      {schemas});
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    const std::string schema = text_at(r, i, 0);
    const std::string name = text_at(r, i, 1);
    if (out.relations.empty() || out.relations.back().schema != schema ||
        out.relations.back().name != name) {
      relation_snapshot rel;
      rel.schema = schema;
      rel.name = name;
      rel.kind = relation_kind(text_at(r, i, 2));
      rel.view_definition = one_line(text_at(r, i, 3));
      out.relations.push_back(std::move(rel));
    }
    if (PQgetisnull(r, i, 4)) continue;  // a table without columns
    column_snapshot col;
    col.name = text_at(r, i, 4);
    col.type = text_at(r, i, 5);
    col.not_null = bool_at(r, i, 6);
    const bool generated = bool_at(r, i, 8);
    (generated ? col.generated_expr : col.default_expr) = text_at(r, i, 7);
    col.identity = identity_text(text_at(r, i, 9));
    col.position = static_cast<int>(int_at(r, i, 10));
    out.relations.back().columns.push_back(std::move(col));
  }
}

void read_constraints(PGconn* conn, const std::string& schemas, catalog_snapshot& out) {
  // NOT NULL is a column property in PostgreSQL 15 (attnotnull), not a pg_constraint row.
  const auto result = exec_checked(
      conn, "drift: constraints",
      "SELECT n.nspname, c.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid, true)"
      "  FROM pg_catalog.pg_constraint k"
      "  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      " WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND n.nspname = ANY($1::text[])"
      "   AND" SOONG_NOT_FROM_EXTENSION("pg_class",
                                        "c.oid") " ORDER BY n.nspname, c.relname, k.conname",
      {schemas});
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    out.constraints.push_back(
        {text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3)});
  }
}

void read_indexes(PGconn* conn, const std::string& schemas, catalog_snapshot& out) {
  // Indexes that implement a primary key, unique or exclusion constraint are compared as that
  // constraint; listing them here too would report one dropped constraint twice.
  const auto result = exec_checked(
      conn, "drift: indexes",
      "SELECT n.nspname, t.relname, i.relname,"
      "       replace(pg_catalog.pg_get_indexdef(i.oid),"
      "               ' ' || quote_ident(i.relname) || ' ON ', ' ON ')"
      "  FROM pg_catalog.pg_index x"
      "  JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
      "  JOIN pg_catalog.pg_class t ON t.oid = x.indrelid"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
      " WHERE n.nspname = ANY($1::text[])"
      "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.oid"
      "                      AND k.contype IN ('p', 'u', 'x'))"
      "   AND" SOONG_NOT_FROM_EXTENSION("pg_class",
                                        "t.oid") " ORDER BY n.nspname, t.relname, i.relname",
      {schemas});
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    out.indexes.push_back({text_at(r, i, 0), text_at(r, i, 1), text_at(r, i, 2), text_at(r, i, 3)});
  }
}

void read_enums(PGconn* conn, const std::string& schemas, catalog_snapshot& out) {
  const auto result =
      exec_checked(conn, "drift: enums",
                   "SELECT n.nspname, t.typname, e.enumlabel"
                   "  FROM pg_catalog.pg_type t"
                   "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
                   "  JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid"
                   " WHERE t.typtype = 'e' AND n.nspname = ANY($1::text[])"
                   "   AND" SOONG_NOT_FROM_EXTENSION(
                       "pg_type", "t.oid") " ORDER BY n.nspname, t.typname, e.enumsortorder",
                   {schemas});
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    const std::string schema = text_at(r, i, 0);
    const std::string name = text_at(r, i, 1);
    if (out.enums.empty() || out.enums.back().schema != schema || out.enums.back().name != name)
      out.enums.push_back({schema, name, {}});
    out.enums.back().labels.push_back(text_at(r, i, 2));
  }
}

void read_composites(PGconn* conn, const std::string& schemas, catalog_snapshot& out) {
  // relkind 'c': a free-standing CREATE TYPE ... AS (...); tables' row types are relations.
  const auto result = exec_checked(
      conn, "drift: composite types",
      "SELECT n.nspname, t.typname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)"
      "  FROM pg_catalog.pg_type t"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
      "  JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'"
      "  LEFT JOIN pg_catalog.pg_attribute a"
      "         ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
      " WHERE t.typtype = 'c' AND n.nspname = ANY($1::text[])"
      "   AND" SOONG_NOT_FROM_EXTENSION("pg_type",
                                        "t.oid") " ORDER BY n.nspname, t.typname, a.attnum",
      {schemas});
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    const std::string schema = text_at(r, i, 0);
    const std::string name = text_at(r, i, 1);
    if (out.composites.empty() || out.composites.back().schema != schema ||
        out.composites.back().name != name)
      out.composites.push_back({schema, name, {}});
    if (!PQgetisnull(r, i, 2))
      out.composites.back().fields.push_back({text_at(r, i, 2), text_at(r, i, 3)});
  }
}

void read_domains(PGconn* conn, const std::string& schemas, catalog_snapshot& out) {
  const auto result = exec_checked(
      conn, "drift: domains",
      "SELECT n.nspname, t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod),"
      "       t.typnotnull, pg_catalog.pg_get_expr(t.typdefaultbin, 0),"
      "       k.conname, pg_catalog.pg_get_constraintdef(k.oid, true)"
      "  FROM pg_catalog.pg_type t"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
      "  LEFT JOIN pg_catalog.pg_constraint k ON k.contypid = t.oid AND k.contype = 'c'"
      " WHERE t.typtype = 'd' AND n.nspname = ANY($1::text[])"
      "   AND" SOONG_NOT_FROM_EXTENSION("pg_type",
                                        "t.oid") " ORDER BY n.nspname, t.typname, k.conname",
      {schemas});
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    const std::string schema = text_at(r, i, 0);
    const std::string name = text_at(r, i, 1);
    if (out.domains.empty() || out.domains.back().schema != schema ||
        out.domains.back().name != name) {
      domain_snapshot d;
      d.schema = schema;
      d.name = name;
      d.base_type = text_at(r, i, 2);
      d.not_null = bool_at(r, i, 3);
      d.default_expr = text_at(r, i, 4);
      out.domains.push_back(std::move(d));
    }
    if (!PQgetisnull(r, i, 5))
      out.domains.back().checks.push_back({text_at(r, i, 5), text_at(r, i, 6)});
  }
}

void read_extensions(PGconn* conn, catalog_snapshot& out) {
  const auto result = exec_checked(conn, "drift: extensions",
                                   "SELECT extname, extversion FROM pg_catalog.pg_extension"
                                   " ORDER BY extname");
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    out.extensions.push_back({text_at(result.get(), i, 0), text_at(result.get(), i, 1)});
  }
}

}  // namespace

catalog_snapshot read_snapshot(PGconn* conn, const std::vector<std::string>& schema_names) {
  const std::string schemas = text_array_literal(schema_names);
  catalog_snapshot out;
  read_relations(conn, schemas, out);
  read_constraints(conn, schemas, out);
  read_indexes(conn, schemas, out);
  read_enums(conn, schemas, out);
  read_composites(conn, schemas, out);
  read_domains(conn, schemas, out);
  read_extensions(conn, out);
  return out;
}

}  // namespace soong::gen::drift
