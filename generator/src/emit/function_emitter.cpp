#include "emit/function_emitter.hpp"

#include "emit/batch_emitter.hpp"
#include "emit/file_layout.hpp"
#include "emit/result_row.hpp"
#include "emit/signature.hpp"

namespace soong::gen {
namespace {

std::vector<std::string> execute_arguments(const query_model& q) {
  std::vector<std::string> args{"conn", "detail::" + q.names.statement};
  for (std::string& value : argument_values(q)) args.push_back(std::move(value));
  return args;
}

// `<prefix>soong::execute(conn, detail::x_statement, ...)<tail>`, wrapped when too long.
void write_execute(code_writer& w, std::string_view prefix, const query_model& q,
                   std::string_view tail) {
  w.lines(format_call(fmt::format("{}soong::execute", prefix), execute_arguments(q), tail, 2));
}

void write_streaming_overload(code_writer& w, const query_model& q, const file_model& file) {
  write_doc_comment(
      w, function_doc(q, file, "Calls `on_row` with each row in turn, without collecting them"));
  w.line("template <class OnRow>");
  w.linef("  requires std::invocable<OnRow&, {}&&>", q.row_type);
  std::vector<std::string> params = function_parameters(q);
  params.push_back("OnRow&& on_row");
  w.lines(format_call("void " + q.names.function, params, " {"));
  w.indent();
  // Single-row mode: each row is decoded and handed over as it arrives (flat memory).
  std::vector<std::string> args = execute_arguments(q);
  args.insert(args.begin() + 2, "on_row");
  w.lines(
      format_call(fmt::format("soong::stream_rows<detail::{}>", q.names.read_row), args, ";", 2));
  w.dedent();
  w.line("}");
}

}  // namespace

std::string return_type(const query_model& q) {
  switch (q.source->cmd) {
    case command::one:
      return one_row_type(q);
    case command::many:
      return fmt::format("std::vector<{}>", q.row_type);
    case command::exec:
      return "void";
    case command::execrows:
      return "std::int64_t";
    case command::execresult:
      return "soong::result";
    case command::copyfrom:
      return "std::int64_t";
    case command::batchexec:
      return "void";
    case command::batchone:
      return fmt::format("std::vector<{}>", one_row_type(q));
    case command::batchmany:
      return fmt::format("std::vector<std::vector<{}>>", q.row_type);
  }
  return "void";
}

std::vector<std::string> main_function_parameters(const query_model& q) {
  if (info(q.source->cmd).takes_items) {
    return {"soong::connection& conn",
            fmt::format("std::span<const {}> {}", item_type(q), q.names.items)};
  }
  return function_parameters(q);
}

void write_function_declarations(code_writer& w, const query_model& q, const file_model& file) {
  const std::string type = return_type(q);
  std::string what = result_description(q);
  if (info(q.source->cmd).pipelined) {
    what +=
        ". A failing item's error (soong::sql_error, batch_index()) is thrown: the items before "
        "it stay applied (inside a soong::transaction, which the failure leaves failed) and the "
        "items after it do not run";
  }
  write_doc_comment(w, function_doc(q, file, what));
  w.lines(format_call(
      fmt::format("{}{} {}", type == "void" ? "" : "[[nodiscard]] ", type, q.names.function),
      main_function_parameters(q), ";"));
  if (q.source->cmd == command::many) {
    w.blank();
    write_streaming_overload(w, q, file);
  }
  if (info(q.source->cmd).pipelined) {
    w.blank();
    write_per_item_overload(w, q, file);
  }
}

void write_function_definitions(code_writer& w, const query_model& q) {
  w.lines(format_call(fmt::format("{} {}", return_type(q), q.names.function),
                      main_function_parameters(q), " {"));
  w.indent();
  switch (q.source->cmd) {
    case command::one:
      write_execute(w, "const soong::result r = ", q, ";");
      write_missing_row_check(w, q, "r.rows() == 0");
      w.linef("return detail::{}(r, 0);", q.names.read_row);
      break;
    case command::many:
      write_execute(w, "const soong::result r = ", q, ";");
      w.linef("return soong::collect_rows<detail::{}>(r);", q.names.read_row);
      break;
    case command::exec:
      write_execute(w, "static_cast<void>(", q, ");");
      break;
    case command::execrows:
      write_execute(w, "const soong::result r = ", q, ";");
      w.line("return static_cast<std::int64_t>(r.affected_rows());");
      break;
    case command::execresult:
      write_execute(w, "return ", q, ";");
      break;
    default:
      write_batch_body(w, q);
      break;
  }
  w.dedent();
  w.line("}");
}

}  // namespace soong::gen
