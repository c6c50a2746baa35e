#pragma once
// Parameter names and nullability from how each `$n` is used: compared with a column, inserted
// or assigned into a column, LIMIT/OFFSET, or tested with IS NULL (the optional-filter idiom).

#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "nullability/catalog_facts.hpp"
#include "nullability/nullability.hpp"

namespace soong::gen::detail {

/// One entry per parameter (`result[i]` is `$i+1`). `forced_nullable` holds 1-based numbers.
[[nodiscard]] std::vector<inferred_param> infer_params(const nlohmann::json& statement,
                                                       const catalog_facts& catalog,
                                                       int param_count,
                                                       const std::set<int>& forced_nullable);

}  // namespace soong::gen::detail
