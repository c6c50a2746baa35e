#pragma once
// Query results: the `<query>_row` struct (when the rows are not a table's struct or a single
// column) and the inline function decoding one row from a soong::result.

#include "emit/code_writer.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// The row struct (inside the generated namespace), if the query has one.
void write_row_struct(code_writer& w, const query_model& q);

/// The row struct's members: its columns, or with `sqlc.embed` the embedded tables' structs in
/// place of their columns (what its soong::struct_fields list names).
[[nodiscard]] const std::vector<field_model>& row_struct_members(const query_model& q);

/// `inline R read_<query>_row(const soong::result& r, int i)` (inside the detail namespace);
/// `model` gives the table structs `sqlc.embed` members decode into.
void write_row_reader(code_writer& w, const emit_model& model, const query_model& q);

}  // namespace soong::gen
