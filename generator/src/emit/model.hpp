#pragma once
// What the emitters print, decided once: every C++ name (through the namer), every C++ type
// (through the type mapping), and each query's result shape. Emitters only format this data.

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "emit/emit_options.hpp"
#include "emit/namer.hpp"
#include "ir.hpp"

namespace soong::gen {

/// A struct member, function argument or result column.
struct field_model {
  std::string name;      // C++ identifier
  std::string sql_name;  // the name in SQL: the JSON key, and what errors mention
  std::string type;      // full C++ type, std::optional<...> included when nullable
  std::string type_ref;  // soong::type_ref initialiser of the wire type
  bool nullable = false;
  bool by_value = false;  // as a single argument: by value, else by const reference
  std::string doc{};      // COMMENT ON COLUMN of a table or composite field, else empty
};

struct enum_model {
  std::string name;  // C++ name, unqualified
  const enum_type* source = nullptr;
  std::vector<std::string> enumerators;  // parallel to source->labels
};

/// A table, view or composite type as a struct.
struct struct_model {
  std::string name;
  std::string sql_schema;
  std::string sql_name;
  std::string kind;  // "table", "view", "composite type": for the doc comment
  std::vector<field_model> fields;
  std::string doc{};  // COMMENT ON TABLE / TYPE, empty when none
};

/// How a query's rows are handed back.
enum class row_shape {
  none,           // no result columns (exec, execrows, execresult, copyfrom, batchexec)
  single_column,  // exactly one column: its value type
  table_struct,   // exactly a table's columns in order: the table's struct
  row_struct      // anything else: a generated `<query>_row`
};

/// A `sqlc.embed(table)` member of a row struct: columns [first_column, first_column +
/// column_count) decode into the table's struct (std::optional of it when `optional`).
struct embed_model {
  std::size_t first_column = 0;
  std::size_t column_count = 0;
  std::size_t table = 0;  // index into emit_model::tables
  bool optional = false;
};

struct query_model {
  const query* source = nullptr;
  query_names names;                 // every C++ name generated for the query (the namer's)
  std::string row_type;              // what one row is in C++: struct name or the column's type
  std::string copy_table;            // :copyfrom target, quoted SQL: "public"."activities"
  std::vector<field_model> params;   // in $n order; types in parameter form
  std::vector<field_model> columns;  // in result order; types in value form
  /// With `sqlc.embed`: the row struct's members (columns outside embeds, and one member per
  /// embed, in result order) and the embeds; both empty otherwise (the members are `columns`).
  std::vector<field_model> members;
  std::vector<embed_model> embeds;  // parallel to the embed members, in order
  row_shape shape = row_shape::none;
};

struct file_model {
  std::string source_path;           // query::location.file
  std::string relative_path;         // "activities/create.sql"
  std::vector<query_model> queries;  // in source order
  std::string prepare_function;      // prepare_all_activities_create
  std::string statements_function;   // activities_create_statements (namespace detail)
};

struct emit_model {
  std::vector<std::string> namespace_parts;  // {"cruddur", "db"}
  std::string qualifier;                     // "::cruddur::db"
  std::vector<enum_model> enums;
  std::vector<struct_model> composites;
  std::vector<struct_model> tables;  // tables and views
  std::vector<file_model> files;     // sorted by relative path
};

/// Builds the model; problems are appended to `errors` (the model is then incomplete).
[[nodiscard]] emit_model build_model(const ir& input, const emit_options& options,
                                     std::vector<diagnostic>& errors);

}  // namespace soong::gen
