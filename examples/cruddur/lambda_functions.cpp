#include "cruddur/lambda_functions.hpp"

#include <soong/default_connection.hpp>
#include <stdexcept>
#include <string>

#include "cruddur/create_activity.hpp"
#include "cruddur/home_activities.hpp"
#include "cruddur/post_confirmation.hpp"
#include "cruddur/user_activities.hpp"

namespace cruddur::lambda {
namespace {

std::string string_field(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return {};
  const auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

}  // namespace

nlohmann::json proxy_response(const api::handler_result& result) {
  return {{"statusCode", result.status},
          {"headers", {{"Content-Type", "application/json"}}},
          {"body", result.body}};
}

nlohmann::json home_activities(const nlohmann::json& /*event*/) {
  return proxy_response(api::home_activities(soong::default_connection()));
}

nlohmann::json create_activity(const nlohmann::json& event) {
  // API Gateway passes the request body as a string; a missing or non-object body is the
  // client's mistake, not a server error.
  const auto request = api::parse_create_activity_request(string_field(event, "body"));
  if (!request) return proxy_response(api::errors_result(400, {"body_not_json"}));
  return proxy_response(api::create_activity(soong::default_connection(), *request));
}

nlohmann::json user_activities(const nlohmann::json& event) {
  const std::string handle = event.is_object() && event.contains("pathParameters")
                                 ? string_field(event["pathParameters"], "handle")
                                 : std::string{};
  return proxy_response(api::user_activities(soong::default_connection(), handle));
}

nlohmann::json post_confirmation(const nlohmann::json& event) {
  const api::handler_result result = api::post_confirmation(soong::default_connection(), event);
  if (result.status != 200) {
    throw std::runtime_error("post_confirmation: " + result.body);
  }
  return event;
}

}  // namespace cruddur::lambda
