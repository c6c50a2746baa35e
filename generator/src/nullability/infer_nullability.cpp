// The stage's entry point: parameters first (expressions that use a parameter need its
// nullability), then the statement's output columns, matched to the described columns, then
// the user's overrides.

#include "nullability/analyzer.hpp"
#include "nullability/nullability.hpp"
#include "nullability/param_inference.hpp"

namespace soong::gen {
namespace {

// Lines the analysed columns up with the described ones. A `*` over a FROM item whose columns
// we cannot see produces one unknown-width slot; exactly one can be sized from the count.
std::vector<inferred_column> match_described(const detail::relation_shape& shape,
                                             std::size_t described) {
  std::size_t known = 0;
  std::size_t unknown = 0;
  for (const auto& column : shape) (column.unknown_width ? unknown : known) += 1;

  std::vector<inferred_column> result;
  if (unknown > 1 || known > described || (unknown == 0 && known != described)) {
    const std::string reason = "analysis found " + std::to_string(known) +
                               " columns, PostgreSQL described " + std::to_string(described);
    result.assign(described, inferred_column{true, reason});
    return result;
  }
  for (const auto& column : shape) {
    if (!column.unknown_width) {
      result.push_back({column.value.nullable, column.value.reason});
      continue;
    }
    for (std::size_t i = known; i < described; ++i) {
      result.push_back({true, column.value.reason});
    }
  }
  return result;
}

}  // namespace

nullability_result infer_nullability(const nullability_input& input, const catalog_facts& catalog) {
  nullability_result result;
  result.params =
      detail::infer_params(input.statement, catalog, input.param_count, input.nullable_params);

  std::vector<bool> param_nullable;
  for (const auto& p : result.params) param_nullable.push_back(p.nullable);
  detail::analyzer analyzer(catalog, input.parse, std::move(param_nullable));
  result.columns =
      match_described(analyzer.statement(input.statement, nullptr, nullptr), input.columns.size());

  for (std::size_t i = 0; i < input.columns.size(); ++i) {
    auto it = input.column_overrides.find(input.columns[i].name);
    if (it == input.column_overrides.end()) continue;
    const bool nullable = it->second == nullability_override::nullable;
    result.columns[i] = {nullable, std::string{"override \""} + input.columns[i].name +
                                       (nullable ? "?" : "!") + "\""};
  }
  return result;
}

}  // namespace soong::gen
