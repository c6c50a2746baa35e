#pragma once
// `soong crud --emit-sql`: the fixed-shape CRUD statements of one table as an annotated query
// file, so a user can take a function over and edit its SQL. Generated from that file, the
// reads keep their calls: get_T, get_T_by_<key> and delete_T take the same arguments (a key
// value, or a struct with the key's fields) and return std::optional of the table's struct.

#include <string>

#include "emit/crud_model.hpp"

namespace soong::gen {

/// The annotated `.sql` text for `t` (get, get_by_<unique key>, exists, delete, insert of
/// every writable column, update of every updatable column).
[[nodiscard]] std::string emit_crud_query_file(const crud_table_model& t);

}  // namespace soong::gen
