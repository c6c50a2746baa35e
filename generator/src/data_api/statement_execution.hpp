#pragma once
// Runs one Data API statement on a PostgreSQL connection and builds the service's answer.

#include <libpq-fe.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace soong::gen::data_api {

/// The service's limits on an answer.
inline constexpr std::size_t max_response_bytes = 1024 * 1024;
inline constexpr std::size_t max_row_bytes = 64 * 1024;
inline constexpr std::size_t max_sql_characters = 65'536;

/// A statement with its `:name` placeholders numbered and its parameters bound.
struct prepared_call {
  std::string sql;  ///< with $n
  std::vector<std::string> names;
};

/// Checks the SQL (length, one statement) and numbers its placeholders. Throws service_failure.
[[nodiscard]] prepared_call prepare_call(const std::string& sql);

/// Runs `call` with `parameters` (SqlParameter JSON list) on `conn`. Returns the
/// ExecuteStatement answer (records, numberOfRecordsUpdated, columnMetadata when asked).
/// Throws service_failure: DatabaseErrorException for SQL errors, StatementTimeoutException when
/// the statement ran past `timeout`, BadRequestException for bad parameters or an answer over
/// the limits.
[[nodiscard]] nlohmann::json execute_call(PGconn* conn, const prepared_call& call,
                                          const nlohmann::json& parameters, bool include_metadata,
                                          std::chrono::milliseconds timeout);

/// Runs a plain command (BEGIN, COMMIT, ...) and returns its command status; throws
/// service_failure (DatabaseErrorException) on error.
std::string run_command(PGconn* conn, const char* sql);

}  // namespace soong::gen::data_api
