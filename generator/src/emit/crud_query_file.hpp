#pragma once
// `soong crud --emit-sql`: the fixed-shape CRUD statements of one table as an annotated query
// file, so a user can take a function over and edit its SQL. Generated from that file, the
// reads keep their calls: get_T and delete_T take the same arguments (a key value, or a struct
// with the key's fields) and return std::optional of the table's struct; so does get_T_by_<key>
// for a one-column key. A query takes a struct of its parameters when it has several, so
// get_T_by_<key> over several columns takes one (fields in table order) where the built-in
// function takes one argument per column.

#include <string>

#include "emit/crud_model.hpp"

namespace soong::gen {

/// The annotated `.sql` text for `t` (get, get_by_<unique key>, exists, delete, insert of
/// every writable column, update of every updatable column).
[[nodiscard]] std::string emit_crud_query_file(const crud_table_model& t);

}  // namespace soong::gen
