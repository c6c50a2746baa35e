#include "nullability/param_inference.hpp"

#include <algorithm>

#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// Where a name comes from, best first: an assignment target names the value exactly, a
// comparison names what it is matched against, a function's argument name says what the
// function takes, LIMIT/OFFSET name its role.
enum class name_source {
  none = 0,
  limit_offset = 1,
  function_argument = 2,
  comparison = 3,
  assignment = 4
};

class param_collector {
 public:
  param_collector(const catalog_facts& catalog, int count)
      : catalog_(catalog),
        params_(static_cast<std::size_t>(count)),
        sources_(static_cast<std::size_t>(count), name_source::none) {}

  void walk(const nlohmann::json& node) {
    if (node.is_array()) {
      for (const auto& child : node) walk(child);
      return;
    }
    if (!node.is_object()) return;
    if (node.contains("limitCount") || node.contains("limitOffset")) {
      name_param(field(node, "limitCount"), "limit", name_source::limit_offset);
      name_param(field(node, "limitOffset"), "offset", name_source::limit_offset);
    }
    const std::string kind = node_kind(node);
    const auto& body = node_body(node);
    if (kind == "InsertStmt") insert(body);
    if (kind == "UpdateStmt") assignments(list_field(body, "targetList"), field(body, "relation"));
    if (kind == "A_Expr") comparison(body);
    if (kind == "NullTest") null_test(body);
    if (kind == "CoalesceExpr") coalesce_fallback(body);
    if (kind == "FuncCall") function_arguments(body);
    for (const auto& [key, child] : node.items()) walk(child);
  }

  std::vector<inferred_param> take() { return std::move(params_); }

 private:
  // The parameter number of `$n` or `$n::type`, or 0.
  static int param_number(const nlohmann::json& node) {
    const auto& stripped = strip_casts(node);
    if (node_kind(stripped) != "ParamRef") return 0;
    const auto& number = field(node_body(stripped), "number");
    return number.is_number_integer() ? number.get<int>() : 0;
  }

  inferred_param* param(int number) {
    if (number < 1 || static_cast<std::size_t>(number) > params_.size()) return nullptr;
    return &params_[static_cast<std::size_t>(number - 1)];
  }

  void name_param(const nlohmann::json& node, const std::string& name, name_source source) {
    // `col = coalesce($1, col)` and `SET col = nullif($1, '')`: the first argument stands for
    // the column.
    const auto& stripped = strip_casts(node);
    const auto& body = node_body(stripped);
    const auto& coalesced = list_field(body, "args");
    int number = param_number(node);
    if (node_kind(stripped) == "CoalesceExpr" && !coalesced.empty()) {
      number = param_number(coalesced.front());
    } else if (node_kind(stripped) == "A_Expr" && string_field(body, "kind") == "AEXPR_NULLIF") {
      number = param_number(field(body, "lexpr"));
    }
    inferred_param* p = param(number);
    if (p == nullptr || name.empty()) return;
    auto& best = sources_[static_cast<std::size_t>(number - 1)];
    if (source > best) {
      p->name = name;
      best = source;
    }
  }

  // `$n` stored into `relation.column`: named after it, nullable when the column is. A `$n`
  // that reaches the column through a CASE branch, a COALESCE argument or NULLIF's first
  // argument is nullable too: a NULL there is stored as it is.
  void assign(const nlohmann::json& value, const relation_fact* relation,
              const std::string& column) {
    name_param(value, column, name_source::assignment);
    if (relation == nullptr) return;
    const auto fact = std::find_if(relation->columns.begin(), relation->columns.end(),
                                   [&](const column_fact& c) { return c.name == column; });
    if (fact == relation->columns.end() || fact->not_null) return;
    std::vector<int> numbers;
    flowing_params(value, numbers);
    for (int number : numbers) {
      inferred_param* p = param(number);
      if (p == nullptr) continue;
      p->nullable = true;
      p->reason = "assigned to nullable column " + relation->name + "." + column;
    }
  }

  // The parameters whose value may become `value`'s.
  static void flowing_params(const nlohmann::json& value, std::vector<int>& numbers) {
    const auto& node = strip_casts(value);
    const std::string kind = node_kind(node);
    const auto& body = node_body(node);
    if (kind == "ParamRef") {
      numbers.push_back(param_number(node));
    } else if (kind == "CaseExpr") {
      for (const auto& when : list_field(body, "args")) {
        flowing_params(field(node_body(when), "result"), numbers);
      }
      flowing_params(field(body, "defresult"), numbers);
    } else if (kind == "CoalesceExpr") {
      for (const auto& arg : list_field(body, "args")) flowing_params(arg, numbers);
    } else if (kind == "A_Expr" && string_field(body, "kind") == "AEXPR_NULLIF") {
      flowing_params(field(body, "lexpr"), numbers);
    }
  }

