#include "emit/result_row.hpp"

#include <fmt/format.h>

#include "emit/file_layout.hpp"

namespace soong::gen {

bool row_may_be_missing(const query_model& q) { return !q.source->exactly_one_row; }

std::string one_row_type(const query_model& q) {
  return row_may_be_missing(q) ? fmt::format("std::optional<{}>", q.row_type) : q.row_type;
}

std::string json_result_type(const query_model& q) {
  return q.source->cmd == command::one && row_may_be_missing(q) ? "std::optional<std::string>"
                                                                : "std::string";
}

std::string result_description(const query_model& q) {
  if (!row_may_be_missing(q)) {
    if (q.source->cmd == command::one) return "The row: the statement always yields exactly one";
    if (q.source->cmd == command::batchone) {
      return "Runs the query once per item, in one round trip; per item its row (the statement "
             "always yields exactly one)";
    }
  }
  return std::string(info(q.source->cmd).description);
}

void write_missing_row_check(code_writer& w, const query_model& q, std::string_view no_row,
                             std::string_view when_missing) {
  if (row_may_be_missing(q)) {
    w.linef("if ({}) {}", no_row, when_missing);
    return;
  }
  const std::string message =
      fmt::format("{}: no row, though the statement always yields exactly one", q.source->name);
  w.linef("if ({}) throw soong::error({});", no_row, cpp_string_literal(message));
}

}  // namespace soong::gen
