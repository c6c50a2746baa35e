#include "emit/schema_emitter.hpp"

#include "emit/code_writer.hpp"
#include "emit/composite_emitter.hpp"
#include "emit/enum_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/json_emitter.hpp"
#include "emit/struct_emitter.hpp"

namespace soong::gen {

void write_common_includes(code_writer& w) {
  for (std::string_view header : {"concepts", "cstddef", "cstdint", "optional", "span", "string",
                                  "string_view", "tuple", "utility", "vector"}) {
    w.linef("#include <{}>", header);
  }
  w.blank();
  w.line("#include <nlohmann/json.hpp>");
  w.line("#include <soong/soong.hpp>");
}

std::string emit_schema_header(const emit_model& model, const emit_options& options) {
  code_writer w;
  write_banner(w, options.generator_version, options.schema_source);
  w.line("#pragma once");
  w.blank();
  write_common_includes(w);
  w.blank();
  write_runtime_check(w, options.generator_version);
  w.blank();

  // Types first, then the runtime's traits (which must follow the definitions and live at
  // global scope), then JSON functions (which need the traits for enum labels).
  open_namespace(w, model);
  for (const enum_model& e : model.enums) {
    w.blank();
    write_enum(w, e);
  }
  const std::vector<const struct_model*> composites = composites_in_dependency_order(model);
  for (const struct_model* c : composites) {
    w.blank();
    write_struct(w, c->name,
                 fmt::format("PostgreSQL composite type {}.{}.", c->sql_schema, c->sql_name),
                 c->fields);
  }
  for (const struct_model& t : model.tables) {
    w.blank();
    write_struct(
        w, t.name,
        fmt::format("A row of {} {}.{}, columns in table order.", t.kind, t.sql_schema, t.sql_name),
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
  w.blank();
  open_namespace(w, model);
  for (const struct_model* c : composites) {
    w.blank();
    write_json_functions(w, c->name, c->fields);
  }
  for (const struct_model& t : model.tables) {
    w.blank();
    write_json_functions(w, t.name, t.fields);
  }
  w.blank();
  close_namespace(w, model);
  return w.take();
}

}  // namespace soong::gen
