// Under ROLLUP, CUBE and GROUPING SETS, the super-aggregate rows hold NULL in place of every
// grouping expression they do not group by, whatever the expression: `coalesce(bio, 'x')` or
// `(reply_to IS NOT NULL)` can never be NULL row by row, yet it is NULL in a subtotal row. So
// a select-list expression that reads a row value outside an aggregate may be NULL. Aggregates
// are computed over the group and are judged by their own rules; a subquery sees the grouped
// columns already made nullable (statement_analyzer.cpp).

#include "nullability/analyzer.hpp"
#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {

bool reads_row_values_outside_aggregates(const nlohmann::json& node, const catalog_facts& catalog) {
  if (node.is_array()) {
    for (const auto& child : node) {
      if (reads_row_values_outside_aggregates(child, catalog)) return true;
    }
    return false;
  }
  if (!node.is_object()) return false;
  const std::string kind = node_kind(node);
  if (kind == "ColumnRef") return true;
  // GROUPING(...) reads which expressions a row groups by, not their values: never NULL.
  if (kind == "SubLink" || kind == "GroupingFunc") return false;
  if (kind == "FuncCall") {
    const auto& body = node_body(node);
    const std::string name = last_name(field(body, "funcname"));
    const bool aggregate = is_count_aggregate(name) || catalog.is_aggregate(name);
    if (aggregate && field(body, "over").empty()) return false;
  }
  for (const auto& [key, child] : node.items()) {
    if (reads_row_values_outside_aggregates(child, catalog)) return true;
  }
  return false;
}

}  // namespace soong::gen::detail
