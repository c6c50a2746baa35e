// Function calls: aggregates (with and without GROUP BY), window functions, strict functions.

#include <algorithm>

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

// FRAMEOPTION_NONDEFAULT of PostgreSQL's nodes/parsenodes.h: set for any explicit frame.
constexpr long long frame_option_non_default = 0x1;

long long integer_field(const nlohmann::json& object, std::string_view key) {
  const auto& value = field(object, key);
  return value.is_number_integer() ? value.get<long long>() : 0;
}

// Every overload outside pg_catalog belongs to an extension whose function of this name is
// known never to return NULL for non-NULL arguments.
bool from_known_extension(const function_fact& fact) {
  if (fact.extensions.empty()) return false;
  return std::all_of(fact.extensions.begin(), fact.extensions.end(), [&](const std::string& e) {
    return !e.empty() && extension_function_never_null(e, fact.name);
  });
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
  if (fact->returns_set) {
    // generate_series never yields NULL (it is strict: NULL bounds give no rows); alone in
    // the select list, its rows are its values.
    if (name == "generate_series" && !fact->user_defined && fact->strict &&
        ctx.lone_set_returning_function) {
      return non_null("generate_series alone in the select list");
    }
    return maybe_null("set-returning function " + name);
  }
  if (fact->user_defined) {
    if (from_known_extension(*fact)) {
      return all_non_null(args, ctx,
                          name + "() of " + *fact->extensions.begin() + " over non-null arguments");
    }
    if (auto inlined = sql_function_body(*fact, body, ctx)) return *inlined;
  }
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
  // An aggregate over the default frame (RANGE UNBOUNDED PRECEDING to CURRENT ROW, or the
  // whole partition without ORDER BY) always has the current row in its frame: it aggregates a
  // non-empty set, like a GROUP BY group. Explicit frames may exclude the current row or be
  // empty; a named window's frame is elsewhere; FILTER may leave nothing.
  const auto& over = field(body, "over");  // a WindowDef body, not a wrapped node
  const bool default_frame = string_field(over, "name").empty() &&
                             string_field(over, "refname").empty() &&
                             (integer_field(over, "frameOptions") & frame_option_non_default) == 0;
  if (catalog_.is_aggregate(name) && default_frame && field(body, "agg_filter").empty() &&
      aggregate_non_null_over_non_null_input(name) && !bool_field(body, "agg_within_group")) {
    return all_non_null(list_field(body, "args"), ctx,
                        name + "() over a frame holding the current row, non-null input");
  }
  if (catalog_.is_aggregate(name) && default_frame && field(body, "agg_filter").empty() &&
      aggregate_non_null_over_any_group(name)) {
    return non_null(name + "() over a frame holding the current row");
  }
  // lag, lead, first_value, ... and aggregates over a frame that may be empty.
  return maybe_null("window function " + name + " may be NULL");
}

}  // namespace soong::gen::detail
