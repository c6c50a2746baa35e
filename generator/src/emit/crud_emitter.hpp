#pragma once
// Prints `<table>.crud.hpp` and `<table>.crud.cpp`: the typed CRUD functions of one table
// (docs/crud.md) from its crud_table_model.

#include <string>
#include <vector>

#include "emit/crud_model.hpp"
#include "emit/emit_options.hpp"
#include "emit/model.hpp"

namespace soong::gen {

/// "users.crud": the path of the table's files without `.hpp`/`.cpp`.
[[nodiscard]] std::string crud_file_stem(const crud_table_model& t);

/// Every name the table's CRUD files declare in the generated namespace (functions, their
/// `_json` twins, the structs and aliases), so a hand-written query can be checked against them.
[[nodiscard]] std::vector<std::string> crud_namespace_names(const crud_table_model& t);

[[nodiscard]] std::string emit_crud_header(const emit_model& model, const crud_table_model& t,
                                           const emit_options& options);
[[nodiscard]] std::string emit_crud_source(const emit_model& model, const crud_table_model& t,
                                           const emit_options& options);

}  // namespace soong::gen
