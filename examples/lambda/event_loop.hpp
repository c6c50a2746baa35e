#pragma once
// The custom runtime's main loop, independent of the handler it runs.

#include <functional>
#include <nlohmann/json.hpp>

#include "runtime_api.hpp"

namespace cruddur::lambda_runtime {

/// A Lambda handler: the event in, the response out; an exception fails the invocation.
using handler = std::function<nlohmann::json(const nlohmann::json& event)>;

/// Answers events from `api` with `fn` until the Runtime API goes away; returns the process exit
/// code (1: the Runtime API could not be reached). An exception from `fn` is posted to the
/// invocation's /error endpoint with its type (`soong::connection_error`, ...) and message, and
/// the loop goes on: the next invocation reconnects through soong::default_connection(). The
/// calls on soong::default_connection() are bounded by the invocation's deadline (less a moment
/// to report): a statement still running then is cancelled and the invocation fails with it.
[[nodiscard]] int serve(runtime_api& api, const handler& fn);

}  // namespace cruddur::lambda_runtime
