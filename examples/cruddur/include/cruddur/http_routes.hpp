#pragma once
// Cruddur's HTTP API on cpp-httplib: the routes, each borrowing a connection from a pool.

#include <httplib.h>

#include <soong/pool.hpp>

namespace cruddur::http {

/// Installs on `server`:
///   GET  /api/activities/home             → api::home_activities
///   POST /api/activities                  → api::create_activity (JSON body)
///   GET  /api/activities/@<handle>        → api::user_activities
///   POST /api/users/post-confirmation     → api::post_confirmation (Cognito event body)
/// Responses are JSON. An exception (database down, schema drift) answers 500
/// `{"errors":["internal_error"]}` and is logged to stderr with the query's name; a body that
/// is not JSON answers 400 `body_not_json`. `pool` must outlive the server.
void install_routes(httplib::Server& server, soong::pool& pool);

}  // namespace cruddur::http
