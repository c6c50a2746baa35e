// Expressions: column references, literals, parameters, operators, CASE, COALESCE, sublinks.
// Function calls, aggregates and window functions are in function_call_nullability.cpp.

#include "nullability/analyzer.hpp"
#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {

verdict analyzer::all_non_null(const nlohmann::json& nodes, const expr_context& ctx,
                               const std::string& reason_if_non_null) {
  for (const auto& node : nodes) {
    verdict v = expression(node, ctx);
    if (v.nullable) return v;
  }
  return non_null(reason_if_non_null);
}

verdict analyzer::expression(const nlohmann::json& node, const expr_context& ctx) {
  const std::string kind = node_kind(node);
  const auto& body = node_body(node);
  if (kind == "ColumnRef") return column_ref(body, ctx);
  if (kind == "A_Const") {
    return bool_field(body, "isnull") ? maybe_null("NULL literal") : non_null("literal");
  }
  if (kind == "ParamRef") {
    const int number = field(body, "number").is_number() ? field(body, "number").get<int>() : 0;
    const auto index = static_cast<std::size_t>(number - 1);
    if (number >= 1 && index < param_nullable_.size() && !param_nullable_[index]) {
      return non_null("non-null parameter $" + std::to_string(number));
    }
    return maybe_null("nullable parameter $" + std::to_string(number));
  }
  if (kind == "NamedArgExpr") {
    // `make_interval(secs => $1)`: the named argument is analysed like a positional one.
    return expression(field(body, "arg"), ctx);
  }
  if (kind == "TypeCast" || kind == "CollateClause") {
    // A cast of NULL is NULL, and of a value is a value (or an error).
    return expression(field(body, "arg"), ctx);
  }
  if (kind == "A_Expr") return operator_expression(body, ctx);
  if (kind == "BoolExpr") {
    return all_non_null(list_field(body, "args"), ctx, "boolean expression over non-null operands");
  }
  if (kind == "NullTest") return non_null("IS [NOT] NULL is never NULL");
  if (kind == "BooleanTest") return non_null("IS [NOT] TRUE/FALSE/UNKNOWN is never NULL");
  if (kind == "CoalesceExpr" || kind == "MinMaxExpr") {
    // COALESCE takes the first non-NULL argument; GREATEST and LEAST ignore NULLs (9.18).
    const std::string what = kind == "CoalesceExpr" ? "coalesce" : "greatest/least";
    for (const auto& arg : list_field(body, "args")) {
      if (!expression(arg, ctx).nullable) return non_null(what + " with a non-null argument");
    }
    return maybe_null(what + " with only nullable arguments");
  }
  if (kind == "CaseExpr") {
    if (field(body, "defresult").empty()) return maybe_null("CASE without ELSE");
    for (const auto& when : list_field(body, "args")) {
      verdict v = expression(field(node_body(when), "result"), ctx);
      if (v.nullable) return maybe_null("CASE branch: " + v.reason);
    }
    verdict v = expression(field(body, "defresult"), ctx);
    if (v.nullable) return maybe_null("CASE ELSE: " + v.reason);
    return non_null("CASE with non-null branches and ELSE");
  }
  if (kind == "SubLink") return sublink(body, ctx);
  if (kind == "FuncCall") return function_call(body, ctx);
  if (kind == "SQLValueFunction") {
    // current_schema is NULL when no schema on the search_path exists (9.26).
    if (string_field(body, "op") == "SVFOP_CURRENT_SCHEMA") return maybe_null("current_schema");
    return non_null("SQL value function");
  }
  if (kind == "A_ArrayExpr") return non_null("ARRAY[...] constructor");
  if (kind == "RowExpr") return non_null("ROW(...) constructor");
  if (kind == "GroupingFunc") return non_null("GROUPING() is never NULL");
  if (kind == "A_Indirection") return maybe_null("subscript or field selection may be NULL");
  return maybe_null("expression not analysed (" + (kind.empty() ? "unknown" : kind) + ")");
}

