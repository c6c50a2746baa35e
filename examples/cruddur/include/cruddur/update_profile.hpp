#pragma once
// PUT /api/profile/update: the signed-in user edits their bio.

#include <optional>
#include <soong/connection.hpp>
#include <string_view>

#include "cruddur/handler_result.hpp"

namespace cruddur::api {

/// Sets the bio of the user signed in as `cognito_user_id` (nullopt clears it) and returns the
/// user as a JSON object built by PostgreSQL. 422 `cognito_user_id_blank`, 404 `user_not_found`.
[[nodiscard]] handler_result update_profile(soong::connection& conn,
                                            std::string_view cognito_user_id,
                                            std::optional<std::string_view> bio);

}  // namespace cruddur::api
