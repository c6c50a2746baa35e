// FROM clauses: tables, views, CTE references, subqueries, functions and joins, with the
// nullable side of every outer join marked on its range entries.

#include <algorithm>

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// Views may reference views; PostgreSQL forbids cycles, this only bounds pathological depth.
constexpr int max_view_depth = 16;

void mark_null_extended(std::vector<range_entry>& entries, const std::string& reason) {
  for (auto& entry : entries) {
    entry.null_extended = true;
    for (auto& column : entry.columns) column.value = maybe_null(reason);
  }
}

void apply_alias_column_names(range_entry& entry, const nlohmann::json& alias) {
  std::size_t i = 0;
  for (const auto& name : list_field(alias, "colnames")) {
    if (i >= entry.columns.size()) break;
    entry.columns[i++].name = string_node(name);
  }
}

range_entry entry_from_shape(const std::string& alias, const relation_shape& shape,
                             const std::string& reason_prefix) {
  range_entry entry{.alias = alias, .columns = {}, .columns_known = true, .null_extended = false};
  for (const auto& column : shape) {
    if (column.unknown_width) {
      entry.columns_known = false;
      continue;
    }
    verdict v = column.value;
    v.reason = reason_prefix + v.reason;
    entry.columns.push_back({column.name, v, v});
  }
  return entry;
}

const scope_column* find_star_column(const std::vector<range_entry>& entries,
                                     const std::vector<star_slot>& star, const std::string& name) {
  for (const auto& slot : star) {
    if (slot.column < 0) continue;
    const auto& column = entries[static_cast<std::size_t>(slot.entry)]
                             .columns[static_cast<std::size_t>(slot.column)];
    if (column.name == name) return &column;
  }
  return nullptr;
}

}  // namespace

void analyzer::add_from_list(const nlohmann::json& items, scope& s, const cte_environment* ctes) {
  for (const auto& item : items) {
    from_item added = from_node(item, s, ctes);
    const int offset = static_cast<int>(s.entries.size());
    for (auto& entry : added.entries) s.entries.push_back(std::move(entry));
    for (auto slot : added.star) {
      slot.entry += offset;
      s.star.push_back(slot);
    }
  }
}

analyzer::from_item analyzer::from_node(const nlohmann::json& node, const scope& s,
                                        const cte_environment* ctes) {
  const std::string kind = node_kind(node);
  const auto& body = node_body(node);
  from_item item;
  if (kind == "JoinExpr") return join(body, s, ctes);

  range_entry entry;
  if (kind == "RangeVar") {
    entry = relation_entry(body, ctes);
  } else if (kind == "RangeSubselect") {
    // Only a LATERAL subquery sees the FROM items before it.
    const scope* outer = bool_field(body, "lateral") ? &s : s.parent;
    const auto& alias = field(body, "alias");
    entry = entry_from_shape(string_field(alias, "aliasname"),
                             statement(field(body, "subquery"), outer, ctes), "");
    apply_alias_column_names(entry, alias);
  } else if (kind == "RangeFunction") {
    entry = function_entry(body);
  } else {
    entry.columns_known = false;  // XMLTABLE, TABLESAMPLE...: nothing we can see into
  }

  item.entries.push_back(std::move(entry));
  const auto& added = item.entries.front();
  for (std::size_t i = 0; i < added.columns.size(); ++i) {
    item.star.push_back({0, static_cast<int>(i)});
  }
  if (!added.columns_known) item.star.push_back({0, -1});
  return item;
}

