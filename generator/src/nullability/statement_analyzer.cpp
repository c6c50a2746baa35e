// Statements: SELECT (plain, VALUES, set operations) and WITH (also recursive). The RETURNING
// lists of INSERT, UPDATE and DELETE are in modified_row.cpp.

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// PostgreSQL caps nothing here, but a recursive CTE's verdicts only move from non-null to
// nullable, so the fixpoint is reached within one round per column; this is a safety net.
constexpr int max_recursive_cte_rounds = 64;

relation_shape all_nullable(relation_shape shape, const std::string& reason) {
  for (auto& column : shape) column.value = maybe_null(reason);
  return shape;
}

void rename_columns(relation_shape& shape, const nlohmann::json& names) {
  std::size_t i = 0;
  for (const auto& name : names) {
    if (i >= shape.size() || shape[i].unknown_width) break;
    shape[i++].name = string_node(name);
  }
}

// UNION / INTERSECT / EXCEPT of two branches, column by column (names from the left).
relation_shape combine_set_operation(const relation_shape& left, const relation_shape& right,
                                     const std::string& op) {
  bool widths_known = left.size() == right.size();
  for (const auto& column : left) widths_known = widths_known && !column.unknown_width;
  for (const auto& column : right) widths_known = widths_known && !column.unknown_width;
  if (!widths_known) return all_nullable(left, "set operation over columns we cannot match");
  relation_shape result = left;
  for (std::size_t i = 0; i < result.size(); ++i) {
    const verdict& l = left[i].value;
    const verdict& r = right[i].value;
    if (op == "SETOP_EXCEPT") continue;  // every result row comes from the left branch
    if (op == "SETOP_INTERSECT") {
      // A row is kept only if an equal (IS NOT DISTINCT FROM) row exists on both sides.
      result[i].value = !l.nullable ? l : r;
      continue;
    }
    if (l.nullable) {
      result[i].value = maybe_null("UNION branch: " + l.reason);
    } else if (r.nullable) {
      result[i].value = maybe_null("UNION branch: " + r.reason);
    } else {
      result[i].value = non_null("non-null in every UNION branch");
    }
  }
  return result;
}

bool same_nullability(const relation_shape& a, const relation_shape& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].value.nullable != b[i].value.nullable) return false;
  }
  return true;
}

}  // namespace

analyzer::analyzer(const catalog_facts& catalog, const statement_parser& parse,
                   std::vector<bool> param_nullable)
    : catalog_(catalog), parse_(parse), param_nullable_(std::move(param_nullable)) {}

relation_shape analyzer::statement(const nlohmann::json& node, const scope* outer,
                                   const cte_environment* ctes) {
  const std::string kind = node_kind(node);
  const auto& body = node_body(node);
  if (kind == "SelectStmt") return select(body, outer, ctes);
  if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt") {
    return modify_returning(node, outer, ctes);
  }
  return {};
}

relation_shape analyzer::select(const nlohmann::json& body, const scope* outer,
                                const cte_environment* ctes) {
  cte_environment env{.ctes = {}, .parent = ctes};
  add_ctes(field(body, "withClause"), outer, env);

  const std::string op = string_field(body, "op");
  if (!op.empty() && op != "SETOP_NONE") {
    return combine_set_operation(select(field(body, "larg"), outer, &env),
                                 select(field(body, "rarg"), outer, &env), op);
  }
  if (!list_field(body, "valuesLists").empty()) {
    return values(list_field(body, "valuesLists"), outer, &env);
  }

  scope names{.entries = {}, .star = {}, .parent = outer};
  add_from_list(list_field(body, "fromClause"), names, &env);
  refine_with_condition(field(body, "whereClause"), names.entries, catalog_);

  expr_context ctx{.names = &names, .ctes = &env};
  // An ORDER BY or DISTINCT ON expression missing from the select list is evaluated beside it,
  // so a set-returning function there counts too.
  int set_returning_calls = 0;
  for (const char* key : {"targetList", "sortClause", "distinctClause", "groupClause"}) {
    set_returning_calls += count_set_returning_calls(field(body, key), catalog_);
  }
  ctx.lone_set_returning_function = set_returning_calls == 1;
  for (const auto& group : list_field(body, "groupClause")) {
    if (node_kind(group) == "GroupingSet") {
      ctx.grouping_sets = true;
    } else {
      ctx.grouped = true;
    }
  }
  // With grouping sets, an empty input still produces the grand-total row.
  if (ctx.grouping_sets) ctx.grouped = false;
  if (ctx.grouping_sets) {
    // After grouping, a column is NULL in the rows that do not group by it; subqueries in the
    // select list read it from there. Aggregates (count aside) are nullable without a plain
    // GROUP BY anyway, so the row-level values are not needed.
    for (auto& entry : names.entries) {
      for (auto& column : entry.columns) {
        column.value = maybe_null("grouping sets produce NULL for ungrouped columns");
      }
    }
  }
  return target_list(list_field(body, "targetList"), ctx);
}

