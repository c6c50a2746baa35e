#include "oracle/catalog_facts_reader.hpp"

#include "oracle/pg_handles.hpp"

namespace soong::gen {
namespace {

using oracle_detail::bool_at;
using oracle_detail::exec_checked;
using oracle_detail::text_at;

void read_relations(PGconn* conn, catalog_facts& out) {
  const auto result = exec_checked(
      conn, "relation facts",
      "SELECT n.nspname, c.relname, c.relkind IN ('v', 'm'),"
      "       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid, true) END,"
      "       a.attname, a.attnotnull, a.attgenerated <> ''"
      "  FROM pg_catalog.pg_class c"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
      "  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid"
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped"
      "   AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
      "   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
      " ORDER BY n.nspname, c.relname, a.attnum");
  out.relations.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    const std::string schema = text_at(result.get(), i, 0);
    const std::string name = text_at(result.get(), i, 1);
    if (out.relations.empty() || out.relations.back().schema != schema ||
        out.relations.back().name != name) {
      relation_fact relation;
      relation.schema = schema;
      relation.name = name;
      relation.is_view = bool_at(result.get(), i, 2);
      relation.view_definition = text_at(result.get(), i, 3);
      out.relations.push_back(std::move(relation));
    }
    out.relations.back().columns.push_back(column_fact{
        text_at(result.get(), i, 4), bool_at(result.get(), i, 5), bool_at(result.get(), i, 6)});
  }
}

void read_functions(PGconn* conn, catalog_facts& out) {
  const auto result = exec_checked(conn, "function facts",
                                   "SELECT p.proname, p.proisstrict, p.proretset,"
                                   "       n.nspname <> 'pg_catalog', p.prokind = 'a',"
                                   "       n.nspname <> 'pg_catalog' AND p.provolatile = 'v'"
                                   "  FROM pg_catalog.pg_proc p"
                                   "  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                                   " ORDER BY p.proname, p.oid");
  out.functions.clear();
  out.aggregates.clear();
  out.volatile_user_functions.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    const std::string name = text_at(result.get(), i, 0);
    out.add_function(name, bool_at(result.get(), i, 1), bool_at(result.get(), i, 2),
                     bool_at(result.get(), i, 3));
    if (bool_at(result.get(), i, 4)) out.aggregates.insert(name);
    if (bool_at(result.get(), i, 5)) out.volatile_user_functions.insert(name);
  }
}

void read_operators(PGconn* conn, catalog_facts& out) {
  const auto result = exec_checked(
      conn, "operator facts",
      "SELECT DISTINCT o.oprname"
      "  FROM pg_catalog.pg_operator o"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
      "  LEFT JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode"
      // array_append, array_prepend and array_cat (PostgreSQL's only non-strict builtin
      // operators, all `||`) are non-strict to accept NULL operands; they never return NULL
      // for non-NULL ones, and listing them would make every text `a || b` optional.
      " WHERE (NOT coalesce(p.proisstrict, false)"
      "        AND o.oprcode NOT IN ('pg_catalog.array_append'::pg_catalog.regproc,"
      "                              'pg_catalog.array_prepend'::pg_catalog.regproc,"
      "                              'pg_catalog.array_cat'::pg_catalog.regproc))"
      "    OR (n.nspname <> 'pg_catalog' AND NOT EXISTS ("
      "          SELECT 1 FROM pg_catalog.pg_depend d"
      "           WHERE d.classid = 'pg_catalog.pg_operator'::pg_catalog.regclass"
      "             AND d.objid = o.oid AND d.deptype = 'e'))"
      " ORDER BY 1");
  out.nullable_operators.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    out.nullable_operators.insert(text_at(result.get(), i, 0));
  }
}

void read_search_path(PGconn* conn, catalog_facts& out) {
  const auto result = exec_checked(conn, "search_path",
                                   "SELECT s.name FROM unnest(pg_catalog.current_schemas(true))"
                                   " WITH ORDINALITY AS s(name, position) ORDER BY s.position");
  out.search_path.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    out.search_path.push_back(text_at(result.get(), i, 0));
  }
}

}  // namespace

catalog_facts read_catalog_facts(PGconn* conn) {
  catalog_facts out;
  read_relations(conn, out);
  read_functions(conn, out);
  read_operators(conn, out);
  read_search_path(conn, out);
  return out;
}

}  // namespace soong::gen
