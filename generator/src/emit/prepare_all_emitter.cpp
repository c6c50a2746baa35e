#include "emit/prepare_all_emitter.hpp"

#include <string>
#include <vector>

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

/// The descriptors of the file's statements, in query order (COPY has none).
std::vector<std::string> statement_names(const file_model& file) {
  std::vector<std::string> names;
  for (const query_model& q : file.queries) {
    if (q.source->cmd == command::copyfrom) continue;
    names.push_back(q.names.statement);
    if (!q.names.json_statement.empty()) names.push_back(q.names.json_statement);
  }
  return names;
}

}  // namespace

void write_statement_list_declaration(code_writer& w, const file_model& file) {
  w.linef("/// Every statement of {}, for {}.", file.relative_path, file.prepare_function);
  w.linef("[[nodiscard]] std::span<const soong::statement* const> {}() noexcept;",
          file.statements_function);
}

void write_prepare_all_declaration(code_writer& w, const file_model& file) {
  write_doc_comment(
      w, fmt::format("Prepares every statement of {} on `conn` (soong::prepare_all): warms the "
                     "statement cache, and throws soong::prepare_error naming each query that no "
                     "longer prepares against the database's schema.",
                     file.relative_path));
  w.linef("void {}(soong::connection& conn);", file.prepare_function);
}

void write_statement_list_definition(code_writer& w, const file_model& file) {
  const std::vector<std::string> names = statement_names(file);
  w.linef("std::span<const soong::statement* const> {}() noexcept {{", file.statements_function);
  w.indent();
  if (names.empty()) {
    w.line("return {};");
  } else {
    w.line("static const soong::statement* const statements[] = {");
    w.indent();
    for (const std::string& name : names) w.linef("&{},", name);
    w.dedent();
    w.line("};");
    w.line("return statements;");
  }
  w.dedent();
  w.line("}");
}

void write_prepare_all_definition(code_writer& w, const file_model& file) {
  w.linef("void {}(soong::connection& conn) {{", file.prepare_function);
  w.linef("  soong::prepare_all(conn, detail::{}());", file.statements_function);
  w.line("}");
}

}  // namespace soong::gen
