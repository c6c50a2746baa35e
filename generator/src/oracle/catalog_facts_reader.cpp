#include "oracle/catalog_facts_reader.hpp"

#include <set>
#include <string>
#include <vector>

#include "nullability/array_element_checks.hpp"
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
      // Sequences ('S') have NOT NULL last_value, log_cnt and is_called. pg_catalog's tables
      // carry attnotnull like user tables; its views and information_schema's are analysed
      // through their definitions.
      " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND a.attnum > 0"
      "   AND NOT a.attisdropped"
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
    out.relations.back().columns.push_back(column_fact{.name = text_at(result.get(), i, 4),
                                                       .not_null = bool_at(result.get(), i, 5),
                                                       .generated = bool_at(result.get(), i, 6)});
  }
}

// Splits a text[] in PostgreSQL's output format whose elements are plain identifiers or
// double-quoted strings: {a,"b c",""} -> a, b c, "".
std::vector<std::string> split_text_array(const std::string& text) {
  std::vector<std::string> items;
  if (text.size() < 2) return items;
  std::string current;
  bool quoted = false;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '\\' && i + 2 < text.size()) {
      current += text[++i];
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      items.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  items.push_back(std::move(current));
  return items;
}

// The names of the arguments a call passes, in call order. `proargnames` also lists OUT and
// TABLE arguments (wherever they stand, `f(OUT a int, b int)` included) and `proargmodes`
// (`{o,i}`, empty when every argument is IN) says which is which; a call passes the IN, INOUT
// and VARIADIC ones only.
std::vector<std::string> call_argument_names(std::vector<std::string> names,
                                             const std::string& modes) {
  if (modes.empty()) return names;
  const std::vector<std::string> mode_list = split_text_array(modes);
  std::vector<std::string> passed;
  for (std::size_t i = 0; i < names.size() && i < mode_list.size(); ++i) {
    const std::string& mode = mode_list[i];
    if (mode == "i" || mode == "b" || mode == "v") passed.push_back(std::move(names[i]));
  }
  return passed;
}

void read_functions(PGconn* conn, catalog_facts& out) {
  // The SQL body is read only for a plain `LANGUAGE sql` function with input arguments only
  // (no OUT/VARIADIC modes, no defaults): its call can stand for the body with the arguments
  // substituted.
  const auto result = exec_checked(
      conn, "function facts",
      "SELECT p.proname, p.proisstrict, p.proretset,"
      "       n.nspname <> 'pg_catalog', p.prokind = 'a', coalesce(e.extname, ''),"
      "       CASE WHEN l.lanname = 'sql' AND p.prokind = 'f' AND p.proargmodes IS NULL"
      "             AND p.pronargdefaults = 0 AND p.prosqlbody IS NULL"
      "            THEN p.prosrc ELSE '' END,"
      "       p.pronargs, coalesce(p.proargnames::text, ''),"
      "       n.nspname <> 'pg_catalog' AND p.provolatile = 'v',"
      "       coalesce(p.proargmodes::text, '')"
      "  FROM pg_catalog.pg_proc p"
      "  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
      "  JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
      "  LEFT JOIN pg_catalog.pg_depend d"
      "    ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid"
      "   AND d.deptype = 'e'"
      "  LEFT JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid"
      " ORDER BY p.proname, p.oid");
  out.functions.clear();
  out.aggregates.clear();
  out.volatile_user_functions.clear();
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    const std::string name = text_at(result.get(), i, 0);
    const std::string extension = text_at(result.get(), i, 5);
    const std::string body = text_at(result.get(), i, 6);
    const auto argument_count = static_cast<std::size_t>(std::stoi(text_at(result.get(), i, 7)));
    std::vector<std::string> argument_names = call_argument_names(
        split_text_array(text_at(result.get(), i, 8)), text_at(result.get(), i, 10));
    argument_names.resize(argument_count);
    out.add_function(function_overload{.name = name,
                                       .strict = bool_at(result.get(), i, 1),
                                       .returns_set = bool_at(result.get(), i, 2),
                                       .user_defined = bool_at(result.get(), i, 3),
                                       .extension = extension,
                                       .sql_body = body,
                                       .argument_names = std::move(argument_names)});
    if (bool_at(result.get(), i, 4)) out.aggregates.insert(name);
    if (bool_at(result.get(), i, 9)) out.volatile_user_functions.insert(name);
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

// Marks the array columns whose table's CHECK constraints prove them free of NULL elements.
// Only validated constraints count (NOT VALID ones say nothing about existing rows), and only
// inherited ones: a query on a parent table reads its children's rows under the parent's name.
void read_array_element_checks(PGconn* conn, catalog_facts& out) {
  const auto result =
      exec_checked(conn, "array element checks",
                   "SELECT n.nspname, c.relname, pg_catalog.pg_get_expr(k.conbin, k.conrelid)"
                   "  FROM pg_catalog.pg_constraint k"
                   "  JOIN pg_catalog.pg_class c ON c.oid = k.conrelid"
                   "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                   " WHERE k.contype = 'c' AND k.convalidated AND NOT k.connoinherit"
                   "   AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
  for (int i = 0; i < PQntuples(result.get()); ++i) {
    const std::string schema = text_at(result.get(), i, 0);
    const std::string table = text_at(result.get(), i, 1);
    const std::set<std::string> columns =
        columns_without_null_elements(text_at(result.get(), i, 2), out);
    for (relation_fact& relation : out.relations) {
      if (relation.schema != schema || relation.name != table) continue;
      for (column_fact& column : relation.columns) {
        if (columns.count(column.name) != 0) column.elements_not_null = true;
      }
    }
  }
}

}  // namespace

catalog_facts read_catalog_facts(PGconn* conn) {
  catalog_facts out;
  read_relations(conn, out);
  read_functions(conn, out);
  read_operators(conn, out);
  read_search_path(conn, out);
  read_array_element_checks(conn, out);  // after the functions: it asks which are built-in
  return out;
}

}  // namespace soong::gen
