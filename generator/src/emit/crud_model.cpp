#include "emit/crud_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <soong/crud_sql.hpp>
#include <span>
#include <stdexcept>

#include "emit/namer.hpp"
#include "emit/sql_identifier.hpp"
#include "emit/type_mapping.hpp"

namespace soong::gen {
namespace {

new_field_kind new_kind_of(const table_column& c) {
  switch (c.write) {
    case column_write::identity_always:
    case column_write::generated:
      return new_field_kind::absent;
    case column_write::has_default:
    case column_write::identity_by_default:
      return new_field_kind::defaulted;
    case column_write::plain:
      break;
  }
  return c.not_null ? new_field_kind::required : new_field_kind::nullable;
}

/// Generated C++ names of enums and composites, for mapping array types.
user_type_names type_names_of(const emit_model& model) {
  user_type_names names;
  for (const enum_model& e : model.enums) {
    names[{e.source->schema, e.source->name}] = model.qualifier + "::" + e.name;
  }
  for (const struct_model& c : model.composites) {
    names[{c.sql_schema, c.sql_name}] = model.qualifier + "::" + c.name;
  }
  return names;
}

std::size_t column_index(const table& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i].name == name) return i;
  }
  throw std::logic_error("CRUD model: key column " + name + " not in table " + t.name);
}

crud_key_model key_model(const table& t, const std::vector<std::string>& columns) {
  crud_key_model k;
  for (const std::string& c : columns) {
    k.columns.push_back(column_index(t, c));
    k.suffix =
        k.suffix.empty() ? naming::identifier(c) : naming::join(k.suffix, naming::identifier(c));
  }
  return k;
}

/// The quoted identifiers of `t` as crud_sql reads them; views into `storage`.
struct table_text_storage {
  std::vector<std::string_view> columns;
  std::vector<std::string_view> types;
  std::vector<std::uint16_t> key;
  soong::crud_sql::table_text text;

  explicit table_text_storage(const crud_table_model& t) {
    for (const crud_column_model& c : t.columns) {
      columns.push_back(c.quoted);
      types.push_back(c.sql_type);
    }
    for (const std::size_t k : t.key) key.push_back(static_cast<std::uint16_t>(k));
    text = {t.relation, columns, types, key};
  }
};

}  // namespace

crud_table_model build_crud_model(const ir& input, const emit_model& model,
                                  const crud_request& request) {
  const auto source = std::find_if(input.tables.begin(), input.tables.end(), [&](const table& t) {
    return t.schema == request.schema && t.name == request.table;
  });
  const auto row =
      std::find_if(model.tables.begin(), model.tables.end(), [&](const struct_model& s) {
        return s.sql_schema == request.schema && s.sql_name == request.table;
      });
  if (source == input.tables.end() || row == model.tables.end()) {
    throw std::logic_error("CRUD model: unresolved table " + request.schema + "." + request.table);
  }
  const table& t = *source;
  crud_table_model m;
  m.sql_schema = t.schema;
  m.sql_name = t.name;
  m.display = t.schema + "." + t.name;
  m.relation = sql_qualified_name(t.schema, t.name);
  m.file_stem = t.schema == "public" ? t.name : t.schema + "." + t.name;
  m.prefix = naming::type_name(t.schema, t.name);
  m.row_struct = row->name;
  m.prepare_function = naming::join("prepare_all", naming::join(m.prefix, "crud"));
  m.statements_function = naming::join(m.prefix, "crud_statements");
  m.is_view = t.is_view;
  const user_type_names names = type_names_of(model);
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const table_column& c = t.columns[i];
    const field_model& f = row->fields[i];
    crud_column_model col;
    col.index = i;
    col.field = f.name;
    col.sql_name = c.name;
    col.quoted = sql_identifier(c.name);
    col.sql_type = c.sql_type;
    col.value_type = f.type;
    col.element_type = f.nullable && f.type.starts_with("std::optional<")
                           ? f.type.substr(14, f.type.size() - 15)
                           : f.type;
    col.type_ref = f.type_ref;
    pg_type array = c.type;
    array.array_dims = 1;
    array.typmod = -1;
    const type_mapping mapped = map_type(array, names);
    if (const auto* array_type = std::get_if<cpp_type>(&mapped)) {
      col.array_type_ref = array_type->type_ref;
    }
    col.nullable = f.nullable;
    col.filterable =
        !(c.type.array_dims == 0 && c.type.name == "json" && c.type.schema == "pg_catalog") &&
        !col.array_type_ref.empty();
    col.new_kind = new_kind_of(c);
    if (c.name == request.version_column) m.version_column = static_cast<int>(i);
    m.columns.push_back(std::move(col));
  }
  if (!t.is_view) {
    for (const std::string& k : t.primary_key) {
      const std::size_t i = column_index(t, k);
      m.key.push_back(i);
      m.columns[i].in_key = true;
    }
    for (const key_constraint& u : t.unique_keys) m.unique_keys.push_back(key_model(t, u.columns));
    for (const foreign_key& f : t.foreign_keys) m.foreign_keys.push_back(key_model(t, f.columns));
  }
  return m;
}

