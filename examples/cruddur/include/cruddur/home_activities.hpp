#pragma once
// GET /api/activities/home: the feed, newest first.

#include <soong/connection.hpp>

#include "cruddur/handler_result.hpp"

namespace cruddur::api {

/// The home feed as a JSON array built by PostgreSQL (HomeActivities, newest first).
[[nodiscard]] handler_result home_activities(soong::connection& conn);

}  // namespace cruddur::api
