#include "emit/crud_emitter.hpp"
#include "emit/crud_model.hpp"
#include "emit/emit_options.hpp"
#include "emit/model.hpp"
#include "emit/query_file_emitter.hpp"
#include "emit/schema_emitter.hpp"

namespace soong::gen {

emit_output emit_cpp(const ir& input, const emit_options& options) {
  emit_output out;
  const emit_model model = build_model(input, options, out.errors);
  if (!out.errors.empty()) return out;  // all or nothing: the driver writes no file then
  out.files[schema_header_name] = emit_schema_header(model, options);
  for (const file_model& file : model.files) {
    out.files[file.relative_path + ".hpp"] = emit_query_header(model, file, options);
    out.files[file.relative_path + ".cpp"] = emit_query_source(model, file, options);
  }
  for (const crud_request& request : input.crud) {
    const crud_table_model table = build_crud_model(input, model, request);
    const std::string stem = crud_file_stem(table);
    out.files[stem + ".hpp"] = emit_crud_header(model, table, options);
    out.files[stem + ".cpp"] = emit_crud_source(model, table, options);
  }
  return out;
}

}  // namespace soong::gen
