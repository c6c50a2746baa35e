// Functions in FROM. Two builtin set-returning functions have a known shape: generate_series
// yields one column that is never NULL (it is strict, so NULL bounds give no rows at all), and
// unnest of arrays of scalar type yields one column per array, NULL for NULL elements. Every
// other function (composite results, json_to_recordset, ROWS FROM of several functions, which
// pads the shorter ones with NULL) has nullable columns and a width we do not know. The
// WITH ORDINALITY counter is never NULL: it numbers the rows the function produced.

#include <algorithm>
#include <array>

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// Builtin scalar types: an array of one of them unnests to exactly one column. (An array of
// a composite type unnests to one column per field.)
bool is_scalar_type_name(const std::string& name) {
  static constexpr std::array<std::string_view, 18> names{
      "int2", "int4", "int8", "float4",    "float8",      "numeric",  "text",  "varchar", "bpchar",
      "bool", "uuid", "date", "timestamp", "timestamptz", "interval", "bytea", "jsonb",   "json"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

// `$1::int[]`, `col::text[]`, or an ARRAY[...] of literals.
bool is_scalar_array(const nlohmann::json& arg) {
  const auto& body = node_body(arg);
  if (node_kind(arg) == "TypeCast") {
    const auto& type = field(body, "typeName");
    return !list_field(type, "arrayBounds").empty() &&
           is_scalar_type_name(last_name(field(type, "names")));
  }
  if (node_kind(arg) == "A_ArrayExpr") {
    const auto& elements = list_field(body, "elements");
    return !elements.empty() && std::all_of(elements.begin(), elements.end(), [](const auto& e) {
      return node_kind(e) == "A_Const";
    });
  }
  return false;
}

}  // namespace

range_entry analyzer::function_entry(const nlohmann::json& body) {
  const auto& alias = field(body, "alias");
  const auto& colnames = list_field(alias, "colnames");
  const auto& functions = list_field(body, "functions");
  const bool ordinality = bool_field(body, "ordinality");

  // Each item of `functions` is a List of the call and its column definition list.
  const nlohmann::json* call = nullptr;
  bool has_column_definitions = !list_field(body, "coldeflist").empty();
  if (!functions.empty()) {
    const auto& items = list_field(node_body(functions.front()), "items");
    if (!items.empty() && node_kind(items.front()) == "FuncCall") call = &node_body(items.front());
    if (items.size() > 1 && !list_field(node_body(items[1]), "items").empty()) {
      has_column_definitions = true;
    }
  }
  const std::string function_name = call != nullptr ? last_name(field(*call, "funcname")) : "";

  range_entry entry;
  entry.alias = string_field(alias, "aliasname");
  if (entry.alias.empty()) entry.alias = function_name;

  // The value columns, when the function's shape is known.
  std::vector<verdict> values;
  const function_fact* fact = catalog_.find_function(function_name);
  const bool builtin = fact != nullptr && !fact->user_defined && fact->strict;
  if (functions.size() == 1 && call != nullptr && builtin && !has_column_definitions) {
    const auto& args = list_field(*call, "args");
    if (function_name == "generate_series") {
      values.push_back(non_null("generate_series never yields NULL"));
    } else if (function_name == "unnest" && !args.empty() &&
               std::all_of(args.begin(), args.end(), is_scalar_array)) {
      for (std::size_t i = 0; i < args.size(); ++i) {
        values.push_back(maybe_null("unnest yields NULL for NULL elements"));
      }
    }
  }

  if (values.empty()) {
    const std::string reason = "column of a function in FROM";
    for (const auto& name : colnames) {
      entry.columns.push_back({string_node(name), maybe_null(reason), maybe_null(reason)});
    }
    if (entry.columns.empty()) {
      for (const auto& def : list_field(body, "coldeflist")) {
        const std::string name = string_field(node_body(def), "colname");
        entry.columns.push_back({name, maybe_null(reason), maybe_null(reason)});
      }
    }
    entry.columns_known = false;
    // Without column aliases the counter is named "ordinality" whatever the width; a function
    // column of that name would make every reference to it ambiguous, which PostgreSQL rejects.
    if (ordinality && colnames.empty()) {
      const verdict counter = non_null("WITH ORDINALITY counter");
      entry.columns.push_back({"ordinality", counter, counter});
    }
    return entry;
  }

  // A single scalar column takes the table alias as its name (7.2.1.4); the columns of a
  // multi-array unnest are each named after the function.
  const std::string value_name = values.size() == 1 ? entry.alias : function_name;
  for (const auto& v : values) entry.columns.push_back({value_name, v, v});
  if (ordinality) {
    const verdict counter = non_null("WITH ORDINALITY counter");
    entry.columns.push_back({"ordinality", counter, counter});
  }
  std::size_t i = 0;
  for (const auto& name : colnames) {
    if (i >= entry.columns.size()) break;
    entry.columns[i++].name = string_node(name);
  }
  return entry;
}

}  // namespace soong::gen::detail
