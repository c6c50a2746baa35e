#include "emit/data_api_overload_emitter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "emit/file_layout.hpp"
#include "emit/function_emitter.hpp"
#include "emit/result_row.hpp"
#include "emit/signature.hpp"
#include "emit/statement_emitter.hpp"
#include "oracle/data_api_form.hpp"

namespace soong::gen {
namespace {

std::vector<std::string> session_parameters(std::vector<std::string> parameters) {
  parameters.front() = "soong::data_api::session& session";
  return parameters;
}

bool is_batch(const query_model& q) {
  return q.source->cmd == command::batchexec || q.source->cmd == command::copyfrom;
}

/// `:batchone` and `:batchmany`: items that return rows, each its own ExecuteStatement.
bool is_batch_with_rows(const query_model& q) {
  return q.source->cmd == command::batchone || q.source->cmd == command::batchmany;
}

/// The service's SqlParameter list of one batch item, built in `parameters`.
void write_item_parameters(code_writer& w, const query_model& q) {
  w.line("nlohmann::json parameters = nlohmann::json::array();");
  for (std::size_t i = 0; i < q.params.size(); ++i) {
    const std::string value =
        q.names.params_struct.empty() ? std::string("item") : "item." + q.params[i].name;
    w.linef("parameters.push_back(soong::data_api::parameter({}, {}));",
            cpp_string_literal(q.source->params.at(i).name), value);
  }
}

/// The type the runtime decodes a column's binary form as: the base type of a domain.
std::uint32_t wire_oid(const pg_type& type) {
  return type.kind == type_kind::domain && type.domain_base_oid != 0 ? type.domain_base_oid
                                                                     : type.oid;
}

std::string sql_name(const query_model& q) { return q.names.statement + "_data_api_sql"; }
std::string json_sql_name(const query_model& q) { return q.names.statement + "_json_data_api_sql"; }
std::string row_reader(const query_model& q) { return q.names.read_row + "_data_api"; }

std::string resend_policy(const query_model& q) {
  return q.source->access.read_only ? "soong::data_api::resend::once_if_unknown"
                                    : "soong::data_api::resend::never";
}

// `const nlohmann::json answer = session.execute(<sql>, {parameters}, "Name", <policy>);`
void write_execute(code_writer& w, const query_model& q, const std::string& sql) {
  std::vector<std::string> entries;
  const std::vector<std::string> values = argument_values(q);
  for (std::size_t i = 0; i < q.params.size(); ++i) {
    entries.push_back(fmt::format("soong::data_api::parameter({}, {})",
                                  cpp_string_literal(q.source->params.at(i).name), values[i]));
  }
  w.line("nlohmann::json parameters = nlohmann::json::array();");
  for (const std::string& entry : entries) w.linef("parameters.push_back({});", entry);
  w.linef("const nlohmann::json answer = session.execute(detail::{}, std::move(parameters), {},",
          sql, cpp_string_literal(q.source->name));
  w.linef("                                              {});", resend_policy(q));
}

// One parameter set per item, then soong::data_api::execute_batch: BatchExecute requests under
// the service's size limit, in one transaction.
void write_batch(code_writer& w, const query_model& q) {
  w.line("std::vector<nlohmann::json> parameter_sets;");
  w.linef("parameter_sets.reserve({}.size());", q.names.items);
  w.linef("for (const {}& item : {}) {{", item_type(q), q.names.items);
  w.indent();
  write_item_parameters(w, q);
  w.line("parameter_sets.push_back(std::move(parameters));");
  w.dedent();
  w.line("}");
  const std::vector<std::string> arguments = {"session", "detail::" + sql_name(q),
                                              "std::move(parameter_sets)",
                                              cpp_string_literal(q.source->name)};
  // :copyfrom returns how many rows went in; :batchexec nothing.
  const std::string head = q.source->cmd == command::copyfrom ? "return " : "";
  w.lines(format_call(head + "soong::data_api::execute_batch", arguments, ";", 2));
}

// One ExecuteStatement per item through soong::data_api::run_batch_items (one transaction,
// errors carrying the item's index), each item's rows read as the libpq overload reads them.
void write_batch_with_rows(code_writer& w, const query_model& q) {
  const bool one = q.source->cmd == command::batchone;
  w.linef("{} rows;", return_type(q));
  w.linef("rows.reserve({}.size());", q.names.items);
  w.linef("soong::data_api::run_batch_items(session, {}.size(), {},", q.names.items,
          cpp_string_literal(q.source->name));
  w.line("    [&](const soong::data_api::session& in_transaction, std::size_t k) {");
  w.indent();
  w.indent();
  w.linef("const {}& item = {}[k];", item_type(q), q.names.items);
  write_item_parameters(w, q);
  w.linef("const nlohmann::json answer = in_transaction.execute(detail::{}, std::move(parameters),",
          sql_name(q));
  w.linef("    {}, {});", cpp_string_literal(q.source->name), resend_policy(q));
  w.line("const nlohmann::json& records = soong::data_api::records_of(answer);");
  if (one) {
    write_missing_row_check(w, q, "records.empty()", "{ rows.emplace_back(); return; }");
    w.linef("rows.emplace_back(detail::{}(records[0]));", row_reader(q));
  } else {
    w.line("auto& item_rows = rows.emplace_back();");
    w.line("item_rows.reserve(records.size());");
    w.linef("for (const nlohmann::json& record : records) item_rows.push_back(detail::{}(record));",
            row_reader(q));
  }
  w.dedent();
  w.dedent();
  w.line("    });");
  w.line("return rows;");
}

}  // namespace

bool has_data_api_overloads(const query_model& q) {
  const command c = q.source->cmd;
  return (c == command::one || c == command::many || c == command::exec || c == command::execrows ||
          c == command::batchexec || c == command::copyfrom || c == command::batchone ||
          c == command::batchmany) &&
         q.embeds.empty();
}

bool uses_data_api_batch(const file_model& file) {
  return std::any_of(file.queries.begin(), file.queries.end(),
                     [](const query_model& q) { return is_batch(q); });
}

bool uses_data_api_batch_items(const file_model& file) {
  return std::any_of(file.queries.begin(), file.queries.end(),
                     [](const query_model& q) { return is_batch_with_rows(q); });
}

void check_data_api_forms(const emit_model& model, std::vector<diagnostic>& errors) {
  for (const file_model& file : model.files) {
    for (const query_model& q : file.queries) {
      if (!has_data_api_overloads(q)) continue;
      const auto refused = [&](std::string_view function, std::string_view reason) {
        diagnostic d;
        d.level = severity::error;
        d.location = q.source->location;
        d.message = fmt::format(
            "query {} has no RDS Data API form{}: PostgreSQL refused it: {}; leave data_api out "
            "of the target's transports, or change the query",
            q.source->name, function, reason);
        errors.push_back(std::move(d));
      };
      if (!q.source->data_api_error.empty()) refused("", q.source->data_api_error);
      // The `_json` twin's form is prepared at build time too; a cached IR without it is typed
      // again (the cache key's version), so an empty form here was refused.
      if (!q.names.json_function.empty() && q.source->data_api_json_sql.empty()) {
        refused(fmt::format(" for {}", q.names.json_function), q.source->data_api_json_error.empty()
                                                                   ? std::string("it was not built")
                                                                   : q.source->data_api_json_error);
      }
    }
  }
}

void write_data_api_forward_declaration(code_writer& w) {
  w.line("namespace soong::data_api {");
  w.line("class session;");
  w.line("}  // namespace soong::data_api");
}

void write_data_api_declarations(code_writer& w, const query_model& q, const file_model& file) {
  if (!has_data_api_overloads(q)) return;
  const std::string type = return_type(q);
  const std::string what =
      is_batch_with_rows(q)
          ? std::string(
                "Runs the statement once per item over the RDS Data API, one ExecuteStatement "
                "after another, all or none: in the session's transaction if it has one, else in "
                "one of its own. A failing item's error carries its batch_index()")
      : is_batch(q) ? std::string(
                          "Runs the statement once per item over the RDS Data API "
                          "(BatchExecute requests under 4 MiB), all or none: in the "
                          "session's transaction if it has one, else in one of its own")
                    : fmt::format(
                          "{} over the RDS Data API, in the session's transaction if it "
                          "has one",
                          result_description(q));
  write_doc_comment(w, function_doc(q, file, what));
  w.lines(format_call(
      fmt::format("{}{} {}", type == "void" ? "" : "[[nodiscard]] ", type, q.names.function),
      session_parameters(main_function_parameters(q)), ";"));
  if (!q.names.json_function.empty()) {
    w.blank();
    write_doc_comment(w, fmt::format("{} over the RDS Data API.", q.names.json_function));
    w.lines(
        format_call(fmt::format("[[nodiscard]] {} {}", json_result_type(q), q.names.json_function),
                    session_parameters(function_parameters(q)), ";"));
  }
}

void write_data_api_details(code_writer& w, const query_model& q) {
  if (!has_data_api_overloads(q)) return;
  w.linef("constexpr std::string_view {} =", sql_name(q));
  w.raw(raw_string_literal(q.source->data_api_sql));
  w.raw(";\n");
  if (!q.names.json_function.empty()) {
    w.linef("constexpr std::string_view {} =", json_sql_name(q));
    w.raw(raw_string_literal(q.source->data_api_json_sql));
    w.raw(";\n");
  }
  if (q.shape == row_shape::none) return;
  w.linef("{} {}(const nlohmann::json& record) {{", q.row_type, row_reader(q));
  w.indent();
  const auto value = [&](std::size_t c) {
    return fmt::format("soong::data_api::column_value<{}>(record, {}, {}, {})", q.columns[c].type,
                       c, wire_oid(q.source->columns[c].type), cpp_string_literal(q.source->name));
  };
  if (q.shape == row_shape::single_column) {
    w.linef("return {};", value(0));
  } else {
    w.line("return {");
    w.indent();
    for (std::size_t c = 0; c < q.columns.size(); ++c) {
      w.linef(".{} = {},", q.columns[c].name, value(c));
    }
    w.dedent();
    w.line("};");
  }
  w.dedent();
  w.line("}");
}

void write_data_api_definitions(code_writer& w, const query_model& q) {
  if (!has_data_api_overloads(q)) return;
  w.lines(format_call(fmt::format("{} {}", return_type(q), q.names.function),
                      session_parameters(main_function_parameters(q)), " {"));
  w.indent();
  if (is_batch(q) || is_batch_with_rows(q)) {
    if (is_batch(q)) {
      write_batch(w, q);
    } else {
      write_batch_with_rows(w, q);
    }
    w.dedent();
    w.line("}");
    return;
  }
  write_execute(w, q, sql_name(q));
  switch (q.source->cmd) {
    case command::one:
      w.line("const nlohmann::json& records = soong::data_api::records_of(answer);");
      write_missing_row_check(w, q, "records.empty()");
      w.linef("return detail::{}(records[0]);", row_reader(q));
      break;
    case command::many:
      w.line("const nlohmann::json& records = soong::data_api::records_of(answer);");
      w.linef("{} rows;", return_type(q));
      w.line("rows.reserve(records.size());");
      w.linef("for (const nlohmann::json& record : records) rows.push_back(detail::{}(record));",
              row_reader(q));
      w.line("return rows;");
      break;
    case command::execrows:
      w.line("return soong::data_api::records_updated(answer);");
      break;
    default:
      w.line("static_cast<void>(answer);");
      break;
  }
  w.dedent();
  w.line("}");
  if (q.names.json_function.empty()) return;
  w.blank();
  w.lines(format_call(fmt::format("{} {}", json_result_type(q), q.names.json_function),
                      session_parameters(function_parameters(q)), " {"));
  w.indent();
  write_execute(w, q, json_sql_name(q));
  w.line("const nlohmann::json& records = soong::data_api::records_of(answer);");
  if (q.source->cmd == command::one) {
    write_missing_row_check(w, q, "records.empty()");
  } else {
    w.line("if (records.empty()) return \"[]\";");
  }
  w.linef("return soong::data_api::text_value(records[0], 0, {});",
          cpp_string_literal(q.source->name));
  w.dedent();
  w.line("}");
}

}  // namespace soong::gen