range_entry analyzer::relation_entry(const nlohmann::json& range_var, const cte_environment* ctes) {
  const std::string schema = string_field(range_var, "schemaname");
  const std::string name = string_field(range_var, "relname");
  const auto& alias = field(range_var, "alias");
  std::string alias_name = string_field(alias, "aliasname");
  if (alias_name.empty()) alias_name = name;

  range_entry entry{
      .alias = alias_name, .columns = {}, .columns_known = true, .null_extended = false};
  const relation_shape* cte = (schema.empty() && ctes != nullptr) ? ctes->find(name) : nullptr;
  if (cte != nullptr) {
    entry = entry_from_shape(alias_name, *cte, "CTE " + name + ": ");
  } else if (const relation_fact* relation = catalog_.find_relation(schema, name)) {
    if (relation->is_view) {
      entry = entry_from_shape(alias_name, view_shape(*relation), "");
    } else {
      for (const auto& column : relation->columns) {
        const std::string qualified = relation->name + "." + column.name;
        verdict v = column.not_null ? non_null("NOT NULL column " + qualified)
                                    : maybe_null("nullable column " + qualified);
        entry.columns.push_back({column.name, v, v});
      }
    }
  } else {
    entry.columns_known = false;
  }
  apply_alias_column_names(entry, alias);
  return entry;
}

relation_shape analyzer::view_shape(const relation_fact& view) {
  const std::string key = view.schema + "." + view.name;
  if (auto it = view_shapes_.find(key); it != view_shapes_.end()) return it->second;

  relation_shape analysed;
  if (parse_ && view_depth_ < max_view_depth && !view.view_definition.empty()) {
    nlohmann::json parsed = parse_(view.view_definition);
    if (!parsed.is_null()) {
      ++view_depth_;
      analysed = statement(parsed, nullptr, nullptr);
      --view_depth_;
    }
  }
  bool matches = analysed.size() == view.columns.size();
  for (const auto& column : analysed) matches = matches && !column.unknown_width;

  relation_shape shape;
  for (std::size_t i = 0; i < view.columns.size(); ++i) {
    verdict v = matches ? analysed[i].value : maybe_null("view definition not analysed");
    v.reason = "view " + view.name + "." + view.columns[i].name + ": " + v.reason;
    shape.push_back({view.columns[i].name, v, false});
  }
  view_shapes_[key] = shape;
  return shape;
}

