#include "emit/prepare_all_emitter.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

/// What the CRUD functions send whose text depends on the call, so no list can hold it.
constexpr std::string_view per_call_statements =
    "The statements whose text depends on the call's arguments (select and list_..._by: the "
    "filters and the page; insert and insert_many: the columns given; update: the SET list; "
    "upsert) are built per call and cannot be prepared up front.";

/// The doc comment of the target's prepare_all.
std::string target_prepare_doc(const emit_model& model, const std::vector<crud_table_model>& crud,
                               const emit_options& options) {
  std::string doc = fmt::format("Prepares every statement of every query file of {} ({} file{})",
                                options.prepare_all_target, model.files.size(),
                                model.files.size() == 1 ? "" : "s");
  if (!crud.empty()) {
    doc += " and the fixed statements of the CRUD functions of ";
    for (std::size_t i = 0; i < crud.size(); ++i) {
      if (i > 0) doc += i + 1 == crud.size() ? " and " : ", ";
      doc += crud[i].display;
    }
  }
  doc +=
      " on `conn` (soong::prepare_all): warms the statement cache, and throws one "
      "soong::prepare_error naming each query or CRUD function whose statement no longer "
      "prepares against the database's schema.";
  if (!crud.empty()) doc += fmt::format(" {}", per_call_statements);
  return doc;
}

}  // namespace

statement_list_model statement_list_of(const file_model& file) {
  statement_list_model list;
  list.prepare_function = file.prepare_function;
  list.statements_function = file.statements_function;
  list.list_doc =
      fmt::format("Every statement of {}, for {}.", file.relative_path, file.prepare_function);
  list.prepare_doc = fmt::format(
      "Prepares every statement of {} on `conn` (soong::prepare_all): warms the "
      "statement cache, and throws soong::prepare_error naming each query that no "
      "longer prepares against the database's schema.",
      file.relative_path);
  for (const query_model& q : file.queries) {
    if (q.source->cmd == command::copyfrom) continue;
    list.statements.push_back(q.names.statement);
    if (!q.names.json_statement.empty()) list.statements.push_back(q.names.json_statement);
  }
  return list;
}

statement_list_model crud_statement_list_of(const crud_table_model& table,
                                            std::vector<std::string> fixed) {
  statement_list_model list;
  list.prepare_function = table.prepare_function;
  list.statements_function = table.statements_function;
  list.list_doc = fmt::format("The fixed statements of the CRUD functions of {}, for {}.",
                              table.display, table.prepare_function);
  list.prepare_doc = fmt::format(
      "Prepares the fixed statements of the CRUD functions of {} on `conn` "
      "(soong::prepare_all): get, its _json twin, exists, delete and each get_..._by with its "
      "_json twin, as the table has them. Warms the statement cache, and throws "
      "soong::prepare_error naming each function whose statement no longer prepares against "
      "the database's schema. {}",
      table.display, per_call_statements);
  list.statements = std::move(fixed);
  return list;
}

void write_statement_list_declaration(code_writer& w, const statement_list_model& list) {
  w.linef("/// {}", list.list_doc);
  w.linef("[[nodiscard]] std::span<const soong::statement* const> {}() noexcept;",
          list.statements_function);
}

void write_prepare_all_declaration(code_writer& w, const statement_list_model& list) {
  write_doc_comment(w, list.prepare_doc);
  w.linef("void {}(soong::connection& conn);", list.prepare_function);
}

void write_statement_list_definition(code_writer& w, const statement_list_model& list) {
  w.linef("std::span<const soong::statement* const> {}() noexcept {{", list.statements_function);
  w.indent();
  if (list.statements.empty()) {
    w.line("return {};");
  } else {
    w.line("static const soong::statement* const statements[] = {");
    w.indent();
    for (const std::string& name : list.statements) w.linef("&{},", name);
    w.dedent();
    w.line("};");
    w.line("return statements;");
  }
  w.dedent();
  w.line("}");
}

void write_prepare_all_definition(code_writer& w, const statement_list_model& list) {
  w.linef("void {}(soong::connection& conn) {{", list.prepare_function);
  w.linef("  soong::prepare_all(conn, detail::{}());", list.statements_function);
  w.line("}");
}

std::string emit_target_prepare_all_header(const emit_model& model,
                                           const std::vector<crud_table_model>& crud,
                                           const emit_options& options) {
  code_writer w;
  write_banner(w, options.generator_version,
               fmt::format("the queries of {}", options.prepare_all_target));
  w.line("#pragma once");
  w.blank();
  w.line("#include <soong/connection.hpp>");
  w.blank();
  open_namespace(w, model);
  write_doc_comment(w, target_prepare_doc(model, crud, options));
  w.line("void prepare_all(soong::connection& conn);");
  close_namespace(w, model);
  return w.take();
}

std::string emit_target_prepare_all_source(const emit_model& model,
                                           const std::vector<crud_table_model>& crud,
                                           const emit_options& options) {
  std::vector<std::string> lists;
  for (const file_model& file : model.files) lists.push_back(file.statements_function);
  for (const crud_table_model& table : crud) lists.push_back(table.statements_function);
  code_writer w;
  write_banner(w, options.generator_version,
               fmt::format("the queries of {}", options.prepare_all_target));
  w.blank();
  w.linef("#include \"{}.hpp\"", target_prepare_all_stem(options.prepare_all_target));
  w.blank();
  w.line("#include <soong/prepare_all.hpp>");
  w.line("#include <soong/statement.hpp>");
  w.line("#include <span>");
  w.line("#include <vector>");
  w.blank();
  open_namespace(w, model, true);
  // Declared here rather than by including each file's header: editing one query file then
  // recompiles only its own output, not this file.
  for (const std::string& list : lists) {
    w.linef("[[nodiscard]] std::span<const soong::statement* const> {}() noexcept;", list);
  }
  close_namespace(w, model, true);
  w.blank();
  open_namespace(w, model);
  w.line("void prepare_all(soong::connection& conn) {");
  w.indent();
  w.line("std::vector<const soong::statement*> statements;");
  w.line("const auto add = [&](std::span<const soong::statement* const> list) {");
  w.line("  statements.insert(statements.end(), list.begin(), list.end());");
  w.line("};");
  for (const std::string& list : lists) w.linef("add(detail::{}());", list);
  w.line("soong::prepare_all(conn, statements);");
  w.dedent();
  w.line("}");
  close_namespace(w, model);
  return w.take();
}

}  // namespace soong::gen
