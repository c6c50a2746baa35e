#pragma once
// GET /api/activities/@:handle: one user's activities.

#include <soong/connection.hpp>
#include <string_view>

#include "cruddur/handler_result.hpp"

namespace cruddur::api {

/// The activities of the user with `handle`, newest first, as a JSON array built by PostgreSQL
/// (`[]` for an unknown handle). A blank handle is a 422 `user_handle_blank`.
[[nodiscard]] handler_result user_activities(soong::connection& conn, std::string_view handle);

}  // namespace cruddur::api
