// The rows INSERT, UPDATE and DELETE return. RETURNING shows the row as the statement left it,
// so a fact proved about the row before the statement holds only where the statement did not
// change the value:
//   DELETE: the deleted row is the old row, which passed WHERE: every refinement holds.
//   UPDATE: WHERE proves facts about the old row. SET expressions are evaluated on that old row
//     (so the facts hold inside them), and an assigned column takes its expression's
//     nullability. Generated columns are recomputed from the new row: declared nullability.
//   INSERT: the inserted row has the table's declared nullability. With ON CONFLICT DO UPDATE
//     the returned row is either the inserted row or the updated existing row, so a column is
//     non-null only if it is non-null on both paths; DO UPDATE's WHERE describes the existing
//     row and `excluded`, before the assignments.
// The written row never comes from a CTE (PostgreSQL opens the target as a table), and a row
// written through a view need not satisfy the view's WHERE or keep its expressions non-null.

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

void star_over_entry(scope& s, std::size_t entry) {
  const auto index = static_cast<int>(entry);
  for (std::size_t i = 0; i < s.entries[entry].columns.size(); ++i) {
    s.star.push_back({index, static_cast<int>(i)});
  }
  if (!s.entries[entry].columns_known) s.star.push_back({index, -1});
}

const relation_fact* target_table(const nlohmann::json& relation, const catalog_facts& catalog) {
  return catalog.find_relation(string_field(relation, "schemaname"),
                               string_field(relation, "relname"));
}

bool is_generated(const relation_fact* table, const std::string& column) {
  if (table == nullptr) return false;
  for (const auto& c : table->columns) {
    if (c.name == column) return c.generated;
  }
  return false;
}

// Writes through a view: its conditions and expressions describe rows read through it, not
// the row the statement wrote.
void forget_view_facts(range_entry& row, const relation_fact* table) {
  if (table == nullptr || !table->is_view) return;
  const std::string reason = "row written through view " + table->name;
  for (auto& column : row.columns) column.value = column.base = maybe_null(reason);
}

}  // namespace

relation_shape analyzer::modify_returning(const nlohmann::json& node, const scope* outer,
                                          const cte_environment* ctes) {
  const std::string kind = node_kind(node);
  const auto& body = node_body(node);
  cte_environment env{.ctes = {}, .parent = ctes};
  add_ctes(field(body, "withClause"), outer, env);
  const auto& returning = list_field(body, "returningList");
  if (returning.empty()) return {};
  if (kind == "InsertStmt") return upsert_returning(body, outer, &env);

  const auto& relation = field(body, "relation");
  const relation_fact* table = target_table(relation, catalog_);
  scope names{.entries = {}, .star = {}, .parent = outer};
  // The target is always a table or view, even when a CTE has its name.
  names.entries.push_back(relation_entry(relation, nullptr));
  star_over_entry(names, 0);
  const range_entry declared = names.entries.front();
  // UPDATE ... FROM and DELETE ... USING join their lists like an inner join (6.2, 6.3).
  add_from_list(list_field(body, kind == "UpdateStmt" ? "fromClause" : "usingClause"), names, &env);
  // Every updated or deleted row passed WHERE: true of the old row and the FROM/USING rows.
  refine_with_condition(field(body, "whereClause"), names.entries, catalog_);

  if (kind == "UpdateStmt") {
    const expr_context old_row{.names = &names, .ctes = &env};
    range_entry new_row = row_after_set(names.entries.front(), declared, table,
                                        list_field(body, "targetList"), old_row);
    forget_view_facts(new_row, table);
    names.entries.front() = std::move(new_row);
  }
  expr_context ctx{.names = &names, .ctes = &env};
  return target_list(returning, ctx);
}