verdict analyzer::column_ref(const nlohmann::json& body, const expr_context& ctx) {
  const auto& fields = list_field(body, "fields");
  if (fields.empty() || node_kind(fields.back()) != "String") {
    return maybe_null("unsupported column reference");
  }
  if (ctx.grouping_sets && !ctx.in_aggregate) {
    return maybe_null("grouping sets produce NULL for ungrouped columns");
  }
  const std::string name = string_node(fields.back());
  const std::string qualifier = fields.size() >= 2 ? string_node(fields[fields.size() - 2]) : "";
  resolved_column resolved = resolve_column(*ctx.names, qualifier, name);
  if (resolved.column != nullptr) return resolved.column->value;
  if (qualifier.empty()) {
    // A bare relation name is a whole-row reference: NULL only for an outer join's extension.
    // For a function in FROM the bare alias is the function's value, not a row: unknown.
    const range_entry* entry = find_entry(*ctx.names, name);
    if (entry != nullptr && entry->columns_known) {
      if (!entry->null_extended) return non_null("whole-row reference");
      return maybe_null("whole-row reference on the nullable side of an outer join");
    }
  }
  return maybe_null("column " + (qualifier.empty() ? name : qualifier + "." + name) +
                    " not resolved");
}

verdict analyzer::operator_expression(const nlohmann::json& body, const expr_context& ctx) {
  const std::string kind = string_field(body, "kind");
  const std::string op = last_name(field(body, "name"));
  const auto& lexpr = field(body, "lexpr");
  const auto& rexpr = field(body, "rexpr");
  // Operands: lexpr (absent for prefix operators) and rexpr, which is a List for IN/BETWEEN.
  nlohmann::json operands = nlohmann::json::array();
  if (!lexpr.empty()) operands.push_back(lexpr);
  if (node_kind(rexpr) == "List") {
    for (const auto& item : list_field(node_body(rexpr), "items")) operands.push_back(item);
  } else if (!rexpr.empty()) {
    operands.push_back(rexpr);
  }

  if (kind == "AEXPR_DISTINCT" || kind == "AEXPR_NOT_DISTINCT") {
    return non_null("IS [NOT] DISTINCT FROM is never NULL");
  }
  if (kind == "AEXPR_NULLIF") return maybe_null("NULLIF may return NULL");
  if (kind == "AEXPR_OP_ANY" || kind == "AEXPR_OP_ALL") {
    // `x = ANY(arr)` is NULL when no element matches and one is NULL; only a literal ARRAY[]
    // of non-null elements is known to have none.
    if (node_kind(rexpr) != "A_ArrayExpr") return maybe_null("ANY/ALL over an array");
    nlohmann::json all = list_field(node_body(rexpr), "elements");
    all.push_back(lexpr);
    return all_non_null(all, ctx, "ANY/ALL over non-null operands");
  }
  if (kind == "AEXPR_OP") {
    if (operator_may_return_null(op) || catalog_.nullable_operators.count(op) != 0) {
      return maybe_null("operator " + op + " may return NULL");
    }
    return all_non_null(operands, ctx, "operator " + op + " over non-null operands");
  }
  if (kind == "AEXPR_IN" || kind == "AEXPR_LIKE" || kind == "AEXPR_ILIKE" ||
      kind == "AEXPR_SIMILAR" || kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN" ||
      kind == "AEXPR_BETWEEN_SYM" || kind == "AEXPR_NOT_BETWEEN_SYM") {
    return all_non_null(operands, ctx, "comparison over non-null operands");
  }
  return maybe_null("operator expression not analysed");
}

verdict analyzer::sublink(const nlohmann::json& body, const expr_context& ctx) {
  const std::string type = string_field(body, "subLinkType");
  if (type == "EXISTS_SUBLINK") return non_null("EXISTS is never NULL");
  if (type == "ARRAY_SUBLINK") return non_null("ARRAY(subquery) is empty, not NULL, without rows");
  if (type == "ANY_SUBLINK" || type == "ALL_SUBLINK") {
    // `x IN (SELECT y ...)` is NULL only if x is NULL or no y matches and some y is NULL.
    if (expression(field(body, "testexpr"), ctx).nullable) {
      return maybe_null("IN/ANY/ALL subquery with a nullable operand");
    }
    relation_shape shape = statement(field(body, "subselect"), ctx.names, ctx.ctes);
    for (const auto& column : shape) {
      if (column.unknown_width || column.value.nullable) {
        return maybe_null("IN/ANY/ALL subquery with a nullable column");
      }
    }
    return non_null("IN/ANY/ALL subquery over non-null values");
  }
  if (type == "EXPR_SUBLINK" &&
      single_row_subquery(field(body, "subselect"), ctx.names, ctx.ctes)) {
    relation_shape shape = statement(field(body, "subselect"), ctx.names, ctx.ctes);
    if (shape.size() == 1 && !shape.front().unknown_width) {
      verdict v = shape.front().value;
      v.reason = "single-row scalar subquery: " + v.reason;
      return v;
    }
  }
  return maybe_null("scalar subquery may return no row");
}

}  // namespace soong::gen::detail
