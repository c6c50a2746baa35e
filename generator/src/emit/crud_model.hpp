#pragma once
// What the CRUD emitter prints for one table (docs/crud.md), decided once: names, which columns
// each generated struct has and in which form, the quoted SQL identifiers, and which functions
// exist (a table without a primary key has no get/update/delete/exists; a view only select).

#include <cstdint>
#include <string>
#include <vector>

#include "emit/model.hpp"
#include "ir.hpp"

namespace soong::gen {

/// How a column appears in `T_new`.
enum class new_field_kind {
  absent,    // IDENTITY ALWAYS or GENERATED ... STORED: cannot be written
  required,  // NOT NULL without default: a plain field
  nullable,  // nullable without default: std::optional (nullopt writes NULL)
  defaulted  // a default or IDENTITY BY DEFAULT: soong::defaulted<V>
};

struct crud_column_model {
  std::size_t index = 0;       // position in the table (and in the row struct)
  std::string field;           // C++ member name in the row struct and the CRUD structs
  std::string sql_name;        // as in the catalog
  std::string quoted;          // as the SQL spells it
  std::string sql_type;        // format_type: for array casts
  std::string value_type;      // the row field's type (std::optional<...> when nullable)
  std::string element_type;    // value_type without std::optional
  std::string type_ref;        // soong::type_ref of the column
  std::string array_type_ref;  // soong::type_ref of its array type
  bool nullable = false;
  bool in_key = false;
  bool filterable = true;  // has `=` (json has none)
  new_field_kind new_kind = new_field_kind::required;
  /// In `T_patch`: writable and not part of the primary key.
  [[nodiscard]] bool patchable() const { return new_kind != new_field_kind::absent && !in_key; }
};

/// A unique key or foreign key as the emitter names it.
struct crud_key_model {
  std::string suffix;                // "handle", "user_uuid": joins column names
  std::vector<std::size_t> columns;  // indexes into crud_table_model::columns
};

struct crud_table_model {
  std::string sql_schema;
  std::string sql_name;
  std::string display;     // "public.users"
  std::string relation;    // quoted: public.users
  std::string file_stem;   // "users" (outside public: "audit.events")
  std::string prefix;      // "users": get_users, users_new, ...
  std::string row_struct;  // the schema.hpp struct: "user"
  /// The table's part of the target's prepare_all: "prepare_all_users_crud", and the list of
  /// its fixed statements in namespace detail, "users_crud_statements".
  std::string prepare_function;
  std::string statements_function;
  bool is_view = false;
  std::vector<crud_column_model> columns;
  std::vector<std::size_t> key;  // primary key column indexes; empty: none
  std::vector<crud_key_model> unique_keys;
  std::vector<crud_key_model> foreign_keys;
  int version_column = -1;  // optimistic locking column index, or -1

  [[nodiscard]] bool has_key() const { return !key.empty() && !is_view; }
  [[nodiscard]] bool writable() const { return !is_view; }
  /// `T_key` is a struct (composite key) rather than an alias of the one column's type.
  [[nodiscard]] bool composite_key() const { return key.size() > 1; }
};

/// Builds the model of `request`'s table. `model` is the emit model of the same IR (the table's
/// struct and its field types come from there).
[[nodiscard]] crud_table_model build_crud_model(const ir& input, const emit_model& model,
                                                const crud_request& request);

/// One statement the CRUD functions can send, as the build checks it on the oracle.
struct crud_check_statement {
  std::string function;  // "update_users"
  std::string sql;
};

/// Every statement the generated functions of `t` can send that can be written down ahead:
/// the fixed ones, and for each varying statement the shape with all columns and each shape
/// with a single column.
[[nodiscard]] std::vector<crud_check_statement> crud_statements_to_check(const crud_table_model& t);

}  // namespace soong::gen
