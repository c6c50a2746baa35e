#pragma once
// The workload behind the mixed-workload test: many threads, each making the same sequence of
// generated calls from queries/calls.sql and queries/mixed.sql (:one, :many, :exec, :execrows,
// :batchexec pipelines, :copyfrom, and explicit transactions, committed or rolled back on
// purpose), checking every returned value against what that thread knows it wrote. Afterwards
// check_table() compares the table with exactly the rows of the writes that committed.

#include <chrono>
#include <cstdint>
#include <map>
#include <soong/connection.hpp>
#include <string>
#include <utility>
#include <vector>

#include "call_tally.hpp"

namespace pgbouncer_test {

/// How many threads, and how many calls each.
struct mixed_shape {
  int threads = 20;
  /// Each thread runs whole steps of its sequence until it has made at least this many calls.
  int calls_per_thread = 1000;
};

/// What the threads do for a shape when nothing fails, in total.
struct mixed_plan {
  int steps = 0;
  int calls = 0;
  int committed_transactions = 0;
  int rolled_back_transactions = 0;
  /// Rows the thread's committed writes leave in the table.
  int rows = 0;
};

[[nodiscard]] mixed_plan planned(const mixed_shape& shape);

/// Where the threads' connections come from.
enum class connection_source {
  /// Each thread opens its own soong::connection and watches it through the statement hook.
  own_connection,
  /// All threads share one soong::pool (default pool options); each step runs on one lease.
  shared_pool,
};

/// (thread_id, n) -> kind: the rows that committed writes left in mixed_writes.
using written_rows = std::map<std::pair<std::int32_t, std::int64_t>, std::string>;

/// What the threads saw: their generated calls (call_tally) and the rest.
struct mixed_report : call_tally {
  /// Failures outside generated calls: BEGIN, COMMIT, ROLLBACK, a pool's acquire().
  int other_errors = 0;
  int transactions_committed = 0;
  int transactions_rolled_back = 0;
  /// own_connection only: non-empty statement_event::warning seen by the hooks, and the
  /// connections that saw exactly one.
  int warnings = 0;
  int connections_warned_once = 0;
  /// own_connection only: connections whose statement_cache_enabled() was still true after
  /// their first call that ran a statement (a COPY runs none).
  int connections_named_after_first_call = 0;
  std::chrono::milliseconds duration{0};
  written_rows committed_rows;

  /// One line of counts (and the duration), then the samples.
  [[nodiscard]] std::string summary() const;
};

/// Runs the workload against `conninfo` (a database holding schema.sql's tables, empty) with
/// `options` for every connection.
[[nodiscard]] mixed_report run_mixed_workload(const std::string& conninfo,
                                              const soong::connection_options& options,
                                              connection_source source,
                                              const mixed_shape& shape = {});

/// The table compared with the rows of the committed writes.
struct table_check {
  int rows = 0;
  /// Committed rows absent from the table, or stored with another kind.
  int missing = 0;
  /// Rows no committed write made (a rolled-back or failed write that stayed).
  int unexpected = 0;
  /// Rows written by the transactions rolled back on purpose (also counted as unexpected).
  int rolled_back = 0;
  std::vector<std::string> samples;

  [[nodiscard]] std::string summary() const;
};

/// Reads mixed_writes through plain libpq on `conninfo` and compares it with `committed`.
[[nodiscard]] table_check check_table(const std::string& conninfo, const written_rows& committed);

}  // namespace pgbouncer_test
