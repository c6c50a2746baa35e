#include "emit/schema_emitter.hpp"

#include "emit/code_writer.hpp"
#include "emit/composite_emitter.hpp"
#include "emit/enum_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/runtime_includes.hpp"
#include "emit/struct_emitter.hpp"
#include "emit/struct_fields_emitter.hpp"

namespace soong::gen {
namespace {

runtime_headers schema_runtime_headers(const emit_model& model) {
  runtime_headers headers{"soong/version.hpp"};
  if (!model.enums.empty()) headers.emplace("soong/enum_traits.hpp");
  if (!model.composites.empty()) headers.emplace("soong/composite_traits.hpp");
  if (!model.composites.empty() || !model.tables.empty()) {
    headers.emplace("soong/struct_fields.hpp");
  }
  for (const struct_model& c : model.composites) add_type_headers(headers, c.fields);
  for (const struct_model& t : model.tables) add_type_headers(headers, t.fields);
  return headers;
}

}  // namespace

std::string emit_schema_header(const emit_model& model, const emit_options& options) {
  code_writer w;
  write_banner(w, options.generator_version, options.schema_source);
  w.line("#pragma once");
  w.blank();
  write_common_includes(w, schema_runtime_headers(model));
  w.blank();
  write_runtime_check(w, options.generator_version);
  w.blank();

  // Types first, then the runtime's traits (which must follow the definitions and live at
  // global scope).
  open_namespace(w, model);
  for (const enum_model& e : model.enums) {
    w.blank();
    write_enum(w, e);
  }
  const std::vector<const struct_model*> composites = composites_in_dependency_order(model);
  for (const struct_model* c : composites) {
    w.blank();
    write_struct(w, c->name,
                 with_description(c->doc, fmt::format("PostgreSQL composite type {}.{}.",
                                                      c->sql_schema, c->sql_name)),
                 c->fields);
  }
  for (const struct_model& t : model.tables) {
    w.blank();
    write_struct(w, t.name,
                 with_description(t.doc, fmt::format("A row of {} {}.{}, columns in table order.",
                                                     t.kind, t.sql_schema, t.sql_name)),
                 t.fields);
  }
  w.blank();
  close_namespace(w, model);

  for (const enum_model& e : model.enums) {
    w.blank();
    write_enum_traits(w, model, e);
  }
  for (const struct_model* c : composites) {
    w.blank();
    write_composite_traits(w, model, *c);
  }
  for (const struct_model* c : composites) {
    w.blank();
    write_struct_fields(w, model.qualifier + "::" + c->name, c->fields);
  }
  for (const struct_model& t : model.tables) {
    w.blank();
    write_struct_fields(w, model.qualifier + "::" + t.name, t.fields);
  }
  return w.take();
}

}  // namespace soong::gen
