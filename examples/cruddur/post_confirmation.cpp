#include "cruddur/post_confirmation.hpp"

#include <soong/error.hpp>
#include <string_view>

#include "users.crud.hpp"

namespace cruddur::api {
namespace {

std::string read_attribute(const nlohmann::json& attributes, std::string_view name,
                           std::vector<std::string>& errors) {
  const auto found = attributes.find(name);
  if (found == attributes.end() || !found->is_string() ||
      found->get_ref<const std::string&>().empty()) {
    errors.push_back(std::string(name) + "_blank");
    return {};
  }
  return found->get<std::string>();
}

}  // namespace

cognito_user read_cognito_user(const nlohmann::json& event, std::vector<std::string>& errors) {
  static const nlohmann::json no_attributes = nlohmann::json::object();
  const nlohmann::json* attributes = &no_attributes;
  if (event.is_object() && event.contains("request") && event["request"].is_object() &&
      event["request"].contains("userAttributes") &&
      event["request"]["userAttributes"].is_object()) {
    attributes = &event["request"]["userAttributes"];
  }
  cognito_user user;
  user.display_name = read_attribute(*attributes, "name", errors);
  user.email = read_attribute(*attributes, "email", errors);
  user.handle = read_attribute(*attributes, "preferred_username", errors);
  user.cognito_user_id = read_attribute(*attributes, "sub", errors);
  return user;
}

handler_result post_confirmation(soong::connection& conn, const nlohmann::json& event) {
  std::vector<std::string> errors;
  const cognito_user user = read_cognito_user(event, errors);
  if (!errors.empty()) return errors_result(422, errors);
  try {
    // uuid and created_at are left to their defaults (soong::use_default).
    (void)cruddur::db::insert_users(conn, {.display_name = user.display_name,
                                           .handle = user.handle,
                                           .email = user.email,
                                           .cognito_user_id = user.cognito_user_id});
  } catch (const soong::unique_violation&) {
    return errors_result(409, {"user_handle_taken"});
  }
  return json_result(event.dump());
}

}  // namespace cruddur::api