analyzer::from_item analyzer::join(const nlohmann::json& body, const scope& s,
                                   const cte_environment* ctes) {
  from_item left = from_node(field(body, "larg"), s, ctes);
  // A LATERAL item on the right sees the left side's relations. Without them its references
  // to the left side would resolve at an enclosing query level, to another relation.
  scope with_left{.entries = s.entries, .star = {}, .parent = s.parent};
  for (const auto& entry : left.entries) with_left.entries.push_back(entry);
  from_item right = from_node(field(body, "rarg"), with_left, ctes);
  const std::string type = string_field(body, "jointype");

  // Columns merged by USING or NATURAL, in the left side's order.
  std::vector<std::string> merged_names;
  for (const auto& name : list_field(body, "usingClause"))
    merged_names.push_back(string_node(name));
  bool merge_unknown = false;
  if (bool_field(body, "isNatural")) {
    for (const auto& slot : left.star) {
      if (slot.column < 0) {
        merge_unknown = true;
        continue;
      }
      const auto& name = left.entries[static_cast<std::size_t>(slot.entry)]
                             .columns[static_cast<std::size_t>(slot.column)]
                             .name;
      if (find_star_column(right.entries, right.star, name) != nullptr) {
        merged_names.push_back(name);
      }
    }
    for (const auto& slot : right.star) merge_unknown = merge_unknown || slot.column < 0;
  }

  // The join condition holds for every row of an inner join, and for every real (matched) row
  // of an outer join's nullable side; the preserved side's rows survive whether it holds or not.
  const auto& quals = field(body, "quals");
  if (type == "JOIN_INNER") {
    refine_with_condition(quals, left.entries, catalog_);
    refine_with_condition(quals, right.entries, catalog_);
  } else if (type == "JOIN_LEFT") {
    refine_with_condition(quals, right.entries, catalog_);
  } else if (type == "JOIN_RIGHT") {
    refine_with_condition(quals, left.entries, catalog_);
  }

  range_entry merged{
      .alias = "", .columns = {}, .columns_known = !merge_unknown, .null_extended = false};
  for (const auto& name : merged_names) {
    const scope_column* l = find_star_column(left.entries, left.star, name);
    const scope_column* r = find_star_column(right.entries, right.star, name);
    verdict v = maybe_null("USING column " + name + " not found");
    if (l != nullptr && r != nullptr) {
      if (type == "JOIN_INNER") {
        v = non_null("USING column " + name + " of an inner join (equal on both sides)");
      } else if (type == "JOIN_LEFT") {
        v = l->value;
      } else if (type == "JOIN_RIGHT") {
        v = r->value;
      } else if (!l->value.nullable && !r->value.nullable) {
        v = non_null("USING column " + name + " of a FULL JOIN, non-null on both sides");
      } else {
        v = maybe_null("USING column " + name + " of a FULL JOIN, nullable on one side");
      }
    }
    merged.columns.push_back({name, v, v});
  }
  if (type == "JOIN_INNER") {
    // Equality on the USING columns proves both sides' columns non-null.
    for (const auto& name : merged_names) {
      const std::string reason = "USING column " + name + " of an inner join";
      prove_non_null(left.entries, "", name, reason);
      prove_non_null(right.entries, "", name, reason);
    }
  }

  if (type == "JOIN_LEFT" || type == "JOIN_FULL") {
    mark_null_extended(right.entries,
                       type == "JOIN_LEFT" ? "right side of LEFT JOIN" : "side of FULL JOIN");
  }
  if (type == "JOIN_RIGHT" || type == "JOIN_FULL") {
    mark_null_extended(left.entries,
                       type == "JOIN_RIGHT" ? "left side of RIGHT JOIN" : "side of FULL JOIN");
  }

  // Entries: merged columns first (an unqualified USING name means the merged column), then
  // both sides. `*` lists merged columns, then each side without its merged columns.
  from_item result;
  const bool has_merged = !merged_names.empty();
  if (has_merged) result.entries.push_back(std::move(merged));
  const int left_offset = static_cast<int>(result.entries.size());
  for (auto& entry : left.entries) result.entries.push_back(std::move(entry));
  const int right_offset = static_cast<int>(result.entries.size());
  for (auto& entry : right.entries) result.entries.push_back(std::move(entry));

  auto is_merged = [&](const star_slot& slot, int offset) {
    if (slot.column < 0) return false;
    const auto& name = result.entries[static_cast<std::size_t>(slot.entry + offset)]
                           .columns[static_cast<std::size_t>(slot.column)]
                           .name;
    return std::find(merged_names.begin(), merged_names.end(), name) != merged_names.end();
  };
  if (has_merged) {
    for (std::size_t i = 0; i < merged_names.size(); ++i) {
      result.star.push_back({0, static_cast<int>(i)});
    }
    if (merge_unknown) result.star.push_back({0, -1});
  }
  for (const auto& slot : left.star) {
    if (!is_merged(slot, left_offset))
      result.star.push_back({slot.entry + left_offset, slot.column});
  }
  for (const auto& slot : right.star) {
    if (!is_merged(slot, right_offset)) {
      result.star.push_back({slot.entry + right_offset, slot.column});
    }
  }

  const auto& alias = field(body, "alias");
  if (alias.empty()) return result;
  // `(a JOIN b) AS j` hides a and b: only j and its columns remain visible.
  range_entry collapsed{.alias = string_field(alias, "aliasname"),
                        .columns = {},
                        .columns_known = true,
                        .null_extended = false};
  for (const auto& slot : result.star) {
    if (slot.column < 0) {
      collapsed.columns_known = false;
      continue;
    }
    scope_column column = result.entries[static_cast<std::size_t>(slot.entry)]
                              .columns[static_cast<std::size_t>(slot.column)];
    column.base = column.value;
    collapsed.columns.push_back(std::move(column));
  }
  apply_alias_column_names(collapsed, alias);
  from_item aliased;
  aliased.entries.push_back(std::move(collapsed));
  for (std::size_t i = 0; i < aliased.entries.front().columns.size(); ++i) {
    aliased.star.push_back({0, static_cast<int>(i)});
  }
  if (!aliased.entries.front().columns_known) aliased.star.push_back({0, -1});
  return aliased;
}

}  // namespace soong::gen::detail