relation_shape analyzer::values(const nlohmann::json& lists, const scope* outer,
                                const cte_environment* ctes) {
  scope names{.entries = {}, .star = {}, .parent = outer};
  expr_context ctx{.names = &names, .ctes = ctes};
  relation_shape result;
  for (const auto& row : lists) {
    const auto& items = list_field(node_body(row), "items");
    if (result.empty()) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        // PostgreSQL names VALUES columns column1, column2, ... (7.7).
        result.push_back({"column" + std::to_string(i + 1), non_null("VALUES"), false});
      }
    }
    for (std::size_t i = 0; i < items.size() && i < result.size(); ++i) {
      if (result[i].value.nullable) continue;
      verdict v = expression(items[i], ctx);
      if (v.nullable) result[i].value = maybe_null("VALUES row: " + v.reason);
    }
  }
  for (auto& column : result) {
    if (!column.value.nullable) column.value = non_null("non-null in every VALUES row");
  }
  return result;
}

void analyzer::add_ctes(const nlohmann::json& with_clause, const scope* outer,
                        cte_environment& env) {
  const bool recursive = bool_field(with_clause, "recursive");
  for (const auto& cte_node : list_field(with_clause, "ctes")) {
    const auto& cte = node_body(cte_node);
    const std::string name = string_field(cte, "ctename");
    const auto& query = field(cte, "ctequery");
    const auto& query_body = node_body(query);
    const std::string op = string_field(query_body, "op");
    relation_shape shape;
    if (recursive && node_kind(query) == "SelectStmt" && op == "SETOP_UNION") {
      // Least fixpoint: start from the non-recursive term's verdicts, re-analyse the recursive
      // term assuming them until nothing changes. Rows of depth k satisfy the verdicts by
      // induction on k, so the result is sound.
      relation_shape current = select(field(query_body, "larg"), outer, &env);
      rename_columns(current, list_field(cte, "aliascolnames"));
      bool converged = false;
      for (int round = 0; round < max_recursive_cte_rounds && !converged; ++round) {
        env.ctes[name] = current;
        relation_shape next = combine_set_operation(
            current, select(field(query_body, "rarg"), outer, &env), "SETOP_UNION");
        rename_columns(next, list_field(cte, "aliascolnames"));
        converged = same_nullability(next, current);
        current = std::move(next);
      }
      shape = converged ? current : all_nullable(current, "recursive CTE did not converge");
      for (auto& column : shape) {
        column.value.reason = "recursive CTE " + name + ": " + column.value.reason;
      }
    } else {
      // A non-recursive CTE cannot see itself: analyse before adding it to the environment.
      shape = statement(query, outer, &env);
      rename_columns(shape, list_field(cte, "aliascolnames"));
    }
    env.ctes[name] = std::move(shape);
  }
}

relation_shape analyzer::target_list(const nlohmann::json& targets, const expr_context& ctx) {
  relation_shape result;
  const scope& names = *ctx.names;
  auto push_entry_column = [&](const range_entry& entry, int column) {
    const scope_column& c = entry.columns[static_cast<std::size_t>(column)];
    verdict v = c.value;
    if (ctx.grouping_sets) v = maybe_null("grouping sets produce NULL for ungrouped columns");
    result.push_back({c.name, v, false});
  };
  auto push_unknown = [&](const std::string& reason) {
    result.push_back({"", maybe_null(reason), true});
  };

  for (const auto& target_node : targets) {
    const auto& target = node_body(target_node);
    const auto& value = field(target, "val");
    const auto& fields = list_field(node_body(value), "fields");
    const bool is_star =
        node_kind(value) == "ColumnRef" && !fields.empty() && node_kind(fields.back()) == "A_Star";
    if (!is_star) {
      std::string name = string_field(target, "name");
      if (name.empty()) name = figure_column_name(value);
      verdict v = expression(value, ctx);
      if (ctx.grouping_sets && !v.nullable &&
          reads_row_values_outside_aggregates(value, catalog_)) {
        v = maybe_null("grouping sets put NULL in place of a grouped expression in subtotal rows");
      }
      result.push_back({name, v, false});
      continue;
    }
    if (fields.size() == 1) {
      for (const auto& slot : names.star) {
        if (slot.column < 0) {
          push_unknown("columns of a FROM item we cannot see into");
        } else {
          push_entry_column(names.entries[static_cast<std::size_t>(slot.entry)], slot.column);
        }
      }
      continue;
    }
    const range_entry* entry = find_entry(names, string_node(fields[fields.size() - 2]));
    if (entry == nullptr) {
      push_unknown("unresolved qualified *");
      continue;
    }
    for (std::size_t i = 0; i < entry->columns.size(); ++i) {
      push_entry_column(*entry, static_cast<int>(i));
    }
    if (!entry->columns_known) push_unknown("columns of a FROM item we cannot see into");
  }
  return result;
}

}  // namespace soong::gen::detail