  // `coalesce($1, col)`: every argument but the last is there to be skipped when NULL (the
  // optional filter `col = coalesce($1, col)`), so such a parameter accepts NULL.
  void coalesce_fallback(const nlohmann::json& body) {
    const auto& args = list_field(body, "args");
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
      inferred_param* p = param(param_number(args[i]));
      if (p == nullptr) continue;
      p->nullable = true;
      p->reason = "a COALESCE fallback argument (optional value)";
    }
  }

  const relation_fact* relation_of(const nlohmann::json& range_var) const {
    return catalog_.find_relation(string_field(range_var, "schemaname"),
                                  string_field(range_var, "relname"));
  }

  void insert(const nlohmann::json& body) {
    const relation_fact* relation = relation_of(field(body, "relation"));
    std::vector<std::string> columns;
    for (const auto& col : list_field(body, "cols")) {
      columns.push_back(string_field(node_body(col), "name"));
    }
    if (columns.empty() && relation != nullptr) {
      for (const auto& fact : relation->columns) columns.push_back(fact.name);
    }
    const auto& select = node_body(field(body, "selectStmt"));
    auto assign_row = [&](const nlohmann::json& values) {
      for (std::size_t i = 0; i < values.size() && i < columns.size(); ++i) {
        assign(values[i], relation, columns[i]);
      }
    };
    for (const auto& row : list_field(select, "valuesLists")) {
      assign_row(list_field(node_body(row), "items"));
    }
    // INSERT ... SELECT $1, $2: the select list lines up with the column list.
    nlohmann::json values = nlohmann::json::array();
    for (const auto& target : list_field(select, "targetList")) {
      values.push_back(field(node_body(target), "val"));
    }
    assign_row(values);
    const auto& on_conflict = field(body, "onConflictClause");
    assignments(list_field(on_conflict, "targetList"), field(body, "relation"));
  }

  void assignments(const nlohmann::json& targets, const nlohmann::json& range_var) {
    const relation_fact* relation = relation_of(range_var);
    for (const auto& target : targets) {
      const auto& body = node_body(target);
      assign(field(body, "val"), relation, string_field(body, "name"));
    }
  }

  static std::string column_name(const nlohmann::json& node) {
    const auto& stripped = strip_casts(node);
    if (node_kind(stripped) != "ColumnRef") return {};
    const auto& fields = list_field(node_body(stripped), "fields");
    return fields.empty() ? std::string{} : string_node(fields.back());
  }

  void comparison(const nlohmann::json& body) {
    const std::string kind = string_field(body, "kind");
    const auto& lexpr = field(body, "lexpr");
    const auto& rexpr = field(body, "rexpr");
    const std::string op = last_name(field(body, "name"));
    if (kind == "AEXPR_OP" && !is_comparison_operator(op)) return;
    if (kind == "AEXPR_OP" || kind == "AEXPR_OP_ANY" || kind == "AEXPR_OP_ALL" ||
        kind == "AEXPR_LIKE" || kind == "AEXPR_ILIKE" || kind == "AEXPR_DISTINCT" ||
        kind == "AEXPR_NOT_DISTINCT") {
      name_param(rexpr, column_name(lexpr), name_source::comparison);
      name_param(lexpr, column_name(rexpr), name_source::comparison);
      return;
    }
    if (kind == "AEXPR_IN" || kind == "AEXPR_BETWEEN" || kind == "AEXPR_NOT_BETWEEN" ||
        kind == "AEXPR_BETWEEN_SYM" || kind == "AEXPR_NOT_BETWEEN_SYM") {
      const std::string name = column_name(lexpr);
      for (const auto& item : list_field(node_body(rexpr), "items")) {
        name_param(item, name, name_source::comparison);
      }
    }
  }

  // `make_slug($1)` with `make_slug(title text)`: $1 is named `title`; `f(title => $1)` too.
  // Overloaded names have no argument names in the catalog facts (the call may pick any).
  void function_arguments(const nlohmann::json& body) {
    const function_fact* function = catalog_.find_function(last_name(field(body, "funcname")));
    const auto& args = list_field(body, "args");
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (node_kind(args[i]) == "NamedArgExpr") {
        const auto& named = node_body(args[i]);
        name_param(field(named, "arg"), string_field(named, "name"),
                   name_source::function_argument);
      } else if (function != nullptr && i < function->argument_names.size()) {
        name_param(args[i], function->argument_names[i], name_source::function_argument);
      }
    }
  }

  // `$1 IS NULL`: the caller is expected to pass NULL sometimes (the optional filter
  // `($1::int IS NULL OR col = $1)`), so the parameter must accept it.
  void null_test(const nlohmann::json& body) {
    inferred_param* p = param(param_number(field(body, "arg")));
    if (p == nullptr) return;
    p->nullable = true;
    p->reason = "tested with IS NULL (optional filter)";
  }

  const catalog_facts& catalog_;
  std::vector<inferred_param> params_;
  std::vector<name_source> sources_;
};

}  // namespace

std::vector<inferred_param> infer_params(const nlohmann::json& statement,
                                         const catalog_facts& catalog, int param_count,
                                         const std::set<int>& forced_nullable) {
  param_collector collector(catalog, param_count < 0 ? 0 : param_count);
  collector.walk(statement);
  std::vector<inferred_param> params = collector.take();
  for (int number : forced_nullable) {
    if (number < 1 || static_cast<std::size_t>(number) > params.size()) continue;
    auto& p = params[static_cast<std::size_t>(number - 1)];
    p.nullable = true;
    p.reason = "declared nullable (sqlc.narg)";
  }
  for (auto& p : params) {
    if (!p.nullable && p.reason.empty()) p.reason = "parameters are non-null by default";
  }
  return params;
}

}  // namespace soong::gen::detail