std::vector<crud_check_statement> crud_statements_to_check(const crud_table_model& t) {
  namespace sql = soong::crud_sql;
  const table_text_storage storage(t);
  const sql::table_text& text = storage.text;
  const std::size_t n = t.columns.size();
  std::vector<crud_check_statement> out;
  const auto add = [&](std::string function, std::string statement) {
    out.push_back({std::move(function), std::move(statement)});
  };
  const auto name = [&](std::string_view verb) { return fmt::format("{}_{}", verb, t.prefix); };

  // Shapes: every column given, then each column alone.
  std::string all(n, sql::mark::none);
  std::string all_patch(n, sql::mark::none);
  for (const crud_column_model& c : t.columns) {
    if (c.new_kind != new_field_kind::absent) all[c.index] = sql::mark::value;
    if (c.patchable() && static_cast<int>(c.index) != t.version_column) {
      all_patch[c.index] = sql::mark::value;
    }
  }
  if (t.writable()) {
    add(name("insert"), sql::insert(text, all));
    add(name("insert"), sql::insert(text, std::string(n, sql::mark::none)));
    if (all.find(sql::mark::value) != std::string::npos) {
      add(name("insert") + "_many", sql::insert_many(text, all));
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (all[i] != sql::mark::value) continue;
      std::string one(n, sql::mark::none);
      one[i] = sql::mark::value;
      add(name("insert"), sql::insert(text, one));
      add(name("insert") + "_many", sql::insert_many(text, one));
    }
  }
  for (const char after : {0, 1}) {
    if (after != 0 && !t.has_key()) continue;
    add(name("select"), sql::select(text, std::string(n, sql::mark::none), after != 0));
    add(name("select") + "_json",
        sql::json_array(sql::select(text, std::string(n, sql::mark::none), after != 0)));
  }
  for (const crud_column_model& c : t.columns) {
    if (!c.filterable) continue;
    for (const char m : {sql::mark::equals, sql::mark::any_of, sql::mark::is_null}) {
      if (m == sql::mark::is_null && !c.nullable) continue;
      std::string one(n, sql::mark::none);
      one[c.index] = m;
      add(name("select"), sql::select(text, one, t.has_key()));
    }
  }
  if (!t.has_key() || !t.writable()) return out;
  add(name("get"), sql::get(text));
  add(name("get") + "_json", sql::json_object(sql::get(text)));
  add(name("exists"), sql::exists(text));
  add(name("delete"), sql::remove(text));
  for (const crud_key_model& u : t.unique_keys) {
    std::string shape(n, sql::mark::none);
    for (const std::size_t i : u.columns) shape[i] = sql::mark::equals;
    const std::string get_by = fmt::format("{}_by_{}", name("get"), u.suffix);
    add(get_by, sql::get_by(text, shape));
    add(get_by + "_json", sql::json_object(sql::get_by(text, shape)));
  }
  const std::vector<std::uint16_t> key(storage.key.begin(), storage.key.end());
  if (all_patch.find(sql::mark::value) != std::string::npos) {
    add(name("update"), sql::update(text, all_patch, t.version_column));
    add(name("upsert"), sql::upsert(text, all, all_patch, key, t.version_column));
    for (std::size_t i = 0; i < n; ++i) {
      if (all_patch[i] != sql::mark::value) continue;
      std::string one(n, sql::mark::none);
      one[i] = sql::mark::value;
      add(name("update"), sql::update(text, one, t.version_column));
    }
  } else if (t.version_column >= 0) {
    add(name("update"), sql::update(text, all_patch, t.version_column));
  }
  add(name("upsert"),
      sql::upsert(text, all, std::string(n, sql::mark::none), key, t.version_column));
  return out;
}

}  // namespace soong::gen
