#pragma once
// Batches over the RDS Data API: what the generated `:batchexec` and `:copyfrom` overloads call.
// One statement runs once per parameter set with BatchExecuteStatement, as few requests as the
// service's 4 MiB request limit allows, all in one transaction so that the batch applies whole
// or not at all.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "soong/data_api/session.hpp"

namespace soong::data_api {

/// Consecutive parameter sets whose BatchExecute request (the JSON client::call sends, ARNs and
/// transaction id included) stays within max_batch_request_bytes. `body` is the request without
/// parameterSets. Nothing is sent; a set too large to travel even alone throws
/// request_too_large naming `query_name`.
[[nodiscard]] std::vector<std::vector<nlohmann::json>> split_batch(
    const client& owner, const nlohmann::json& body, std::vector<nlohmann::json> parameter_sets,
    std::string_view query_name);

/// Runs `sql` (`:name` placeholders) once per entry of `parameter_sets` (each the service's
/// SqlParameter list) and returns how many ran. In the session's transaction when it has one;
/// otherwise in a transaction of its own, committed after the last request. A failure anywhere
/// throws what client::call throws, naming `query_name`, and no item of the batch stays applied
/// (the session's own transaction is left to its owner, who must roll it back). An empty batch
/// sends nothing.
std::int64_t execute_batch(const session& s, std::string_view sql,
                           std::vector<nlohmann::json> parameter_sets, std::string_view query_name);

}  // namespace soong::data_api
