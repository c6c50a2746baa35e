#include "cruddur/update_profile.hpp"

#include "users.crud.hpp"
#include "users/find.sql.hpp"

namespace cruddur::api {

handler_result update_profile(soong::connection& conn, std::string_view cognito_user_id,
                              std::optional<std::string_view> bio) {
  if (cognito_user_id.empty()) return errors_result(422, {"cognito_user_id_blank"});
  const auto user = cruddur::db::find_user_by_cognito_id(conn, cognito_user_id);
  if (!user) return errors_result(404, {"user_not_found"});
  // keep every other column; set(std::nullopt) clears the bio.
  const std::optional<std::string> new_bio = bio ? std::optional<std::string>(*bio) : std::nullopt;
  if (!cruddur::db::update_users(conn, user->uuid, {.bio = soong::set(new_bio)})) {
    return errors_result(404, {"user_not_found"});  // deleted in between
  }
  const auto updated = cruddur::db::find_user_by_cognito_id_json(conn, cognito_user_id);
  if (!updated) return errors_result(404, {"user_not_found"});  // deleted in between
  return json_result(*updated);
}

}  // namespace cruddur::api
