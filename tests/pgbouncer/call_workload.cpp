#include "call_workload.hpp"

#include <cstdint>
#include <exception>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "calls.sql.hpp"

namespace pgbouncer_test {
namespace {

std::vector<std::int64_t> one_to(std::int32_t count) {
  std::vector<std::int64_t> values;
  for (std::int32_t i = 1; i <= count; ++i) values.emplace_back(i);
  return values;
}

/// Even threads call the int8 query first, odd ones the text query: each connection's first
/// prepared statement is then a different query on different clients. All threads connect
/// before any calls, so the first statements race for the pooler's server connections.
void run_thread(int thread_id, const std::string& conninfo,
                const soong::connection_options& options, int rounds, std::latch& connected,
                workload_report& report) {
  tally_caller calls(thread_id, report);
  std::optional<soong::connection> conn;
  try {
    conn.emplace(conninfo, options);
  } catch (const std::exception& e) {
    calls.failed_connection(e);
    connected.count_down();
    return;
  }
  connected.arrive_and_wait();
  namespace db = pgbouncer_test::db;
  const auto int8_call = [&](std::int64_t n) {
    calls.check(
        "TripledPlusOne", std::to_string(n), [&] { return db::tripled_plus_one(*conn, n); },
        std::optional<std::int64_t>(n * 3 + 1));
  };
  const auto text_call = [&](std::int64_t n) {
    calls.check(
        "LabelFor", std::to_string(n), [&] { return db::label_for(*conn, n); },
        std::optional<std::string>("label-" + std::to_string(n)));
  };
  for (int round = 0; round < rounds; ++round) {
    const std::int64_t n = std::int64_t{thread_id} * 100000 + round;
    if (thread_id % 2 == 0) {
      int8_call(n);
      text_call(n);
    } else {
      text_call(n);
      int8_call(n);
    }
    if (round % 3 == thread_id % 3) {
      const std::int32_t count = round % 5 + 1;
      calls.check(
          "CountUpTo", std::to_string(count), [&] { return db::count_up_to(*conn, count); },
          one_to(count));
      if (calls.run("RecordCall",
                    [&] { db::record_call(*conn, {.thread_id = thread_id, .n = n}); })) {
        ++report.recorded_calls;
      }
    }
  }
}

}  // namespace

std::string workload_report::summary() const {
  std::string text = std::to_string(calls) + " calls: " + std::to_string(correct) + " correct, " +
                     std::to_string(wrong_values) + " wrong values, " + std::to_string(errors) +
                     " errors (" + std::to_string(untyped_errors) + " untyped, " +
                     std::to_string(errors_without_query_name) + " not naming their query), " +
                     std::to_string(failed_connections) + " failed connections";
  return text + samples_text();
}

workload_report run_workload(const std::string& conninfo, const soong::connection_options& options,
                             const workload_shape& shape) {
  std::vector<workload_report> per_thread(static_cast<std::size_t>(shape.threads));
  std::latch connected(shape.threads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < shape.threads; ++t) {
      threads.emplace_back(run_thread, t, std::cref(conninfo), std::cref(options), shape.rounds,
                           std::ref(connected), std::ref(per_thread[static_cast<std::size_t>(t)]));
    }
  }
  workload_report total;
  std::vector<const call_tally*> tallies;
  for (const auto& r : per_thread) {
    total.add_counts(r);
    total.recorded_calls += r.recorded_calls;
    tallies.push_back(&r);
  }
  total.add_samples_of(tallies);
  return total;
}

}  // namespace pgbouncer_test
