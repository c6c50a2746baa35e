#include "emit/json_variant_emitter.hpp"

#include "emit/file_layout.hpp"
#include "emit/result_row.hpp"
#include "emit/signature.hpp"

namespace soong::gen {
namespace {

std::string json_signature(const query_model& q, std::string_view prefix, std::string_view tail) {
  return format_call(fmt::format("{}{} {}", prefix, json_result_type(q), q.names.json_function),
                     function_parameters(q), tail);
}

}  // namespace

void write_json_variant_declaration(code_writer& w, const query_model& q, const file_model& file) {
  if (q.names.json_function.empty()) return;
  const char* what = q.source->cmd != command::one
                         ? "The rows as a JSON array built by PostgreSQL (`[]` when there are "
                           "none)"
                     : row_may_be_missing(q)
                         ? "The row as a JSON object built by PostgreSQL (row_to_json); empty "
                           "when there is no row"
                         : "The row as a JSON object built by PostgreSQL (row_to_json)";
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
  if (q.source->cmd == command::one) write_missing_row_check(w, q, "r.rows() == 0");
  w.line("return r.get<std::string>(0, 0);");
  w.dedent();
  w.line("}");
}

}  // namespace soong::gen
