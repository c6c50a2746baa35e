#pragma once
// `soong crud --emit-sql TABLE`: the fixed-shape CRUD statements of tables as an annotated
// query file (emit/crud_query_file.hpp).

#include <string>
#include <vector>

#include "driver/commands.hpp"

namespace soong::gen {

/// Writes the query file of each table in `tables` (concatenated) to `out_file`, or to stdout
/// when it is empty. Exit code as for the other commands.
int run_crud_emit_sql(const input_options& in, const std::vector<std::string>& tables,
                      const std::string& out_file);

}  // namespace soong::gen
