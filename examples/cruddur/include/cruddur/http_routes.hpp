#pragma once
// Cruddur's HTTP API on cpp-httplib: the routes, each borrowing a connection from a pool or a
// cluster of a primary and hot standbys.

#include <httplib.h>

#include <soong/cluster.hpp>
#include <soong/pool.hpp>

#include "cruddur/connection_lender.hpp"

namespace cruddur::http {

/// Installs on `server`:
///   GET  /api/activities/home             → api::home_activities
///   POST /api/activities                  → api::create_activity (JSON body)
///   GET  /api/activities/@<handle>        → api::user_activities
///   POST /api/users/post-confirmation     → api::post_confirmation (Cognito event body)
///   PUT  /api/profile/update              → api::update_profile (JSON body)
/// Responses are JSON. An exception (database down, schema drift) answers 500
/// `{"errors":["internal_error"]}` and is logged to stderr with the query's name; a body that
/// is not JSON answers 400 `body_not_json`. Routes that only read (the two GETs) ask `lend` for
/// a read connection, the others for a write one.
void install_routes(httplib::Server& server, connection_lender lend);

/// Every route on a connection from `pool`, which must outlive the server.
void install_routes(httplib::Server& server, soong::pool& pool);

/// Reads on a standby, writes on the primary with their consistency token in the response's
/// X-Consistency-Token header; a read that sends it back sees that write. `cluster` must
/// outlive the server.
void install_routes(httplib::Server& server, soong::cluster& cluster);

}  // namespace cruddur::http
