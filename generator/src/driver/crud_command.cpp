#include "driver/crud_command.hpp"

#include <fstream>
#include <iostream>

#include "diag/render.hpp"
#include "driver/inputs.hpp"
#include "driver/pipeline.hpp"
#include "driver/result_cache.hpp"
#include "emit/crud_model.hpp"
#include "emit/crud_query_file.hpp"
#include "emit/model.hpp"

namespace soong::gen {

int run_crud_emit_sql(const input_options& in, const std::vector<std::string>& tables,
                      const std::string& out_file) {
  std::vector<input_error> errors;
  run_inputs inputs = read_inputs(in.schema, in.queries, errors);
  for (const auto& e : errors) std::cerr << "soong: error: " << e.message << "\n";
  if (!errors.empty()) return 2;
  inputs.crud_tables = tables;
  pipeline_options options;
  options.database_url = in.database_url;
  options.verbose = in.verbose;
  if (!in.no_cache) options.cache_dir = resolve_cache_dir(in.cache_dir).value_or("");
  pipeline_result result = build_ir(inputs, options);
  std::cerr << render(result.diags);
  if (result.diags.has_errors()) return 1;
  std::vector<diagnostic> model_errors;
  const emit_model model = build_model(result.model, emit_options{}, model_errors);
  if (!model_errors.empty()) {
    diagnostics diags;
    for (auto& d : model_errors) diags.add(std::move(d));
    std::cerr << render(diags);
    return 1;
  }
  std::string text;
  for (const crud_request& request : result.model.crud) {
    if (!text.empty()) text += "\n";
    text += emit_crud_query_file(build_crud_model(result.model, model, request));
  }
  if (out_file.empty()) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(out_file, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "soong: error: cannot write " << out_file << "\n";
    return 2;
  }
  return 0;
}

}  // namespace soong::gen
