// Refinement by conditions: a row that passes `WHERE b.x = 1` (or an inner join's ON) has a
// non-NULL b.x, because comparison operators are strict and NULL is not true. If b was on the
// nullable side of an outer join, that row of b is real, so b's NOT NULL columns are too.

#include "nullability/analyzer.hpp"
#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

constexpr const char* refined_reason = "non-NULL in every row that passes the condition";

void prove_column_ref(const nlohmann::json& node, std::vector<range_entry>& entries) {
  const auto& ref = strip_casts(node);
  if (node_kind(ref) != "ColumnRef") return;
  const auto& fields = list_field(node_body(ref), "fields");
  if (fields.empty() || node_kind(fields.back()) != "String") return;
  const std::string qualifier = fields.size() >= 2 ? string_node(fields[fields.size() - 2]) : "";
  prove_non_null(entries, qualifier, string_node(fields.back()), refined_reason);
}

}  // namespace

void prove_non_null(std::vector<range_entry>& entries, const std::string& qualifier,
                    const std::string& name, const std::string& reason) {
  for (auto& entry : entries) {
    if (!qualifier.empty() && entry.alias != qualifier) continue;
    for (auto& column : entry.columns) {
      if (column.name != name) continue;
      if (entry.null_extended) {
        entry.null_extended = false;
        for (auto& other : entry.columns) other.value = other.base;
      }
      column.value = non_null(reason);
      column.base = column.value;
      return;
    }
    // Qualified: the alias is unique at this level, the column is not here (or unknown).
    if (!qualifier.empty()) return;
  }
}

void refine_with_condition(const nlohmann::json& condition, std::vector<range_entry>& entries,
                           const catalog_facts& catalog) {
  const std::string kind = node_kind(condition);
  const auto& body = node_body(condition);
  if (kind == "BoolExpr") {
    // Only AND: each conjunct holds on its own. OR and NOT prove nothing about one side.
    if (string_field(body, "boolop") != "AND_EXPR") return;
    for (const auto& arg : list_field(body, "args")) refine_with_condition(arg, entries, catalog);
    return;
  }
  if (kind == "NullTest") {
    if (string_field(body, "nulltesttype") == "IS_NOT_NULL") {
      prove_column_ref(field(body, "arg"), entries);
    }
    return;
  }
  if (kind == "ColumnRef") {  // `WHERE active`: the boolean column is true, so not NULL
    prove_column_ref(condition, entries);
    return;
  }
  if (kind != "A_Expr") return;
  const std::string expr_kind = string_field(body, "kind");
  const std::string op = last_name(field(body, "name"));
  if (expr_kind == "AEXPR_OP") {
    if (!is_comparison_operator(op) || catalog.nullable_operators.count(op) != 0) return;
    prove_column_ref(field(body, "lexpr"), entries);
    prove_column_ref(field(body, "rexpr"), entries);
    return;
  }
  // x LIKE p, x IN (...), x BETWEEN a AND b, x = ANY(...): true only for a non-NULL x.
  if (expr_kind == "AEXPR_LIKE" || expr_kind == "AEXPR_ILIKE" || expr_kind == "AEXPR_IN" ||
      expr_kind == "AEXPR_BETWEEN" || expr_kind == "AEXPR_NOT_BETWEEN" ||
      expr_kind == "AEXPR_BETWEEN_SYM" || expr_kind == "AEXPR_NOT_BETWEEN_SYM" ||
      expr_kind == "AEXPR_OP_ANY") {
    // Not AEXPR_OP_ALL: `x <> ALL('{}')` is true even for a NULL x.
    prove_column_ref(field(body, "lexpr"), entries);
  }
}

}  // namespace soong::gen::detail
