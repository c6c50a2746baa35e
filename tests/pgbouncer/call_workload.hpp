#pragma once
// The workload behind the statement-name tests: several threads, each with its own
// soong::connection, calling the generated queries of queries/calls.sql interleaved and
// checking every returned value against what the query must return for its argument.

#include <soong/connection.hpp>
#include <string>

#include "call_tally.hpp"

namespace pgbouncer_test {

/// How many calls, from how many threads.
struct workload_shape {
  int threads = 8;
  /// Calls of each :one query per thread (the :many and the :exec run every third round).
  int rounds = 300;
};

/// What the calls returned (call_tally), and how many rows they wrote.
struct workload_report : call_tally {
  /// RecordCall calls that returned normally; the table must hold exactly this many rows.
  int recorded_calls = 0;

  /// One line of counts plus the samples.
  [[nodiscard]] std::string summary() const;
};

/// Runs the workload against `conninfo` (a database holding schema.sql's tables, empty) with
/// `options` for every connection.
[[nodiscard]] workload_report run_workload(const std::string& conninfo,
                                           const soong::connection_options& options,
                                           const workload_shape& shape = {});

}  // namespace pgbouncer_test
