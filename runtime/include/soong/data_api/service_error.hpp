#pragma once
// The RDS Data API's errors, mapped onto soong's exception hierarchy so that code written
// against a libpq connection catches the same types over the Data API: a unique violation is
// soong::unique_violation on both transports.
//
// The service answers a failed call with an HTTP status, the error's name in the
// `x-amzn-ErrorType` header and a `{"message": ...}` body. For SQL errors
// (DatabaseErrorException) the message is PostgreSQL's report in the JDBC driver's layout,
// ending in `; SQLState: XXXXX`, e.g.
//   ERROR: duplicate key value violates unique constraint "users_pkey"
//     Detail: Key (id)=(1) already exists.; SQLState: 23505
// Reference: Amazon RDS Data API Reference (Errors of each operation); the message layout is
// the one the service is documented and reported to send.

#include <optional>
#include <string>
#include <string_view>

#include "soong/error.hpp"

namespace soong::data_api {

/// What a failed call answered.
struct service_error_report {
  int http_status = 0;
  std::string type;  ///< short name, e.g. "DatabaseErrorException" (see error_type_name)
  std::string message;
};

/// The short error name of an `x-amzn-ErrorType` header: the part before any `:` or `,`, after
/// any `#` namespace (`aws.protocols#BadRequestException:http://...` -> `BadRequestException`).
[[nodiscard]] std::string error_type_name(std::string_view header);

/// The fields of a DatabaseErrorException message; nullopt when it carries no SQLState.
[[nodiscard]] std::optional<sql_error_fields> parse_database_error(std::string_view message);
/// The message the service sends for `fields` (the emulator's side of the same format).
[[nodiscard]] std::string format_database_error(const sql_error_fields& fields);

/// A Data API failure that is not the database's: a bad request, missing permission, unknown
/// resource, unsupported result. `what()` names the query and the service's error name.
class service_error : public error {
 public:
  service_error(std::string_view query_name, service_error_report report);
  [[nodiscard]] const service_error_report& report() const noexcept { return report_; }

 private:
  service_error_report report_;
};

/// True when the service says the statement was cancelled before it ran (the cluster was
/// resuming from a pause): resending is safe for every statement, writes included.
[[nodiscard]] bool cancelled_before_running(const service_error_report& report);

/// True when the statement may or may not have run (a timeout, a 5xx answer): resend only what
/// is known to be read-only or idempotent.
[[nodiscard]] bool outcome_unknown(const service_error_report& report);

/// Throws the soong exception for a failed call of `query_name`:
/// - DatabaseErrorException: the soong::sql_error subclass of its SQLState (unique_violation...);
/// - StatementTimeoutException: soong::query_canceled (57014), saying the service timed out;
/// - TransactionNotFoundException: soong::transaction_aborted (a transaction idle for more than
///   3 minutes is ended by the service);
/// - DatabaseResumingException, DatabaseUnavailableException, other 5xx: soong::connection_error;
/// - anything else: data_api::service_error.
[[noreturn]] void throw_service_error(std::string_view query_name,
                                      const service_error_report& report);

}  // namespace soong::data_api
