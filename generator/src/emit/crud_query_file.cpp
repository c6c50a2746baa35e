#include "emit/crud_query_file.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <soong/crud_sql.hpp>
#include <string_view>
#include <vector>

namespace soong::gen {
namespace {

/// `audit_events` → `AuditEvents`: the annotation name whose snake_case is the function's.
std::string camel_case(std::string_view snake) {
  std::string out;
  bool upper = true;
  for (const char c : snake) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

void add_query(std::string& out, std::string_view name, std::string_view command,
               std::string_view sql) {
  out += fmt::format("\n-- name: {} {}\n{};\n", name, command, sql);
}

}  // namespace

std::string emit_crud_query_file(const crud_table_model& t) {
  namespace sql = soong::crud_sql;
  std::vector<std::string_view> columns;
  std::vector<std::string_view> types;
  for (const crud_column_model& c : t.columns) {
    columns.push_back(c.quoted);
    types.push_back(c.sql_type);
  }
  std::vector<std::uint16_t> key;
  for (const std::size_t k : t.key) key.push_back(static_cast<std::uint16_t>(k));
  const sql::table_text text{t.relation, columns, types, key};
  const std::string name = camel_case(t.prefix);
  const std::size_t n = t.columns.size();

  std::string out = fmt::format(
      "-- The CRUD statements of {} with a fixed shape, written by `soong crud --emit-sql`.\n"
      "-- To take one over: add this file to the queries, remove {} from --crud (CRUD,\n"
      "-- `-- soong:crud`), and edit the SQL. get/delete/exists keep their calls, get_by too for\n"
      "-- a one-column key (for several columns it takes a struct of them, in table order).\n",
      t.display, t.display);
  if (t.has_key()) {
    add_query(out, "Get" + name, ":one", sql::get(text));
    for (const crud_key_model& u : t.unique_keys) {
      std::string marks(n, sql::mark::none);
      for (const std::size_t i : u.columns) marks[i] = sql::mark::equals;
      std::string select = sql::get_by(text, marks);
      select.erase(select.rfind("\nLIMIT "));
      add_query(out, "Get" + name + "By" + camel_case(u.suffix), ":one", select);
    }
    add_query(out, "Exists" + name, ":one", sql::exists(text) + " AS \"exists!\"");
  }
  if (t.writable()) {
    std::string all(n, sql::mark::none);
    for (const crud_column_model& c : t.columns) {
      if (c.new_kind != new_field_kind::absent) all[c.index] = sql::mark::value;
    }
    add_query(out, "Insert" + name, ":one", sql::insert(text, all));
  }
  if (t.has_key() && t.writable()) {
    std::string patch(n, sql::mark::none);
    for (const crud_column_model& c : t.columns) {
      if (c.patchable() && static_cast<int>(c.index) != t.version_column) {
        patch[c.index] = sql::mark::value;
      }
    }
    if (patch.find(sql::mark::value) != std::string::npos || t.version_column >= 0) {
      add_query(out, "Update" + name, ":one", sql::update(text, patch, t.version_column));
    }
    add_query(out, "Delete" + name, ":one", sql::remove(text));
  }
  return out;
}

}  // namespace soong::gen
