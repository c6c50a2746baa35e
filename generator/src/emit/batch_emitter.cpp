#include "emit/batch_emitter.hpp"

#include <algorithm>

#include "emit/file_layout.hpp"
#include "emit/function_emitter.hpp"
#include "emit/result_row.hpp"
#include "emit/signature.hpp"
#include "emit/sql_identifier.hpp"

namespace soong::gen {

void write_copy_descriptor(code_writer& w, const query_model& q) {
  if (q.source->cmd != command::copyfrom || !q.source->copy) return;
  w.linef("constexpr std::string_view {}[] = {{", q.names.copy_columns);
  w.indent();
  for (const std::string& column : q.source->copy->columns) {
    w.linef("{},", cpp_string_literal(quoted_sql_identifier(column)));
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
      w.linef("return soong::copy_from(conn, detail::{}, {},", q.names.copy_statement,
              q.names.items);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      break;
    case command::batchexec:
      w.linef("soong::execute_batch_without_results(conn, detail::{}, {},", q.names.statement,
              q.names.items);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      break;
    case command::batchone:
      w.linef("const std::vector<soong::result> results =");
      w.linef("    soong::execute_batch(conn, detail::{}, {},", q.names.statement, q.names.items);
      w.indent();
      w.indent();  // a continuation: four spaces
      write_bind_lambda(w, q, ");");
      w.dedent();
      w.dedent();
      w.linef("std::vector<{}> rows;", one_row_type(q));
      w.line("rows.reserve(results.size());");
      w.block("for (const soong::result& r : results) {", [&] {
        if (row_may_be_missing(q)) {
          w.line("if (r.rows() == 0) {");
          w.line("  rows.emplace_back();");
          w.line("} else {");
          w.linef("  rows.emplace_back(detail::{}(r, 0));", q.names.read_row);
          w.line("}");
        } else {
          write_missing_row_check(w, q, "r.rows() == 0");
          w.linef("rows.push_back(detail::{}(r, 0));", q.names.read_row);
        }
      });
      w.line("return rows;");
      break;
    case command::batchmany:
      w.linef("const std::vector<soong::result> results =");
      w.linef("    soong::execute_batch(conn, detail::{}, {},", q.names.statement, q.names.items);
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

void write_per_item_overload(code_writer& w, const query_model& q, const file_model& file) {
  const command cmd = q.source->cmd;
  if (cmd != command::batchexec && cmd != command::batchone && cmd != command::batchmany) return;
  std::string what =
      "Runs the statement once per item in one pipeline and calls `on_item` with each item's "
      "soong::batch_outcome as it arrives";
  if (cmd == command::batchone) {
    what += row_may_be_missing(q) ? " and its first row, if any"
                                  : " and its row (none when the item failed)";
  }
  if (cmd == command::batchmany) {
    what += ", after `on_row(item_index, row)` for each of the item's rows";
  }
  what +=
      ". A failing item is rolled back alone and the batch goes on; returning "
      "soong::batch_step::stop ends it and no later item is applied (soong/batch_outcome.hpp)";
  write_doc_comment(w, function_doc(q, file, what));
  std::vector<std::string> params = main_function_parameters(q);
  std::string outcome_args = "const soong::batch_outcome&";
  if (cmd == command::batchone) outcome_args += fmt::format(", std::optional<{}>&&", q.row_type);
  if (cmd == command::batchmany) {
    w.line("template <class OnRow, class OnItem>");
    w.linef("  requires std::invocable<OnRow&, std::size_t, {}&&> &&", q.row_type);
    w.linef("           soong::batch_callback<OnItem, {}>", outcome_args);
    params.push_back("OnRow&& on_row");
  } else {
    w.line("template <class OnItem>");
    w.linef("  requires soong::batch_callback<OnItem, {}>", outcome_args);
  }
  params.push_back("OnItem&& on_item");
  w.lines(format_call("void " + q.names.function, params, " {"));
  w.indent();
  w.linef("soong::execute_batch_per_item(conn, detail::{}, {},", q.names.statement, q.names.items);
  w.indent();
  w.indent();  // a continuation: four spaces
  write_bind_lambda(w, q, ",");
  w.line("[&](const soong::batch_outcome& outcome, const soong::result* r) {");
  w.indent();
  switch (cmd) {
    case command::batchone:
      w.linef("std::optional<{}> row;", q.row_type);
      w.block("if (r != nullptr && r->rows() > 0) {",
              [&] { w.linef("row = detail::{}(*r, 0);", q.names.read_row); });
      w.line("return soong::invoke_batch_callback(on_item, outcome, std::move(row));");
      break;
    case command::batchmany:
      w.block("if (r != nullptr) {", [&] {
        w.block("for (int i = 0; i < r->rows(); ++i) {",
                [&] { w.linef("on_row(outcome.index(), detail::{}(*r, i));", q.names.read_row); });
      });
      w.line("return soong::invoke_batch_callback(on_item, outcome);");
      break;
    default:
      w.line("static_cast<void>(r);");
      w.line("return soong::invoke_batch_callback(on_item, outcome);");
      break;
  }
  w.dedent();
  w.line("});");
  w.dedent();
  w.dedent();
  w.dedent();
  w.line("}");
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
