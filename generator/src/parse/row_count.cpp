// The exactly-one-row proof: a few statement shapes PostgreSQL guarantees one row for, checked
// on the parse tree; everything else is left unproven.

#include "parse/row_count.hpp"

#include <string>

namespace soong::gen {
namespace {

std::string function_name(const nlohmann::json& call) {
  const auto& parts = call.value("funcname", nlohmann::json::array());
  if (parts.empty()) return "";
  return parts.back()["String"].value("sval", "");
}

/// What a target list holds, outside subqueries (a subquery's rows are its own).
struct target_calls {
  bool aggregate = false;     // an aggregate called as one (not OVER a window)
  bool may_add_rows = false;  // a set-returning or unknown function
};

void scan_calls(const nlohmann::json& node, const catalog_facts& facts, target_calls& out) {
  if (node.is_array()) {
    for (const auto& item : node) scan_calls(item, facts, out);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [kind, child] : node.items()) {
    if (kind == "SubLink") continue;
    if (kind == "FuncCall" && child.is_object()) {
      const std::string name = function_name(child);
      const function_fact* function = facts.find_function(name);
      if (function == nullptr || function->returns_set) out.may_add_rows = true;
      if (facts.is_aggregate(name) && !child.contains("over")) out.aggregate = true;
    }
    if (child.is_structured()) scan_calls(child, facts, out);
  }
}

bool positive_integer_literal(const nlohmann::json& node) {
  const auto constant = node.find("A_Const");
  if (constant == node.end()) return false;
  const auto ival = constant->find("ival");
  return ival != constant->end() && ival->value("ival", 0) > 0;
}

bool limit_keeps_one_row(const nlohmann::json& select) {
  if (select.contains("limitOffset")) return false;
  const auto count = select.find("limitCount");
  return count == select.end() || positive_integer_literal(*count);
}

bool select_yields_one_row(const nlohmann::json& select, const catalog_facts& facts) {
  const bool plain = select.value("op", std::string("SETOP_NONE")) == "SETOP_NONE";
  if (!plain || select.contains("valuesLists") || select.contains("intoClause") ||
      select.contains("groupClause") || select.contains("havingClause") ||
      !select.contains("targetList") || !limit_keeps_one_row(select)) {
    return false;
  }
  target_calls calls;
  scan_calls(select["targetList"], facts, calls);
  if (calls.may_add_rows) return false;
  if (!select.contains("fromClause")) return !select.contains("whereClause");
  return calls.aggregate;
}

bool single_values_row(const nlohmann::json& insert) {
  const auto source = insert.find("selectStmt");
  if (source == insert.end()) return true;  // DEFAULT VALUES
  const auto select = source->find("SelectStmt");
  if (select == source->end()) return false;
  for (const auto& [key, value] : select->items()) {
    if (key != "valuesLists" && key != "limitOption" && key != "op") return false;
  }
  const auto rows = select->find("valuesLists");
  return rows != select->end() && rows->size() == 1;
}

bool insert_yields_one_row(const nlohmann::json& insert, const insert_keeps_row& keeps_row) {
  if (!insert.contains("returningList") || !single_values_row(insert)) return false;
  if (const auto conflict = insert.find("onConflictClause"); conflict != insert.end()) {
    if (conflict->value("action", std::string()) != "ONCONFLICT_UPDATE") return false;
    if (conflict->contains("whereClause")) return false;
  }
  const auto& relation = insert.value("relation", nlohmann::json::object());
  return keeps_row(relation.value("schemaname", std::string()),
                   relation.value("relname", std::string()));
}

}  // namespace

bool yields_exactly_one_row(const nlohmann::json& tree, const catalog_facts& facts,
                            const insert_keeps_row& keeps_row) {
  if (!tree.is_object() || tree.size() != 1) return false;
  const std::string& kind = tree.begin().key();
  if (kind == "SelectStmt") return select_yields_one_row(tree.begin().value(), facts);
  if (kind == "InsertStmt") return insert_yields_one_row(tree.begin().value(), keeps_row);
  return false;
}

}  // namespace soong::gen
