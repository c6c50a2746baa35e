#include "emit/batch_emitter.hpp"

#include <algorithm>

#include "emit/file_layout.hpp"
#include "emit/signature.hpp"

namespace soong::gen {
namespace {

std::string quote_sql_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

void write_copy_descriptor(code_writer& w, const query_model& q) {
  if (q.source->cmd != command::copyfrom || !q.source->copy) return;
  w.linef("constexpr std::string_view {}[] = {{", q.names.copy_columns);
  w.indent();
  for (const std::string& column : q.source->copy->columns) {
    w.linef("{},", cpp_string_literal(quote_sql_identifier(column)));
  }
  w.dedent();
  w.line("};");
  w.linef("const soong::copy_statement {}{{", q.names.copy_statement);
  w.indent();
  w.linef(".name = {},", cpp_string_literal(q.source->name));
  w.linef(".table = {},", cpp_string_literal(q.copy_table));
  w.linef(".column_names = {},", q.names.copy_columns);
  w.linef(".columns = {},", q.names.param_types);
  w.dedent();
  w.line("};");
}

void write_batch_body(code_writer& w, const query_model& q) {
  switch (q.source->cmd) {
    case command::copyfrom:
      w.linef("return soong::copy_from(conn, detail::{}, items,", q.names.copy_statement);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      break;
    case command::batchexec:
      w.linef("soong::execute_batch_without_results(conn, detail::{}, items,", q.names.statement);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      break;
    case command::batchone:
      w.linef("const std::vector<soong::result> results =");
      w.linef("    soong::execute_batch(conn, detail::{}, items,", q.names.statement);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      w.linef("std::vector<std::optional<{}>> rows;", q.row_type);
      w.line("rows.reserve(results.size());");
      w.block("for (const soong::result& r : results) {", [&] {
        w.line("if (r.rows() == 0) {");
        w.line("  rows.emplace_back();");
        w.line("} else {");
        w.linef("  rows.emplace_back(detail::{}(r, 0));", q.names.read_row);
        w.line("}");
      });
      w.line("return rows;");
      break;
    case command::batchmany:
      w.linef("const std::vector<soong::result> results =");
      w.linef("    soong::execute_batch(conn, detail::{}, items,", q.names.statement);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      w.linef("std::vector<std::vector<{}>> rows(results.size());", q.row_type);
      w.block("for (std::size_t k = 0; k < results.size(); ++k) {", [&] {
        w.line("const soong::result& r = results[k];");
        w.line("rows[k].reserve(static_cast<std::size_t>(r.rows()));");
        w.linef("for (int i = 0; i < r.rows(); ++i) rows[k].push_back(detail::{}(r, i));",
                q.names.read_row);
      });
      w.line("return rows;");
      break;
    default:
      break;
  }
}

bool uses_pipeline(const file_model& file) {
  return std::any_of(file.queries.begin(), file.queries.end(),
                     [](const query_model& q) { return info(q.source->cmd).pipelined; });
}

bool uses_copy(const file_model& file) {
  return std::any_of(file.queries.begin(), file.queries.end(),
                     [](const query_model& q) { return q.source->cmd == command::copyfrom; });
}

}  // namespace soong::gen
