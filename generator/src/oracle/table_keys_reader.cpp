#include "oracle/table_keys_reader.hpp"

#include <map>
#include <string>
#include <utility>

#include "oracle/pg_handles.hpp"

namespace soong::gen {
namespace {

using oracle_detail::exec_checked;
using oracle_detail::text_at;

using table_index = std::map<std::pair<std::string, std::string>, table*>;

table_index index_tables(ir& out) {
  table_index index;
  for (table& t : out.tables) index[{t.schema, t.name}] = &t;
  return index;
}

column_write write_kind(const std::string& has_default, const std::string& identity,
                        const std::string& generated) {
  if (generated == "s") return column_write::generated;
  if (identity == "a") return column_write::identity_always;
  if (identity == "d") return column_write::identity_by_default;
  if (has_default == "t") return column_write::has_default;
  return column_write::plain;
}

void read_column_facts(PGconn* conn, const table_index& tables) {
  const auto result = exec_checked(
      conn, "column defaults",
      "SELECT n.nspname, c.relname, a.attname, a.atthasdef, a.attidentity, a.attgenerated,"
      "       pg_catalog.format_type(a.atttypid, a.atttypmod)"
      "  FROM pg_catalog.pg_class c"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped");
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    const auto it = tables.find({text_at(result.get(), i, 0), text_at(result.get(), i, 1)});
    if (it == tables.end()) continue;
    const std::string name = text_at(result.get(), i, 2);
    for (table_column& column : it->second->columns) {
      if (column.name != name) continue;
      column.write = write_kind(text_at(result.get(), i, 3), text_at(result.get(), i, 4),
                                text_at(result.get(), i, 5));
      column.sql_type = text_at(result.get(), i, 6);
    }
  }
}

/// Primary keys, unique keys and foreign keys, each column in key order.
void read_keys(PGconn* conn, const table_index& tables) {
  // Constraints ('p', 'u', 'f'), and unique indexes on plain columns without a predicate that
  // back no constraint ('i'). WITH ORDINALITY numbers each key's columns in key order.
  const auto result = exec_checked(
      conn, "keys",
      "SELECT n.nspname, c.relname, k.contype::text, k.conname, a.attname, rn.nspname,"
      "       r.relname, u.position"
      "  FROM pg_catalog.pg_constraint k"
      "  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      "  CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, position)"
      "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum"
      "  LEFT JOIN pg_catalog.pg_class r ON r.oid = k.confrelid"
      "  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace"
      " WHERE k.contype IN ('p', 'u', 'f')"
      " UNION ALL "
      "SELECT n.nspname, c.relname, 'i', ic.relname, a.attname, NULL, NULL, u.position"
      "  FROM pg_catalog.pg_index x"
      "  JOIN pg_catalog.pg_class c ON c.oid = x.indrelid"
      "  JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      "  CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS u(attnum, position)"
      "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum"
      " WHERE x.indisunique AND NOT x.indisprimary AND x.indpred IS NULL"
      "   AND x.indexprs IS NULL AND u.position <= x.indnkeyatts"
      "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
      "                    WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))"
      " ORDER BY 1, 2, 4, 3, 8");
  const PGresult* r = result.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    const auto it = tables.find({text_at(r, i, 0), text_at(r, i, 1)});
    if (it == tables.end() || it->second->is_view) continue;
    table& t = *it->second;
    const std::string kind = text_at(r, i, 2);
    const std::string name = text_at(r, i, 3);
    const std::string column = text_at(r, i, 4);
    const bool first = text_at(r, i, 7) == "1";
    if (kind == "p") {
      t.primary_key.push_back(column);
    } else if (kind == "u" || kind == "i") {
      if (first) t.unique_keys.push_back({name, {}});
      t.unique_keys.back().columns.push_back(column);
    } else {
      if (first) t.foreign_keys.push_back({name, {}, text_at(r, i, 5), text_at(r, i, 6)});
      t.foreign_keys.back().columns.push_back(column);
    }
  }
}

}  // namespace

void read_table_keys(PGconn* conn, ir& out) {
  const table_index tables = index_tables(out);
  read_column_facts(conn, tables);
  read_keys(conn, tables);
}

}  // namespace soong::gen
