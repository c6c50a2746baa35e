#pragma once
// Private to the CRUD emitter: the C++ names of one table's CRUD code and the small helpers
// both the header (crud_header_emitter.cpp) and the source (crud_source_emitter.cpp) use.

#include <string>
#include <vector>

#include "emit/crud_emitter.hpp"
#include "emit/emit_options.hpp"

namespace soong::gen {

/// The C++ names of one table's CRUD code.
struct crud_names {
  std::string row, key, new_row, patch, filter, page;
  std::string get, exists, insert, insert_many, update, upsert, remove, select;
  // detail
  std::string table, columns, sql_types, key_indexes, types, array_types, row_types, upsert_types,
      key_types, exists_types, get_statement, exists_statement, delete_statement, read_row;

  explicit crud_names(const crud_table_model& t) {
    const std::string& p = t.prefix;
    row = p + "_row";
    key = p + "_key";
    new_row = p + "_new";
    patch = p + "_patch";
    filter = p + "_filter";
    page = "soong::page<" + key + ">";
    get = "get_" + p;
    exists = "exists_" + p;
    insert = "insert_" + p;
    insert_many = "insert_" + p + "_many";
    update = "update_" + p;
    upsert = "upsert_" + p;
    remove = "delete_" + p;
    select = "select_" + p;
    table = p + "_crud_table";
    columns = p + "_crud_columns";
    sql_types = p + "_crud_sql_types";
    key_indexes = p + "_crud_key";
    types = p + "_crud_types";
    array_types = p + "_crud_array_types";
    row_types = p + "_crud_row_types";
    upsert_types = p + "_crud_upsert_types";
    key_types = p + "_crud_key_types";
    exists_types = p + "_crud_exists_types";
    get_statement = get + "_statement";
    exists_statement = exists + "_statement";
    delete_statement = remove + "_statement";
    read_row = "read_" + p + "_row";
  }
};

/// The banner's "generated from" text.
[[nodiscard]] std::string banner_source(const crud_table_model& t, const emit_options& options);
/// The key's parameters of a generated function, e.g. `std::string_view handle`.
[[nodiscard]] std::vector<std::string> key_parameters(const crud_table_model& t,
                                                      const crud_key_model& k);
/// The primary key's arguments when one function calls another.
[[nodiscard]] std::vector<std::string> key_arguments(const crud_table_model& t);
/// Whether the table has a column an update can set (besides the version column).
[[nodiscard]] bool has_patch(const crud_table_model& t);

}  // namespace soong::gen
