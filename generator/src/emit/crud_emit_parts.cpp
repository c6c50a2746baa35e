// Names and helpers shared by the CRUD header and source emitters.

#include "emit/crud_emit_parts.hpp"

#include <fmt/format.h>

#include <soong/crud_sql.hpp>
#include <string>
#include <vector>

#include "emit/code_writer.hpp"
#include "emit/crud_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/schema_emitter.hpp"

namespace soong::gen {

std::string banner_source(const crud_table_model& t, const emit_options& options) {
  return fmt::format("{} (CRUD functions of {})", options.schema_source, t.display);
}

/// `std::string_view handle` style parameters of a unique key or foreign key.
std::vector<std::string> key_parameters(const crud_table_model& t, const crud_key_model& k) {
  std::vector<std::string> out{"soong::connection& conn"};
  for (const std::size_t i : k.columns) {
    out.push_back(fmt::format("const {}& {}", t.columns[i].element_type, t.columns[i].field));
  }
  return out;
}

/// Arguments that bind the primary key `key` (a value, or a struct's members).
std::vector<std::string> key_arguments(const crud_table_model& t) {
  if (!t.composite_key()) return {"key"};
  std::vector<std::string> out;
  for (const std::size_t i : t.key) out.push_back("key." + t.columns[i].field);
  return out;
}

/// Whether `T_patch` has a field (a table whose columns are all key, identity ALWAYS or
/// generated has nothing to update).
bool has_patch(const crud_table_model& t) {
  for (const crud_column_model& c : t.columns) {
    if (c.patchable() && static_cast<int>(c.index) != t.version_column) return true;
  }
  return false;
}

std::vector<std::string> crud_namespace_names(const crud_table_model& t) {
  const crud_names n(t);
  std::vector<std::string> out{n.row, n.filter, n.select, n.select + "_json", t.prepare_function};
  if (t.has_key()) {
    for (const std::string& name : {n.key, n.get, n.get + "_json", n.exists}) out.push_back(name);
    for (const crud_key_model& u : t.unique_keys) {
      out.push_back(fmt::format("{}_by_{}", n.get, u.suffix));
      out.push_back(fmt::format("{}_by_{}_json", n.get, u.suffix));
    }
    for (const crud_key_model& f : t.foreign_keys) {
      out.push_back(fmt::format("list_{}_by_{}", t.prefix, f.suffix));
      out.push_back(fmt::format("list_{}_by_{}_json", t.prefix, f.suffix));
    }
  }
  if (t.writable()) {
    for (const std::string& name : {n.new_row, n.insert, n.insert_many}) out.push_back(name);
  }
  if (t.has_key() && t.writable()) {
    if (has_patch(t)) {
      out.push_back(n.patch);
      out.push_back(n.update);
    }
    out.push_back(n.upsert);
    out.push_back(n.remove);
  }
  return out;
}

}  // namespace soong::gen
