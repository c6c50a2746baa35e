#pragma once
// POST /api/activities: validate like the original Python service, insert, return the object.

#include <chrono>
#include <optional>
#include <soong/chrono_types.hpp>
#include <soong/connection.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cruddur/handler_result.hpp"

namespace cruddur::api {

/// The fields of a new activity as the client sends them (`{"handle","message","ttl"}`).
struct create_activity_request {
  std::string handle;
  std::string message;
  std::string ttl;
};

/// Reads a request body `{"handle":..,"message":..,"ttl":..}`; nullopt when it is not a JSON
/// object. Missing or non-string fields read as empty (and then fail validation as blank).
[[nodiscard]] std::optional<create_activity_request> parse_create_activity_request(
    std::string_view json_body);

/// Longest message, in Unicode code points (the Python service counted `len(str)`).
inline constexpr std::size_t max_message_code_points = 280;

/// How long an activity lives for a ttl name (`30-days` ... `1-hour`); nullopt when unknown.
[[nodiscard]] std::optional<std::chrono::hours> ttl_duration(std::string_view ttl);

/// Number of code points in UTF-8 text; nullopt when `text` is not valid UTF-8.
[[nodiscard]] std::optional<std::size_t> count_code_points(std::string_view text);

/// The named validation errors, in a fixed order: `user_handle_blank`, `ttl_blank`,
/// `ttl_unknown`, `message_blank`, `message_exceed_max_chars`, `message_not_utf8`. Empty: valid.
[[nodiscard]] std::vector<std::string> validate_activity(const create_activity_request& request);

/// Validates (422 with the errors, nothing inserted), inserts with CreateActivity, and returns
/// the new activity as a JSON object built by PostgreSQL (ActivityObject). `now` is the time the
/// ttl counts from (a `timestamp` column: UTC wall time). An unknown handle is a 422
/// `user_handle_unknown`.
[[nodiscard]] handler_result create_activity(soong::connection& conn,
                                             const create_activity_request& request,
                                             soong::local_timestamp now);

/// As above, counting the ttl from the current UTC time.
[[nodiscard]] handler_result create_activity(soong::connection& conn,
                                             const create_activity_request& request);

}  // namespace cruddur::api
