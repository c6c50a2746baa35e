#pragma once
// Operations jobs (a scheduled Lambda, a one-off import): expiring and bulk-loading activities.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <soong/chrono_types.hpp>
#include <soong/connection.hpp>

namespace cruddur::api {

/// Deletes the activities whose `expires_at` is before `now`; returns how many went.
[[nodiscard]] std::int64_t delete_expired_activities(soong::connection& conn,
                                                     soong::local_timestamp now);

/// Imports activities with one binary COPY (all or nothing). `items` is a JSON array of
/// `{"user_uuid", "message", "created_at", "expires_at"?}` with timestamps as ISO 8601 text.
/// Returns the number imported; throws nlohmann::json::exception for a malformed item and
/// soong::sql_error (e.g. an unknown user_uuid, 23503) when PostgreSQL refuses a row.
[[nodiscard]] std::int64_t import_activities(soong::connection& conn, const nlohmann::json& items);

}  // namespace cruddur::api
