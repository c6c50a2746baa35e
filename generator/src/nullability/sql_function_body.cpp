// A call of a `LANGUAGE sql` function whose body is one `SELECT <expression>` (no FROM, WHERE,
// grouping, set operation or LIMIT) is analysed as that expression with the call's arguments
// put in place of `$n` and of the argument names, as PostgreSQL itself inlines such
// functions. A STRICT function returns NULL for any NULL argument without running the body,
// so its arguments must be non-null as well. Bodies with anything that could make the SELECT
// return no row (a set-returning function) or that we would evaluate at the wrong level
// (aggregates, window functions, subqueries, column references other than arguments) are not
// analysed, and the function keeps the rule for user-defined functions: nullable.

#include "nullability/analyzer.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// Bounds recursion through functions that call functions (PostgreSQL allows recursion).
constexpr int max_function_depth = 8;

// The single expression of a plain `SELECT <expression>`, or nullptr.
const nlohmann::json* selected_expression(const nlohmann::json& statement) {
  if (node_kind(statement) != "SelectStmt") return nullptr;
  const auto& body = node_body(statement);
  const std::string op = string_field(body, "op");
  for (const char* key :
       {"fromClause", "whereClause", "groupClause", "havingClause", "valuesLists", "limitCount",
        "limitOffset", "withClause", "distinctClause", "windowClause"}) {
    if (!field(body, key).empty()) return nullptr;
  }
  if (!op.empty() && op != "SETOP_NONE") return nullptr;
  const auto& targets = list_field(body, "targetList");
  if (targets.size() != 1) return nullptr;
  return &field(node_body(targets.front()), "val");
}

class body_substitution {
 public:
  body_substitution(const catalog_facts& catalog, const std::vector<std::string>& names,
                    const nlohmann::json& args)
      : catalog_(catalog), names_(names), args_(args) {}

  // Replaces argument references in `node`; false if the body holds anything not analysable.
  bool substitute(nlohmann::json& node) {
    if (node.is_array()) {
      for (auto& child : node) {
        if (!substitute(child)) return false;
      }
      return true;
    }
    if (!node.is_object()) return true;
    const std::string kind = node_kind(node);
    const auto& body = node_body(node);
    if (kind == "SubLink") return false;
    if (kind == "ParamRef") {
      const auto& number = field(body, "number");
      if (!number.is_number_integer()) return false;
      const int n = number.get<int>();
      if (n < 1 || static_cast<std::size_t>(n) > args_.size()) return false;
      node = args_[static_cast<std::size_t>(n - 1)];
      return true;
    }
    if (kind == "ColumnRef") {
      const auto& fields = list_field(body, "fields");
      if (fields.size() != 1 || node_kind(fields.front()) != "String") return false;
      const std::string name = string_node(fields.front());
      for (std::size_t i = 0; i < names_.size(); ++i) {
        if (!names_[i].empty() && names_[i] == name) {
          node = args_[i];
          return true;
        }
      }
      return false;
    }
    if (kind == "FuncCall") {
      const std::string name = last_name(field(body, "funcname"));
      const function_fact* fact = catalog_.find_function(name);
      if (!field(body, "over").empty() || catalog_.is_aggregate(name) || fact == nullptr ||
          fact->returns_set) {
        return false;
      }
    }
    for (auto& [key, child] : node.items()) {
      if (!substitute(child)) return false;
    }
    return true;
  }

 private:
  const catalog_facts& catalog_;
  const std::vector<std::string>& names_;
  const nlohmann::json& args_;
};

}  // namespace

std::optional<verdict> analyzer::sql_function_body(const function_fact& function,
                                                   const nlohmann::json& call,
                                                   const expr_context& ctx) {
  if (function.sql_body.empty() || !parse_ || function_depth_ >= max_function_depth) {
    return std::nullopt;
  }
  const auto& args = list_field(call, "args");
  if (args.size() != function.argument_names.size() || bool_field(call, "func_variadic")) {
    return std::nullopt;
  }
  for (const auto& arg : args) {
    if (node_kind(arg) == "NamedArgExpr") return std::nullopt;
  }
  const nlohmann::json parsed = parse_(function.sql_body);
  const nlohmann::json* selected = selected_expression(parsed);
  if (selected == nullptr) return std::nullopt;
  nlohmann::json expression_tree = *selected;
  body_substitution substitution(catalog_, function.argument_names, args);
  if (!substitution.substitute(expression_tree)) return std::nullopt;

  if (function.strict) {
    for (const auto& arg : args) {
      verdict v = expression(arg, ctx);
      if (v.nullable) {
        return maybe_null("STRICT function " + function.name + " over a nullable argument");
      }
    }
  }
  ++function_depth_;
  verdict v = expression(expression_tree, ctx);
  --function_depth_;
  v.reason = "body of SQL function " + function.name + ": " + v.reason;
  return v;
}

}  // namespace soong::gen::detail
