#pragma once
// The Cognito post-confirmation trigger: store the newly confirmed user.

#include <nlohmann/json.hpp>
#include <soong/connection.hpp>
#include <string>
#include <vector>

#include "cruddur/handler_result.hpp"

namespace cruddur::api {

/// The user attributes Cruddur reads from `event.request.userAttributes`.
struct cognito_user {
  std::string display_name;     // `name`
  std::string email;            // `email`
  std::string handle;           // `preferred_username`
  std::string cognito_user_id;  // `sub`
};

/// Reads the attributes; `errors` gets `<attribute>_blank` (e.g. `preferred_username_blank`)
/// for each one that is missing, not a string, or empty.
[[nodiscard]] cognito_user read_cognito_user(const nlohmann::json& event,
                                             std::vector<std::string>& errors);

/// Inserts the user of a post-confirmation event with CreateUser (bound parameters, stored
/// verbatim) and answers 200 with the event itself, as Cognito expects a trigger to return it.
/// Missing attributes: 422 with the errors; a taken handle: 409 `user_handle_taken`.
[[nodiscard]] handler_result post_confirmation(soong::connection& conn,
                                               const nlohmann::json& event);

}  // namespace cruddur::api
