// Scalar subqueries are NULL when they return no row. Two shapes always return exactly one:
// an aggregate query without GROUP BY/HAVING (one group even over no rows, 7.2.4), and a
// SELECT without FROM and WHERE. Either is disqualified by LIMIT/OFFSET (LIMIT 0 returns
// nothing) or by a set-returning function in the select list (zero or many rows).

#include "nullability/analyzer.hpp"
#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

struct target_facts {
  bool has_aggregate = false;
  bool may_return_set = false;
};

// Walks one query level's select list; nested subqueries are other levels and are skipped.
void scan_targets(const nlohmann::json& node, const catalog_facts& catalog, target_facts& facts) {
  if (node.is_array()) {
    for (const auto& child : node) scan_targets(child, catalog, facts);
    return;
  }
  if (!node.is_object()) return;
  const std::string kind = node_kind(node);
  if (kind == "SubLink") return;
  if (kind == "FuncCall") {
    const auto& body = node_body(node);
    const std::string name = last_name(field(body, "funcname"));
    const bool window = !field(body, "over").empty();
    const bool aggregate = is_count_aggregate(name) || catalog.is_aggregate(name);
    if (aggregate && !window) {
      facts.has_aggregate = true;
    } else if (!aggregate) {
      const function_fact* fact = catalog.find_function(name);
      // An unknown function might return a set.
      if (fact == nullptr || fact->returns_set) facts.may_return_set = true;
    }
  }
  for (const auto& [key, child] : node.items()) scan_targets(child, catalog, facts);
}

}  // namespace

bool yields_exactly_one_row(const nlohmann::json& select_node, const catalog_facts& catalog) {
  if (node_kind(select_node) != "SelectStmt") return false;
  const auto& body = node_body(select_node);
  const std::string op = string_field(body, "op");
  if ((!op.empty() && op != "SETOP_NONE") || !list_field(body, "valuesLists").empty()) return false;
  if (!list_field(body, "groupClause").empty() || !field(body, "havingClause").empty())
    return false;
  if (!field(body, "limitCount").empty() || !field(body, "limitOffset").empty()) return false;

  target_facts facts;
  scan_targets(list_field(body, "targetList"), catalog, facts);
  if (facts.may_return_set) return false;
  if (facts.has_aggregate) return true;
  return list_field(body, "fromClause").empty() && field(body, "whereClause").empty();
}

}  // namespace soong::gen::detail
