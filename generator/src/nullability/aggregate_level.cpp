// Which query level an aggregate belongs to. PostgreSQL (4.2.7) evaluates an aggregate whose
// arguments mention only columns of enclosing queries at the nearest such enclosing level:
// `(SELECT count(u.id) FROM posts)` inside a query over `users u` counts the outer rows, and
// the subquery itself is a plain SELECT over posts (it may return no row at all). An
// aggregate proves facts about its own query level only when it certainly belongs to it.

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// A column reference that resolves among the level's own relations. A qualified name
// (`p.x`, `p.*`) names the innermost relation with that alias; a bare name is a column of the
// innermost level that has one, and only otherwise a whole-row reference, so a bare name
// that matches no column here is not proof of this level.
bool resolves_at_level(const nlohmann::json& fields, const scope& level) {
  if (fields.empty()) return false;
  if (fields.size() >= 2) {
    const std::string qualifier = string_node(fields[fields.size() - 2]);
    for (const auto& entry : level.entries) {
      if (entry.alias == qualifier) return true;
    }
    return false;
  }
  if (node_kind(fields.back()) != "String") return false;
  const std::string name = string_node(fields.back());
  for (const auto& entry : level.entries) {
    for (const auto& column : entry.columns) {
      if (column.name == name) return true;
    }
  }
  return false;
}

// Counts the column references of an aggregate call outside nested subqueries (which are
// other levels) and whether one of them resolves at `level`.
void scan_references(const nlohmann::json& node, const scope& level, int& references, bool& local) {
  if (node.is_array()) {
    for (const auto& child : node) scan_references(child, level, references, local);
    return;
  }
  if (!node.is_object()) return;
  const std::string kind = node_kind(node);
  if (kind == "SubLink") {
    ++references;  // may refer to this level or not: never proof of either
    return;
  }
  if (kind == "ColumnRef") {
    ++references;
    if (resolves_at_level(list_field(node_body(node), "fields"), level)) local = true;
    return;
  }
  for (const auto& [key, child] : node.items()) scan_references(child, level, references, local);
}

}  // namespace

bool aggregate_belongs_to(const nlohmann::json& call_body, const scope& level) {
  int references = 0;
  bool local = false;
  for (const char* key : {"args", "agg_order", "agg_filter"}) {
    scan_references(field(call_body, key), level, references, local);
  }
  // Without any reference (count(*), sum(1)) the aggregate belongs to its own level.
  return references == 0 || local;
}

}  // namespace soong::gen::detail
