// Scalar subqueries are NULL when they return no row. Three shapes always return exactly one:
// an aggregate query without GROUP BY/HAVING (one group even over no rows, 7.2.4; the
// aggregate must be of the subquery's own level, see aggregate_level.cpp), a SELECT without
// FROM and WHERE, and a SELECT without WHERE whose FROM items are all subqueries of exactly
// one row (`(SELECT row_to_json(o) FROM (SELECT a.x, a.y) o)`: a cross product of single rows).
// Each is disqualified by LIMIT/OFFSET (LIMIT 0 returns nothing) or by a set-returning
// function in the select list (zero or many rows).

#include "nullability/analyzer.hpp"
#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

struct target_facts {
  bool has_aggregate = false;
  bool may_return_set = false;
};

using aggregate_filter = std::function<bool(const nlohmann::json&)>;

// Walks one query level's select list; nested subqueries are other levels and are skipped.
void scan_targets(const nlohmann::json& node, const catalog_facts& catalog,
                  const aggregate_filter& belongs_here, target_facts& facts) {
  if (node.is_array()) {
    for (const auto& child : node) scan_targets(child, catalog, belongs_here, facts);
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
      if (belongs_here(body)) facts.has_aggregate = true;
    } else if (!aggregate) {
      const function_fact* fact = catalog.find_function(name);
      // An unknown function might return a set.
      if (fact == nullptr || fact->returns_set) facts.may_return_set = true;
    }
  }
  for (const auto& [key, child] : node.items()) scan_targets(child, catalog, belongs_here, facts);
}

}  // namespace

int count_set_returning_calls(const nlohmann::json& node, const catalog_facts& catalog) {
  int count = 0;
  const std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& current) {
    if (current.is_array()) {
      for (const auto& child : current) walk(child);
      return;
    }
    if (!current.is_object() || node_kind(current) == "SubLink") return;
    if (node_kind(current) == "FuncCall") {
      const std::string name = last_name(field(node_body(current), "funcname"));
      const function_fact* fact = catalog.find_function(name);
      const bool aggregate = is_count_aggregate(name) || catalog.is_aggregate(name);
      if (!aggregate && (fact == nullptr || fact->returns_set)) ++count;
    }
    for (const auto& [key, child] : current.items()) walk(child);
  };
  walk(node);
  return count;
}

bool yields_exactly_one_row(const nlohmann::json& select_node, const catalog_facts& catalog,
                            const aggregate_filter& belongs_here,
                            const std::function<bool(const nlohmann::json&)>& one_row_item) {
  if (node_kind(select_node) != "SelectStmt") return false;
  const auto& body = node_body(select_node);
  const std::string op = string_field(body, "op");
  if ((!op.empty() && op != "SETOP_NONE") || !list_field(body, "valuesLists").empty()) return false;
  if (!list_field(body, "groupClause").empty() || !field(body, "havingClause").empty())
    return false;
  if (!field(body, "limitCount").empty() || !field(body, "limitOffset").empty()) return false;

  target_facts facts;
  scan_targets(list_field(body, "targetList"), catalog, belongs_here, facts);
  if (facts.may_return_set) return false;
  if (facts.has_aggregate) return true;
  if (!field(body, "whereClause").empty()) return false;
  for (const auto& item : list_field(body, "fromClause")) {
    if (!one_row_item(item)) return false;
  }
  return true;
}

bool analyzer::single_row_subquery(const nlohmann::json& select_node, const scope* outer,
                                   const cte_environment* ctes) {
  // The subquery's own relations, to tell its aggregates from an enclosing level's.
  const auto& body = node_body(select_node);
  cte_environment env{.ctes = {}, .parent = ctes};
  add_ctes(field(body, "withClause"), outer, env);
  scope level{.entries = {}, .star = {}, .parent = outer};
  add_from_list(list_field(body, "fromClause"), level, &env);
  return yields_exactly_one_row(
      select_node, catalog_,
      [&](const nlohmann::json& call) { return aggregate_belongs_to(call, level); },
      [&](const nlohmann::json& item) {
        if (node_kind(item) != "RangeSubselect") return false;
        const auto& subselect = node_body(item);
        // Only a LATERAL subquery sees the FROM items before it; none of them matter for the
        // row count, so the enclosing scope is enough either way.
        return single_row_subquery(field(subselect, "subquery"), outer, &env);
      });
}

}  // namespace soong::gen::detail
