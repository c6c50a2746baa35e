#pragma once
// Batches whose items return rows over the RDS Data API: what the generated `:batchone` and
// `:batchmany` overloads call. The service's BatchExecuteStatement returns no rows, so each item
// is its own ExecuteStatement, one after another, all in one Data API transaction.

#include <cstddef>
#include <functional>
#include <string_view>

#include "soong/data_api/session.hpp"

namespace soong::data_api {

/// Calls `run_item(in_transaction, k)` for k = 0 .. count-1 in order, where `in_transaction` is
/// a session in the batch's transaction: the session's own when it has one, otherwise one begun
/// here (BeginTransaction) and committed after the last item. An item that throws a
/// soong::sql_error ends the batch with the exception of the same class, its `batch_index()`
/// set to k and its message naming the query and the item ("GetUsers: batch item 3: ..."); no
/// item stays applied (the session's own transaction is left to its owner, who must roll it
/// back, as for any failing statement). The Data API has no savepoints, so a failing item cannot
/// be undone alone. Other exceptions pass through unchanged. Nothing is sent for count == 0.
void run_batch_items(
    const session& s, std::size_t count, std::string_view query_name,
    const std::function<void(const session& in_transaction, std::size_t k)>& run_item);

}  // namespace soong::data_api
