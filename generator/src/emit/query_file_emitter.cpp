#include "emit/query_file_emitter.hpp"

#include "emit/batch_emitter.hpp"
#include "emit/cluster_overload_emitter.hpp"
#include "emit/code_writer.hpp"
#include "emit/data_api_overload_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/function_emitter.hpp"
#include "emit/json_variant_emitter.hpp"
#include "emit/prepare_all_emitter.hpp"
#include "emit/row_emitter.hpp"
#include "emit/runtime_includes.hpp"
#include "emit/statement_emitter.hpp"
#include "emit/struct_emitter.hpp"
#include "emit/struct_fields_emitter.hpp"

namespace soong::gen {
namespace {

runtime_headers query_runtime_headers(const file_model& file) {
  runtime_headers headers{"soong/cluster_target.hpp", "soong/connection.hpp", "soong/execute.hpp",
                          "soong/result.hpp",         "soong/statement.hpp",  "soong/version.hpp"};
  for (const query_model& q : file.queries) {
    if (q.shape == row_shape::row_struct) headers.emplace("soong/struct_fields.hpp");
    if (info(q.source->cmd).pipelined) headers.emplace("soong/batch_outcome.hpp");
    add_type_headers(headers, q.params);
    add_type_headers(headers, q.columns);
  }
  return headers;
}

// Items of batches and COPY sit in containers until the call, so they own their text; one
// call's parameters only borrow it.
std::string params_struct_doc(const query_model& q) {
  if (info(q.source->cmd).takes_items) {
    return fmt::format("One item of {}; owns its text, so items may outlive what built them.",
                       q.source->name);
  }
  return fmt::format(
      "Parameters of {}; text is borrowed, not copied: keep it alive during the "
      "call.",
      q.source->name);
}

}  // namespace

std::string emit_query_header(const emit_model& model, const file_model& file,
                              const emit_options& options) {
  code_writer w;
  write_banner(w, options.generator_version, file.relative_path);
  w.line("#pragma once");
  w.blank();
  write_common_includes(w, query_runtime_headers(file));
  w.blank();
  // The output folder is on the include path, wherever this file sits below it.
  w.linef("#include \"{}\"", schema_header_name);
  w.blank();
  write_runtime_check(w, options.generator_version);
  w.blank();
  if (options.data_api) {
    write_data_api_forward_declaration(w);
    w.blank();
  }
  open_namespace(w, model);
  for (const query_model& q : file.queries) {
    w.blank();
    w.linef("// {} :{}", q.source->name, to_string(q.source->cmd));
    w.blank();
    if (!q.names.params_struct.empty()) {
      write_struct(w, q.names.params_struct, params_struct_doc(q), q.params);
      w.blank();
    }
    write_row_struct(w, q);
    // Not indented, like every namespace in this repository's style.
    w.line("namespace detail {");
    write_statement_declarations(w, q);
    write_row_reader(w, model, q);
    w.line("}  // namespace detail");
    w.blank();
    write_function_declarations(w, q, file);
    w.blank();
    write_json_variant_declaration(w, q, file);
    w.blank();
    write_cluster_overloads(w, q);
    if (options.data_api && has_data_api_overloads(q)) {
      w.blank();
      write_data_api_declarations(w, q, file);
    }
  }
  w.blank();
  w.line("namespace detail {");
  write_statement_list_declaration(w, statement_list_of(file));
  w.line("}  // namespace detail");
  w.blank();
  write_prepare_all_declaration(w, statement_list_of(file));
  w.blank();
  close_namespace(w, model);
  for (const query_model& q : file.queries) {
    if (q.shape != row_shape::row_struct) continue;
    w.blank();
    write_struct_fields(w, model.qualifier + "::" + q.names.row_struct, row_struct_members(q));
  }
  return w.take();
}

std::string emit_query_source(const emit_model& model, const file_model& file,
                              const emit_options& options) {
  code_writer w;
  write_banner(w, options.generator_version, file.relative_path);
  w.blank();
  // Include this file's own header by its path below the output folder.
  w.linef("#include \"{}.hpp\"", file.relative_path);
  if (uses_pipeline(file)) w.line("#include <soong/pipeline.hpp>");
  if (uses_copy(file)) w.line("#include <soong/copy.hpp>");
  if (options.data_api) {
    w.line("#include <soong/data_api/fields.hpp>");
    w.line("#include <soong/data_api/session.hpp>");
    if (uses_data_api_batch(file)) w.line("#include <soong/data_api/batch.hpp>");
    if (uses_data_api_batch_items(file)) w.line("#include <soong/data_api/batch_items.hpp>");
  }
  w.line("#include <soong/prepare_all.hpp>");
  w.blank();
  open_namespace(w, model, true);
  for (const query_model& q : file.queries) {
    w.blank();
    write_statement_definitions(w, q);
    write_copy_descriptor(w, q);
    if (options.data_api) write_data_api_details(w, q);
  }
  w.blank();
  write_statement_list_definition(w, statement_list_of(file));
  w.blank();
  close_namespace(w, model, true);
  w.blank();
  open_namespace(w, model);
  for (const query_model& q : file.queries) {
    w.blank();
    write_function_definitions(w, q);
    w.blank();
    write_json_variant_definition(w, q);
    if (options.data_api && has_data_api_overloads(q)) {
      w.blank();
      write_data_api_definitions(w, q);
    }
  }
  w.blank();
  write_prepare_all_definition(w, statement_list_of(file));
  w.blank();
  close_namespace(w, model);
  return w.take();
}

}  // namespace soong::gen
