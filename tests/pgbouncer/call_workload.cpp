#include "call_workload.hpp"

#include <cstdint>
#include <exception>
#include <latch>
#include <optional>
#include <soong/error.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "calls.sql.hpp"
#include "value_text.hpp"

namespace pgbouncer_test {
namespace {

constexpr std::size_t max_samples = 4;

/// One thread's calls on one connection, counted into `report`.
class caller {
 public:
  caller(int thread_id, workload_report& report) : thread_id_(thread_id), report_(report) {}

  /// Calls `call` (which names `query`), expecting `expected`.
  template <class Call, class Expected>
  void check(std::string_view query, std::int64_t argument, Call&& call, const Expected& expected) {
    ++report_.calls;
    try {
      const auto actual = call();
      if (actual == expected) {
        ++report_.correct;
      } else {
        ++report_.wrong_values;
        sample(report_.wrong_value_samples, std::string(query) + "(" + std::to_string(argument) +
                                                ") returned " + describe(actual) + ", expected " +
                                                describe(expected));
      }
    } catch (const soong::error& e) {
      count_error(query, e.what(), true);
    } catch (const std::exception& e) {
      count_error(query, e.what(), false);
    }
  }

  /// Runs the :exec `call` (which names `query`); counts a normal return as correct.
  template <class Call>
  void run(std::string_view query, Call&& call) {
    ++report_.calls;
    try {
      call();
      ++report_.correct;
      ++report_.recorded_calls;
    } catch (const soong::error& e) {
      count_error(query, e.what(), true);
    } catch (const std::exception& e) {
      count_error(query, e.what(), false);
    }
  }

  void sample(std::vector<std::string>& samples, std::string text) {
    if (samples.size() < max_samples) {
      samples.push_back("thread " + std::to_string(thread_id_) + ": " + std::move(text));
    }
  }

 private:
  void count_error(std::string_view query, std::string_view message, bool typed) {
    ++report_.errors;
    if (!typed) ++report_.untyped_errors;
    if (typed && message.find(query) == std::string_view::npos) {
      ++report_.errors_without_query_name;
    }
    // A typed error's message starts with its query's name already.
    sample(report_.error_samples,
           typed ? std::string(message)
                 : "untyped, in " + std::string(query) + ": " + std::string(message));
  }

  int thread_id_;
  workload_report& report_;
};

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
  caller calls(thread_id, report);
  std::optional<soong::connection> conn;
  try {
    conn.emplace(conninfo, options);
  } catch (const std::exception& e) {
    ++report.failed_connections;
    calls.sample(report.error_samples, std::string("cannot connect: ") + e.what());
    connected.count_down();
    return;
  }
  connected.arrive_and_wait();
  namespace db = pgbouncer_test::db;
  const auto int8_call = [&](std::int64_t n) {
    calls.check(
        "TripledPlusOne", n, [&] { return db::tripled_plus_one(*conn, n); },
        std::optional<std::int64_t>(n * 3 + 1));
  };
  const auto text_call = [&](std::int64_t n) {
    calls.check(
        "LabelFor", n, [&] { return db::label_for(*conn, n); },
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
          "CountUpTo", count, [&] { return db::count_up_to(*conn, count); }, one_to(count));
      calls.run("RecordCall", [&] { db::record_call(*conn, {.thread_id = thread_id, .n = n}); });
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
  for (const auto& s : wrong_value_samples) text += "\n  wrong value: " + s;
  for (const auto& s : error_samples) text += "\n  error: " + s;
  return text;
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
  for (const auto& r : per_thread) {
    total.calls += r.calls;
    total.correct += r.correct;
    total.wrong_values += r.wrong_values;
    total.errors += r.errors;
    total.untyped_errors += r.untyped_errors;
    total.errors_without_query_name += r.errors_without_query_name;
    total.failed_connections += r.failed_connections;
    total.recorded_calls += r.recorded_calls;
  }
  // The first sample of each thread first: threads often fail differently.
  for (std::size_t i = 0; i < max_samples; ++i) {
    for (const auto& r : per_thread) {
      if (i < r.wrong_value_samples.size() && total.wrong_value_samples.size() < max_samples) {
        total.wrong_value_samples.push_back(r.wrong_value_samples[i]);
      }
      if (i < r.error_samples.size() && total.error_samples.size() < max_samples) {
        total.error_samples.push_back(r.error_samples[i]);
      }
    }
  }
  return total;
}

}  // namespace pgbouncer_test
