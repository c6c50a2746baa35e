#include "emit/json_variant_emitter.hpp"

#include "emit/file_layout.hpp"
#include "emit/signature.hpp"

namespace soong::gen {
namespace {

std::string json_return_type(const query_model& q) {
  return q.source->cmd == command::one ? "std::optional<std::string>" : "std::string";
}

std::string json_signature(const query_model& q, std::string_view prefix, std::string_view tail) {
  return format_call(fmt::format("{}{} {}", prefix, json_return_type(q), q.names.json_function),
                     function_parameters(q), tail);
}

}  // namespace

void write_json_variant_declaration(code_writer& w, const query_model& q, const file_model& file) {
  if (q.names.json_function.empty()) return;
  const char* what = q.source->cmd == command::one
                         ? "The row as a JSON object built by PostgreSQL (row_to_json); empty "
                           "when there is no row"
                         : "The rows as a JSON array built by PostgreSQL (`[]` when there are "
                           "none)";
  write_doc_comment(w, function_doc(q, file, what));
  w.lines(json_signature(q, "[[nodiscard]] ", ";"));
}

void write_json_variant_definition(code_writer& w, const query_model& q) {
  if (q.names.json_function.empty()) return;
  w.lines(json_signature(q, "", " {"));
  w.indent();
  std::vector<std::string> args{"conn", "detail::" + q.names.json_statement};
  for (std::string& value : argument_values(q)) args.push_back(std::move(value));
  w.lines(format_call("const soong::result r = soong::execute", args, ";", 2));
  if (q.source->cmd == command::one) w.line("if (r.rows() == 0) return std::nullopt;");
  w.line("return r.get<std::string>(0, 0);");
  w.dedent();
  w.line("}");
}

}  // namespace soong::gen
