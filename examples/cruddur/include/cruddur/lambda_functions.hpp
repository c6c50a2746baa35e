#pragma once
// Cruddur's handlers as Lambda functions: API Gateway proxy events in, proxy responses out
// (`{"statusCode":..,"headers":{..},"body":".."}`), over soong::default_connection() (made
// from the environment on first use, reused and re-checked by warm invocations).

#include <nlohmann/json.hpp>

#include "cruddur/handler_result.hpp"

namespace cruddur::lambda {

/// A handler_result as an API Gateway proxy response with a JSON content type.
[[nodiscard]] nlohmann::json proxy_response(const api::handler_result& result);

/// GET /api/activities/home.
[[nodiscard]] nlohmann::json home_activities(const nlohmann::json& event);

/// POST /api/activities; the event's `body` is the JSON text `{"handle","message","ttl"}`
/// (400 `body_not_json` otherwise).
[[nodiscard]] nlohmann::json create_activity(const nlohmann::json& event);

/// GET /api/activities/@{handle}; the handle comes from `pathParameters.handle`.
[[nodiscard]] nlohmann::json user_activities(const nlohmann::json& event);

/// Cognito post-confirmation trigger: returns the event on success; throws std::runtime_error
/// (which makes Cognito fail the confirmation) with the errors otherwise.
[[nodiscard]] nlohmann::json post_confirmation(const nlohmann::json& event);

}  // namespace cruddur::lambda
