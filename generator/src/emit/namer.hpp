#pragma once
// All naming policy of the generated code lives here, so the emitters never invent a name
// themselves (they print the names of query_names and the model):
//
//  - C++ names are snake_case: `GetUser` → `get_user`, `HTTPStatus` → `http_status`, `userName`
//    → `user_name`; characters that cannot appear in an identifier become `_`, and a leading
//    digit gets a `_` prefix (`1st` → `_1st`).
//  - C++ keywords, alternative tokens (`and`, `not`) and the names the generated code itself
//    uses at namespace scope (`std`, `soong`, `detail`, ...) get a trailing `_`: `class` →
//    `class_`. Function arguments also avoid the generated functions' own locals (`conn`).
//  - Table and view structs are the singular of the table name, by simple English rules:
//    `-ies` → `-y` (activities → activity), `-sses`/`-xes`/`-ches`/`-shes` drop `-es`
//    (addresses → address, boxes → box), a final `-s` is dropped unless the word ends in
//    `-ss`, `-us` or `-is` (users → user, status stays); anything else stays (data, people).
//  - Types outside the `public` schema are prefixed with their schema: `audit.events` →
//    `audit_event`.
//  - Within one scope, a name already taken gets `_2`, `_3`, ... (name_scope).
//  - No name contains `__` or starts with `_` and a capital: C++ reserves such identifiers.
//    Names are joined with one `_` (naming::join), and a keyword's escape is dropped before a
//    suffix (`delete_` + `statement` → `delete_statement`, a taken `class_` → `class_2`).

#include <set>
#include <string>
#include <string_view>

namespace soong::gen {

/// Pure naming functions (no state).
namespace naming {

/// `GetUser` → `get_user`; never empty ("unnamed" when nothing usable is left).
[[nodiscard]] std::string snake_case(std::string_view name);
/// Whether `name` cannot be used as-is (C++ keyword, alternative token, or a name generated
/// code relies on).
[[nodiscard]] bool is_reserved(std::string_view name);
/// `name` with a trailing `_` when is_reserved(name).
[[nodiscard]] std::string escape_reserved(std::string name);
/// snake_case + escape_reserved: a safe identifier for any SQL or annotation name.
[[nodiscard]] std::string identifier(std::string_view name);
/// The singular of an English plural, by the rules in this header's comment.
[[nodiscard]] std::string singular(std::string_view plural);
/// `a` and `b` joined by exactly one `_` (`delete_` + `row` → `delete_row`, `audit` + `_1st` →
/// `audit_1st`): an identifier part never doubles the separator.
[[nodiscard]] std::string join(std::string_view a, std::string_view b);
/// The C++ name of a user type or table struct: snake_case, schema-prefixed outside `public`,
/// keyword-escaped (`audit.events` → `audit_events`).
[[nodiscard]] std::string type_name(std::string_view schema, std::string_view name);
/// The identifier of a query file from its path below the queries folder: `.sql` dropped, every
/// other character than a letter or digit an `_`, lower case, no doubled or edge `_`
/// (`activities/user-feed.sql` → `activities_user_feed`): names the file's prepare_all_<id> and
/// its statement list.
[[nodiscard]] std::string file_identifier(std::string_view relative_path);
/// The base name of a query parameter: its own name, or `p<number>` when it has none.
[[nodiscard]] std::string parameter(std::string_view name, int number);

}  // namespace naming

/// A set of names in one C++ scope; hands out unique names, deterministically in call order.
class name_scope {
 public:
  /// `base` if free, else `base_2`, `base_3`, ...; the returned name is then taken.
  [[nodiscard]] std::string claim(std::string_view base);
  /// Marks a name as taken without claiming it (e.g. names the generated code uses itself).
  void reserve(std::string_view name) { taken_.emplace(name); }
  [[nodiscard]] bool contains(std::string_view name) const {
    return taken_.find(std::string(name)) != taken_.end();
  }

 private:
  std::set<std::string> taken_;
};

/// Which optional names a query needs (decided by its command, parameters and row shape).
struct query_name_needs {
  bool json_variant = false;   // :one and :many also get a `_json` function
  bool params_struct = false;  // more than one parameter
  bool row_struct = false;     // rows that are neither one column nor a table's struct
  /// A batch or COPY query with one parameter: that parameter's C++ name, which also names
  /// the span of items (`std::span<const std::int64_t> id`); empty otherwise.
  std::string_view single_item_parameter{};
};

/// Every C++ name generated for one query. Namespace-scope names are claimed in the
/// namespace's name_scope; `detail` names are built from the function's name, so they are
/// unique whenever the function names are. Optional names are empty when not needed.
struct query_names {
  // Namespace scope.
  std::string function;       // get_user
  std::string json_function;  // get_user_json
  std::string params_struct;  // get_user_params
  std::string row_struct;     // get_user_row
  // Arguments.
  /// The span argument of a batch or COPY function: `items`, or the single parameter's name
  /// (query_name_needs::single_item_parameter) unless a local of the batch bodies has it.
  std::string items = "items";
  // The `detail` namespace.
  std::string statement;          // get_user_statement: the soong::statement descriptor
  std::string json_statement;     // get_user_json_statement
  std::string read_row;           // read_get_user_row: decodes one row
  std::string param_types;        // get_user_param_types: soong::type_ref of each parameter
  std::string column_types;       // get_user_column_types: soong::type_ref of each column
  std::string json_column_types;  // get_user_json_column_types
  std::string copy_statement;     // get_user_copy: the soong::copy_statement of :copyfrom
  std::string copy_columns;       // get_user_copy_columns: its column names
};

/// Claims and derives the names of query `query_name` (its annotation name, e.g. `GetUser`).
/// Claims happen in a fixed order (function, JSON function, params struct, row struct), so the
/// output is deterministic in call order.
[[nodiscard]] query_names name_query(name_scope& namespace_scope, std::string_view query_name,
                                     const query_name_needs& needs);

}  // namespace soong::gen
