#pragma once
// The result of a `:one` or `:batchone` query: its row, or std::optional of it unless the
// statement is proven to yield exactly one row (query::exactly_one_row). One place decides, so
// the connection, cluster, Data API, batch and `_json` forms agree.

#include <string>
#include <string_view>

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// Whether a `:one`/`:batchone` result may lack its row (then it is std::optional).
[[nodiscard]] bool row_may_be_missing(const query_model& q);

/// One row's result type: the row type, or std::optional of it when it may be missing.
[[nodiscard]] std::string one_row_type(const query_model& q);

/// What the `_json` twin returns: the JSON text, std::optional of it for a `:one` row that may
/// be missing.
[[nodiscard]] std::string json_result_type(const query_model& q);

/// The first sentence of the function's doc comment: the command's, or for a proven row what
/// the caller gets instead of an optional.
[[nodiscard]] std::string result_description(const query_model& q);

/// `if (<no_row>) <when_missing>` (by default `return std::nullopt;`) when the row may be
/// missing; when it is proven, `if (<no_row>) throw soong::error(...)` naming the query (the
/// database then differs from the schema the code was generated for, e.g. a trigger that skips
/// the insert).
void write_missing_row_check(code_writer& w, const query_model& q, std::string_view no_row,
                             std::string_view when_missing = "return std::nullopt;");

}  // namespace soong::gen
