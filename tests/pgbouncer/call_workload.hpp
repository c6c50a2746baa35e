#pragma once
// The workload behind the statement-name tests: several threads, each with its own
// soong::connection, calling the generated queries of queries/calls.sql interleaved and
// checking every returned value against what the query must return for its argument.

#include <soong/connection.hpp>
#include <string>
#include <vector>

namespace pgbouncer_test {

/// How many calls, from how many threads.
struct workload_shape {
  int threads = 8;
  /// Calls of each :one query per thread (the :many and the :exec run every third round).
  int rounds = 300;
};

/// What the calls returned. Every call counts once: as correct, as an error, or as a wrong
/// value (a result without an error that is not what the query returns for its argument).
struct workload_report {
  int calls = 0;
  int correct = 0;
  int wrong_values = 0;
  /// Exceptions of any kind (including those counted below).
  int errors = 0;
  /// Exceptions not derived from soong::error.
  int untyped_errors = 0;
  /// soong::error whose message does not name the query it came from.
  int errors_without_query_name = 0;
  /// Connections that could not be opened (their thread made no calls).
  int failed_connections = 0;
  /// RecordCall calls that returned normally; the table must hold exactly this many rows.
  int recorded_calls = 0;
  /// The first few wrong values and errors, for the failure message.
  std::vector<std::string> wrong_value_samples;
  std::vector<std::string> error_samples;

  /// One line of counts plus the samples.
  [[nodiscard]] std::string summary() const;
};

/// Runs the workload against `conninfo` (a database holding schema.sql's tables, empty) with
/// `options` for every connection.
[[nodiscard]] workload_report run_workload(const std::string& conninfo,
                                           const soong::connection_options& options,
                                           const workload_shape& shape = {});

}  // namespace pgbouncer_test
