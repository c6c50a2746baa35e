#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

#include "diag/codes.hpp"
#include "emit/crud_emitter.hpp"
#include "emit/crud_model.hpp"
#include "emit/data_api_overload_emitter.hpp"
#include "emit/emit_options.hpp"
#include "emit/model.hpp"
#include "emit/prepare_all_emitter.hpp"
#include "emit/query_file_emitter.hpp"
#include "emit/schema_emitter.hpp"

namespace soong::gen {

namespace {

/// A hand-written query whose C++ name is also one of a CRUD table's: both would be declared in
/// the generated namespace (a redefinition, or an overload that silently picks one). The query
/// is the one to rename: the CRUD names follow from the table.
void check_crud_name_collisions(const emit_model& model,
                                const std::vector<crud_table_model>& tables,
                                std::vector<diagnostic>& errors) {
  std::map<std::string, const crud_table_model*> crud_names;
  for (const crud_table_model& t : tables) {
    for (std::string& name : crud_namespace_names(t)) crud_names.emplace(std::move(name), &t);
  }
  for (const file_model& file : model.files) {
    const auto file_clash = crud_names.find(file.prepare_function);
    if (file_clash != crud_names.end() && !file.queries.empty()) {
      diagnostic d;
      d.level = severity::error;
      d.location = {file.source_path, 0, 0};
      d.message = fmt::format(
          "query file {} gets `{}`, which the CRUD functions of {} also declare; rename the "
          "file",
          file.relative_path, file.prepare_function, file_clash->second->display);
      d.code = codes::crud_name_collision;
      errors.push_back(std::move(d));
    }
    for (const query_model& q : file.queries) {
      const query_names& names = q.names;
      for (const std::string* name :
           {&names.function, &names.json_function, &names.params_struct, &names.row_struct}) {
        if (name->empty()) continue;
        const auto clash = crud_names.find(*name);
        if (clash == crud_names.end()) continue;
        diagnostic d;
        d.level = severity::error;
        d.location = q.source->location;
        d.message = fmt::format(
            "query {} generates `{}`, which the CRUD functions of {} also declare; rename the "
            "query, or take the CRUD function over with `soong crud --emit-sql`",
            q.source->name, *name, clash->second->display);
        d.code = codes::crud_name_collision;
        errors.push_back(std::move(d));
        break;
      }
    }
  }
}

}  // namespace

emit_output emit_cpp(const ir& input, const emit_options& options) {
  emit_output out;
  const emit_model model = build_model(input, options, out.errors);
  if (options.data_api) check_data_api_forms(model, out.errors);
  if (!out.errors.empty()) return out;  // all or nothing: the driver writes no file then
  out.files[schema_header_name] = emit_schema_header(model, options);
  for (const file_model& file : model.files) {
    out.files[file.relative_path + ".hpp"] = emit_query_header(model, file, options);
    out.files[file.relative_path + ".cpp"] = emit_query_source(model, file, options);
  }
  std::vector<crud_table_model> crud_tables;
  for (const crud_request& request : input.crud) {
    crud_tables.push_back(build_crud_model(input, model, request));
  }
  check_crud_name_collisions(model, crud_tables, out.errors);
  if (!out.errors.empty()) {
    out.files.clear();
    return out;
  }
  for (const crud_table_model& table : crud_tables) {
    const std::string stem = crud_file_stem(table);
    out.files[stem + ".hpp"] = emit_crud_header(model, table, options);
    out.files[stem + ".cpp"] = emit_crud_source(model, table, options);
  }
  if (!options.prepare_all_target.empty()) {
    const std::string stem = target_prepare_all_stem(options.prepare_all_target);
    out.files[stem + ".hpp"] = emit_target_prepare_all_header(model, crud_tables, options);
    out.files[stem + ".cpp"] = emit_target_prepare_all_source(model, crud_tables, options);
  }
  return out;
}

}  // namespace soong::gen