relation_shape analyzer::upsert_returning(const nlohmann::json& body, const scope* outer,
                                          const cte_environment* ctes) {
  const auto& relation = field(body, "relation");
  const relation_fact* table = target_table(relation, catalog_);
  const range_entry declared = relation_entry(relation, nullptr);
  range_entry returned = declared;
  forget_view_facts(returned, table);

  const auto& conflict = field(body, "onConflictClause");
  if (string_field(conflict, "action") == "ONCONFLICT_UPDATE") {
    // DO UPDATE sees the existing row and `excluded`, the row proposed for insertion. The
    // proposed row already passed the NOT NULL checks, which run before conflict detection.
    scope existing{.entries = {declared}, .star = {}, .parent = outer};
    range_entry excluded = declared;
    excluded.alias = "excluded";
    existing.entries.push_back(std::move(excluded));
    refine_with_condition(field(conflict, "whereClause"), existing.entries, catalog_);
    const expr_context old_row{.names = &existing, .ctes = ctes};
    const range_entry updated = row_after_set(existing.entries.front(), declared, table,
                                              list_field(conflict, "targetList"), old_row);
    for (std::size_t i = 0; i < returned.columns.size() && i < updated.columns.size(); ++i) {
      auto& column = returned.columns[i];
      const verdict& other = updated.columns[i].value;
      if (!column.value.nullable && other.nullable) {
        column.value = column.base = maybe_null("ON CONFLICT DO UPDATE: " + other.reason);
      }
    }
  }

  scope names{.entries = {std::move(returned)}, .star = {}, .parent = outer};
  star_over_entry(names, 0);
  expr_context ctx{.names = &names, .ctes = ctes};
  return target_list(list_field(body, "returningList"), ctx);
}

range_entry analyzer::row_after_set(const range_entry& old_row, const range_entry& declared,
                                    const relation_fact* table, const nlohmann::json& assignments,
                                    const expr_context& ctx) {
  // Every SET expression sees the old row (`SET a = b, b = a` swaps): evaluate all first.
  std::map<std::string, verdict> assigned;
  for (const auto& target : assignments) {
    const std::string name = string_field(node_body(target), "name");
    assigned[name] = assigned_value(node_body(target), ctx);
  }
  range_entry new_row = old_row;
  for (std::size_t i = 0; i < new_row.columns.size(); ++i) {
    auto& column = new_row.columns[i];
    const verdict& declared_value = declared.columns[i].value;
    auto it = assigned.find(column.name);
    if (is_generated(table, column.name)) {
      column.value = declared_value;
      column.value.reason = "generated column, recomputed: " + declared_value.reason;
    } else if (it == assigned.end()) {
      continue;  // unchanged: keeps what the old row was proven to have
    } else if (!declared_value.nullable && table != nullptr && !table->is_view) {
      column.value = declared_value;  // assigning NULL to a NOT NULL column fails
    } else {
      column.value = it->second;
      column.value.reason = "assigned " + it->second.reason;
    }
    column.base = column.value;
  }
  return new_row;
}

verdict analyzer::assigned_value(const nlohmann::json& target, const expr_context& ctx) {
  const auto& value = field(target, "val");
  const std::string kind = node_kind(value);
  if (!list_field(target, "indirection").empty()) {
    return maybe_null("through a subscript or field");
  }
  // The default of a nullable column may be NULL; a NOT NULL column keeps its declared verdict.
  if (kind == "SetToDefault") return maybe_null("DEFAULT");
  if (kind != "MultiAssignRef") return expression(value, ctx);

  // SET (a, b) = (x, y) or = ROW(x, y) or = (SELECT x, y ...): column colno of the source.
  const auto& multi = node_body(value);
  const auto& colno = field(multi, "colno");
  if (!colno.is_number_integer() || colno.get<int>() < 1) {
    return maybe_null("multiple-column assignment not analysed");
  }
  const auto index = static_cast<std::size_t>(colno.get<int>() - 1);
  const auto& source = field(multi, "source");
  const auto& source_body = node_body(source);
  if (node_kind(source) == "RowExpr") {
    const auto& args = list_field(source_body, "args");
    if (index < args.size()) return expression(args[index], ctx);
  } else if (node_kind(source) == "SubLink") {
    const auto& subselect = field(source_body, "subselect");
    // A subquery that returns no row assigns NULL to every column of the list.
    if (!single_row_subquery(subselect, ctx.names, ctx.ctes)) {
      return maybe_null("from a subquery that may return no row");
    }
    relation_shape shape = statement(subselect, ctx.names, ctx.ctes);
    if (index < shape.size() && !shape[index].unknown_width) {
      verdict v = shape[index].value;
      v.reason = "from a single-row subquery: " + v.reason;
      return v;
    }
  }
  return maybe_null("multiple-column assignment not analysed");
}

}  // namespace soong::gen::detail
