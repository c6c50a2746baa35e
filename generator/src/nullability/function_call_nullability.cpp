// Function calls: aggregates (with and without GROUP BY), window functions, strict functions.

#include "nullability/analyzer.hpp"
#include "nullability/builtin_rules.hpp"
#include "nullability/json_node.hpp"

namespace soong::gen::detail {
namespace {

// substring(x from 2 for 3) never returns NULL for non-NULL input, but the pattern forms
// substring(x from 'regex') and substring(x similar 'p' escape '#') do when nothing matches.
// Only the integer form is trusted: every argument after the first is an integer literal.
bool is_positional_substring(const nlohmann::json& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (node_kind(args[i]) != "A_Const" || !node_body(args[i]).contains("ival")) return false;
  }
  return true;
}

}  // namespace

verdict analyzer::function_call(const nlohmann::json& body, const expr_context& ctx) {
  const std::string name = last_name(field(body, "funcname"));
  const auto& args = list_field(body, "args");
  if (!field(body, "over").empty()) return window_call(name, body, ctx);
  if (is_count_aggregate(name)) return non_null(name + "() is never NULL");
  if (catalog_.is_aggregate(name)) return aggregate_call(name, body, ctx);

  if (function_never_returns_null(name)) return non_null(name + "() never returns NULL");
  if (function_null_only_with_first_argument(name)) {
    if (args.empty()) return maybe_null(name + "() without arguments");
    verdict first = expression(args.front(), ctx);
    if (first.nullable) return maybe_null(name + "() with a nullable first argument");
    return non_null(name + "() with a non-null first argument");
  }

  const function_fact* fact = catalog_.find_function(name);
  if (fact == nullptr) return maybe_null("unknown function " + name);
  if (fact->returns_set) return maybe_null("set-returning function " + name);
  if (!fact->strict) return maybe_null("non-strict function " + name);
  if (fact->user_defined) return maybe_null("user-defined function " + name + " may return NULL");
  if (strict_function_may_return_null(name) ||
      (name == "substring" && !is_positional_substring(args))) {
    return maybe_null(name + "() may return NULL for non-NULL input");
  }
  for (const auto& arg : args) {
    verdict v = expression(arg, ctx);
    if (v.nullable) return maybe_null("strict function " + name + " over a nullable argument");
  }
  return non_null("strict function " + name + " over non-null arguments");
}

verdict analyzer::aggregate_call(const std::string& name, const nlohmann::json& body,
                                 const expr_context& ctx) {
  if (!field(body, "agg_filter").empty()) {
    return maybe_null(name + "() with FILTER may aggregate no rows");
  }
  if (bool_field(body, "agg_within_group")) return maybe_null("ordered-set aggregate " + name);
  // An aggregate over enclosing-level columns is evaluated there, over groups unknown here.
  if (!aggregate_belongs_to(body, *ctx.names)) {
    return maybe_null(name + "() over columns of an enclosing query");
  }
  if (!ctx.grouped) return maybe_null(name + "() without GROUP BY is NULL over no rows");
  if (aggregate_non_null_over_any_group(name)) {
    return non_null(name + "() over a GROUP BY group is never NULL");
  }
  if (!aggregate_non_null_over_non_null_input(name)) {
    return maybe_null("aggregate " + name + " may return NULL");
  }
  expr_context inner = ctx;
  inner.in_aggregate = true;
  for (const auto& arg : list_field(body, "args")) {
    verdict v = expression(arg, inner);
    if (v.nullable) return maybe_null(name + "() over a nullable input: " + v.reason);
  }
  return non_null(name + "() with GROUP BY over non-null input");
}

verdict analyzer::window_call(const std::string& name, const nlohmann::json& body,
                              const expr_context& ctx) {
  if (window_function_never_null(name)) return non_null("window function " + name);
  if (name == "ntile") {
    return all_non_null(list_field(body, "args"), ctx, "ntile over a non-null argument");
  }
  // lag, lead, first_value, ... and aggregates over a frame that may be empty.
  return maybe_null("window function " + name + " may be NULL");
}

}  // namespace soong::gen::detail
