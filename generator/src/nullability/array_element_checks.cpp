#include "nullability/array_element_checks.hpp"

#include <nlohmann/json.hpp>

#include "nullability/json_node.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {
namespace {

using detail::field;
using detail::last_name;
using detail::list_field;
using detail::node_body;
using detail::node_kind;
using detail::string_field;
using detail::string_node;
using detail::strip_casts;

// The name of an unqualified column reference, else "".
std::string column_name(const nlohmann::json& node) {
  const nlohmann::json& n = strip_casts(node);
  if (node_kind(n) != "ColumnRef") return {};
  const nlohmann::json& fields = list_field(node_body(n), "fields");
  return fields.size() == 1 ? string_node(fields.front()) : std::string{};
}

bool is_null_literal(const nlohmann::json& node) {
  const nlohmann::json& n = strip_casts(node);
  return node_kind(n) == "A_Const" && detail::bool_field(node_body(n), "isnull");
}

// A call of the built-in function `name` (pg_catalog's, unless the schema shadows the name).
const nlohmann::json* builtin_call(const nlohmann::json& node, std::string_view name,
                                   std::size_t arguments, const catalog_facts& facts) {
  const nlohmann::json& n = strip_casts(node);
  if (node_kind(n) != "FuncCall") return nullptr;
  const nlohmann::json& call = node_body(n);
  const nlohmann::json& names = list_field(call, "funcname");
  if (last_name(names) != name) return nullptr;
  if (names.size() == 2 && string_node(names.front()) != "pg_catalog") return nullptr;
  if (names.size() > 2) return nullptr;
  if (const auto it = facts.functions.find(name); it != facts.functions.end()) {
    if (it->second.user_defined) return nullptr;
  }
  if (list_field(call, "args").size() != arguments) return nullptr;
  return &call;
}

// `array_remove(col, NULL)`: the column, else "".
std::string array_remove_of(const nlohmann::json& node, const catalog_facts& facts) {
  const nlohmann::json* call = builtin_call(node, "array_remove", 2, facts);
  if (call == nullptr) return {};
  const nlohmann::json& args = list_field(*call, "args");
  return is_null_literal(args[1]) ? column_name(args[0]) : std::string{};
}

// `cardinality(x)`: x, else null.
const nlohmann::json* cardinality_of(const nlohmann::json& node, const catalog_facts& facts) {
  const nlohmann::json* call = builtin_call(node, "cardinality", 1, facts);
  return call == nullptr ? nullptr : &list_field(*call, "args").front();
}

// `array_position(col, NULL) IS NULL`.
std::string from_null_test(const nlohmann::json& test, const catalog_facts& facts) {
  if (string_field(test, "nulltesttype") != "IS_NULL") return {};
  const nlohmann::json* call = builtin_call(field(test, "arg"), "array_position", 2, facts);
  if (call == nullptr) return {};
  const nlohmann::json& args = list_field(*call, "args");
  return is_null_literal(args[1]) ? column_name(args[0]) : std::string{};
}

// `col = array_remove(col, NULL)` or `cardinality(array_remove(col, NULL)) = cardinality(col)`,
// either way round.
std::string from_equality(const nlohmann::json& expr, const catalog_facts& facts) {
  if (string_field(expr, "kind") != "AEXPR_OP") return {};
  const nlohmann::json& names = list_field(expr, "name");
  if (names.size() != 1 || string_node(names.front()) != "=") return {};
  const nlohmann::json& left = field(expr, "lexpr");
  const nlohmann::json& right = field(expr, "rexpr");
  for (const auto& [a, b] : {std::pair{&left, &right}, std::pair{&right, &left}}) {
    const std::string removed = array_remove_of(*a, facts);
    if (!removed.empty() && removed == column_name(*b)) return removed;
    const nlohmann::json* counted_removal = cardinality_of(*a, facts);
    const nlohmann::json* counted_column = cardinality_of(*b, facts);
    if (counted_removal != nullptr && counted_column != nullptr) {
      const std::string inner = array_remove_of(*counted_removal, facts);
      if (!inner.empty() && inner == column_name(*counted_column)) return inner;
    }
  }
  return {};
}

void collect(const nlohmann::json& node, const catalog_facts& facts, std::set<std::string>& out) {
  const std::string kind = node_kind(node);
  const nlohmann::json& body = node_body(node);
  if (kind == "BoolExpr") {
    // Every conjunct of a passing CHECK holds (or is NULL, which none of the forms can be).
    if (string_field(body, "boolop") != "AND_EXPR") return;
    for (const auto& arg : list_field(body, "args")) collect(arg, facts, out);
    return;
  }
  std::string column;
  if (kind == "NullTest") column = from_null_test(body, facts);
  if (kind == "A_Expr") column = from_equality(body, facts);
  if (!column.empty()) out.insert(column);
}

}  // namespace

std::set<std::string> columns_without_null_elements(std::string_view check_expression,
                                                    const catalog_facts& facts) {
  std::set<std::string> out;
  const auto parsed = parse_sql_to_json("SELECT " + std::string(check_expression));
  if (parsed.error) return out;
  const nlohmann::json& statements = list_field(parsed.tree, "stmts");
  if (statements.size() != 1) return out;
  const nlohmann::json& select = field(field(statements.front(), "stmt"), "SelectStmt");
  const nlohmann::json& targets = list_field(select, "targetList");
  if (targets.size() != 1) return out;
  collect(field(node_body(targets.front()), "val"), facts, out);
  return out;
}

}  // namespace soong::gen

namespace soong::gen {

bool array_elements_nullable(const column& c, const catalog_facts& facts,
                             bool overridden_not_null) {
  const bool is_array = c.type.array_dims > 0 || c.type.domain_base_array_dims > 0;
  if (!is_array) return true;
  if (overridden_not_null) return false;
  if (!c.origin) return true;
  for (const relation_fact& relation : facts.relations) {
    if (relation.schema != c.origin->schema || relation.name != c.origin->table) continue;
    for (const column_fact& column : relation.columns) {
      if (column.name == c.origin->column) return !column.elements_not_null;
    }
  }
  return true;
}

}  // namespace soong::gen
