// Column names of unaliased target expressions, as PostgreSQL's FigureColname picks them
// (src/backend/parser/parse_target.c). They matter when a subquery's or CTE's columns are
// referenced by name from the outer query.

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"
#include "parse/ascii_case.hpp"

namespace soong::gen::detail {

std::string figure_column_name(const nlohmann::json& node) {
  const std::string kind = node_kind(node);
  const auto& body = node_body(node);
  if (kind == "ColumnRef") {
    const auto& fields = list_field(body, "fields");
    return fields.empty() ? "?column?" : string_node(fields.back());
  }
  if (kind == "FuncCall") return last_name(field(body, "funcname"));
  if (kind == "TypeCast") {
    std::string inner = figure_column_name(field(body, "arg"));
    if (inner != "?column?") return inner;
    return last_name(field(field(body, "typeName"), "names"));
  }
  if (kind == "CollateClause") return figure_column_name(field(body, "arg"));
  if (kind == "A_Indirection") {
    const auto& indirection = list_field(body, "indirection");
    for (auto it = indirection.rbegin(); it != indirection.rend(); ++it) {
      if (node_kind(*it) == "String") return string_node(*it);
    }
    return figure_column_name(field(body, "arg"));
  }
  if (kind == "CoalesceExpr") return "coalesce";
  if (kind == "CaseExpr") return "case";
  if (kind == "A_ArrayExpr") return "array";
  if (kind == "RowExpr") return "row";
  if (kind == "GroupingFunc") return "grouping";
  if (kind == "MinMaxExpr") {
    return string_field(body, "op") == "IS_GREATEST" ? "greatest" : "least";
  }
  if (kind == "A_Expr" && string_field(body, "kind") == "AEXPR_NULLIF") return "nullif";
  if (kind == "SubLink") {
    const std::string type = string_field(body, "subLinkType");
    if (type == "EXISTS_SUBLINK") return "exists";
    if (type == "ARRAY_SUBLINK") return "array";
    if (type == "EXPR_SUBLINK") {
      const auto& targets = list_field(node_body(field(body, "subselect")), "targetList");
      if (!targets.empty()) {
        const auto& target = node_body(targets.front());
        std::string name = string_field(target, "name");
        return name.empty() ? figure_column_name(field(target, "val")) : name;
      }
    }
  }
  if (kind == "SQLValueFunction") {
    std::string op = string_field(body, "op");  // SVFOP_CURRENT_DATE -> current_date
    if (op.starts_with("SVFOP_")) op = op.substr(6);
    if (op.ends_with("_N")) op = op.substr(0, op.size() - 2);
    return ascii_lower(op);
  }
  return "?column?";
}

}  // namespace soong::gen::detail
