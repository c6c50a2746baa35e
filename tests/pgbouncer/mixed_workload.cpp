#include "mixed_workload.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <exception>
#include <latch>
#include <memory>
#include <optional>
#include <soong/pool.hpp>
#include <soong/transaction.hpp>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "calls.sql.hpp"
#include "mixed.sql.hpp"

namespace pgbouncer_test {
namespace {

namespace db = pgbouncer_test::db;

/// A thread's sequence, run from the first step to the last and over again.
enum class step {
  first_one,  // even threads TripledPlusOne, odd ones LabelFor
  count_up_to,
  write_row,
  second_one,  // the other one of the two
  committed_transaction,
  write_rows,
  batch,
  copy,
  rolled_back_transaction,
  written_between,
  count_all,
};
constexpr int step_count = 11;
static_assert(static_cast<int>(step::count_all) + 1 == step_count);
/// Generated calls each step makes, in step order.
constexpr std::array<int, step_count> calls_of_step{1, 1, 1, 1, 3, 1, 1, 1, 3, 1, 1};
/// Rows each step leaves in the table, in step order.
constexpr std::array<int, step_count> rows_of_step{0, 0, 1, 0, 3, 3, 4, 3, 0, 0, 0};

constexpr std::string_view kind_exec = "exec";
constexpr std::string_view kind_execrows = "execrows";
constexpr std::string_view kind_batch = "batch";
constexpr std::string_view kind_copy = "copy";
constexpr std::string_view kind_transaction = "transaction";
constexpr std::string_view kind_rolled_back = "rolled_back";

/// Rows of one thread are numbered from here; threads never share a number.
constexpr std::int64_t numbers_per_thread = 10'000'000;

/// Thread t starts its sequence at step t % step_count, so the first generated call of a
/// connection is of every kind somewhere (a :one, a transaction, a pipeline batch, a COPY...).
step step_of(int thread_id, int index) {
  return static_cast<step>((thread_id + index) % step_count);
}

/// What thread `thread_id` does when nothing fails: whole steps until it made
/// shape.calls_per_thread calls.
mixed_plan plan_of_thread(const mixed_shape& shape, int thread_id) {
  mixed_plan plan;
  for (; plan.calls < shape.calls_per_thread; ++plan.steps) {
    const step s = step_of(thread_id, plan.steps);
    plan.calls += calls_of_step[static_cast<std::size_t>(s)];
    plan.rows += rows_of_step[static_cast<std::size_t>(s)];
    if (s == step::committed_transaction) ++plan.committed_transactions;
    if (s == step::rolled_back_transaction) ++plan.rolled_back_transactions;
  }
  return plan;
}

/// One thread's steps, counted into its own report; it keeps the rows its committed writes
/// left, which tell what every read of its rows must return.
class mixed_thread {
 public:
  mixed_thread(int thread_id, mixed_report& report)
      : thread_id_(thread_id),
        report_(report),
        calls_(thread_id, report),
        first_n_(std::int64_t{thread_id} * numbers_per_thread),
        next_n_(first_n_),
        next_argument_(first_n_) {}

  void run_step(soong::connection& conn, step s) {
    switch (s) {
      case step::first_one:
        thread_id_ % 2 == 0 ? int8_call(conn) : text_call(conn);
        break;
      case step::count_up_to:
        count_up_to(conn);
        break;
      case step::write_row:
        write_row(conn);
        break;
      case step::second_one:
        thread_id_ % 2 == 0 ? text_call(conn) : int8_call(conn);
        break;
      case step::committed_transaction:
        committed_transaction(conn);
        break;
      case step::write_rows:
        write_rows(conn);
        break;
      case step::batch:
        batch(conn);
        break;
      case step::copy:
        copy(conn);
        break;
      case step::rolled_back_transaction:
        rolled_back_transaction(conn);
        break;
      case step::written_between:
        written_between(conn);
        break;
      case step::count_all:
        count_written(conn, first_n_, next_n_ - 1);
        break;
    }
  }

  /// A failure outside a generated call.
  void other_error(std::string_view what, const std::exception& e) {
    ++report_.other_errors;
    calls_.sample(report_.error_samples, std::string(what) + ": " + e.what());
  }

  void failed_connection(const std::exception& e) { calls_.failed_connection(e); }

 private:
  template <class Call, class Expected>
  bool check(std::string_view query, const std::string& arguments, Call&& call,
             const Expected& expected) {
    return calls_.check(query, arguments, std::forward<Call>(call), expected);
  }

  template <class Call>
  bool run(std::string_view query, Call&& call) {
    return calls_.run(query, std::forward<Call>(call));
  }

  /// `count` fresh row numbers; returns the first.
  std::int64_t take(int count) {
    const std::int64_t first = next_n_;
    next_n_ += count;
    return first;
  }

  void committed(std::int64_t n, std::string_view kind) {
    report_.committed_rows.emplace(std::pair{thread_id_, n}, std::string(kind));
  }

  /// This thread's committed row numbers in [low, high].
  std::vector<std::int64_t> committed_between(std::int64_t low, std::int64_t high) const {
    std::vector<std::int64_t> numbers;
    const auto end = report_.committed_rows.upper_bound({thread_id_, high});
    for (auto it = report_.committed_rows.lower_bound({thread_id_, low}); it != end; ++it) {
      numbers.push_back(it->first.second);
    }
    return numbers;
  }

  void int8_call(soong::connection& conn) {
    const std::int64_t x = next_argument_++;
    check(
        "TripledPlusOne", std::to_string(x), [&] { return db::tripled_plus_one(conn, x); },
        std::optional<std::int64_t>(x * 3 + 1));
  }

  void text_call(soong::connection& conn) {
    const std::int64_t x = next_argument_++;
    check(
        "LabelFor", std::to_string(x), [&] { return db::label_for(conn, x); },
        std::optional<std::string>("label-" + std::to_string(x)));
  }

  void count_up_to(soong::connection& conn) {
    const auto count = static_cast<std::int32_t>(next_argument_++ % 5 + 1);
    std::vector<std::int64_t> expected;
    for (std::int32_t i = 1; i <= count; ++i) expected.emplace_back(i);
    check(
        "CountUpTo", std::to_string(count), [&] { return db::count_up_to(conn, count); }, expected);
  }

  void write_row(soong::connection& conn) {
    const std::int64_t n = take(1);
    if (run("WriteRow", [&] { db::write_row(conn, {thread_id_, n, kind_exec}); })) {
      committed(n, kind_exec);
    }
  }

  void write_rows(soong::connection& conn) {
    const std::int64_t n = take(3);
    if (check(
            "WriteRows", std::to_string(n) + ", 3",
            [&] {
              return db::write_rows(conn, {thread_id_, n, kind_execrows, 3});
            },
            std::int64_t{3})) {
      for (std::int64_t i = 0; i < 3; ++i) committed(n + i, kind_execrows);
    }
  }

  void batch(soong::connection& conn) {
    const std::int64_t n = take(4);
    const std::array<db::write_row_batch_params, 4> items{
        {{thread_id_, n, std::string(kind_batch)},
         {thread_id_, n + 1, std::string(kind_batch)},
         {thread_id_, n + 2, std::string(kind_batch)},
         {thread_id_, n + 3, std::string(kind_batch)}}};
    if (run("WriteRowBatch", [&] { db::write_row_batch(conn, items); })) {
      for (const auto& item : items) committed(item.n, kind_batch);
    }
  }

  void copy(soong::connection& conn) {
    const std::int64_t n = take(3);
    const std::array<db::copy_rows_params, 3> rows{{{thread_id_, n, std::string(kind_copy)},
                                                    {thread_id_, n + 1, std::string(kind_copy)},
                                                    {thread_id_, n + 2, std::string(kind_copy)}}};
    if (check(
            "CopyRows", std::to_string(n) + "..+2", [&] { return db::copy_rows(conn, rows); },
            std::int64_t{3})) {
      for (const auto& row : rows) committed(row.n, kind_copy);
    }
  }

  bool count_written(soong::connection& conn, std::int64_t low, std::int64_t high,
                     std::optional<std::int64_t> expected = std::nullopt) {
    if (!expected) expected = static_cast<std::int64_t>(committed_between(low, high).size());
    return check(
        "CountWritten", std::to_string(low) + ".." + std::to_string(high),
        [&] {
          return db::count_written(conn, {thread_id_, low, high});
        },
        expected);
  }

  void written_between(soong::connection& conn) {
    const std::int64_t high = next_n_ - 1;
    const std::int64_t low = std::max(first_n_, high - 15);
    check(
        "WrittenBetween", std::to_string(low) + ".." + std::to_string(high),
        [&] {
          return db::written_between(conn, {thread_id_, low, high});
        },
        committed_between(low, high));
  }

  /// A row, a read of it inside the transaction, and a pipeline batch of two more rows; then
  /// COMMIT. When a call fails the transaction rolls back instead and none of it counts.
  void committed_transaction(soong::connection& conn) {
    const std::int64_t n = take(3);
    try {
      soong::transaction tx(conn);
      bool ok = run("WriteRow", [&] { db::write_row(conn, {thread_id_, n, kind_transaction}); });
      // The transaction sees its own row before it commits.
      ok = count_written(conn, n, n, ok ? 1 : 0) && ok;
      const std::array<db::write_row_batch_params, 2> items{
          {{thread_id_, n + 1, std::string(kind_transaction)},
           {thread_id_, n + 2, std::string(kind_transaction)}}};
      ok = run("WriteRowBatch", [&] { db::write_row_batch(conn, items); }) && ok;
      if (!ok) return;  // ~transaction rolls back
      tx.commit();
    } catch (const std::exception& e) {
      other_error("committed transaction", e);
      return;
    }
    ++report_.transactions_committed;
    for (std::int64_t i = 0; i < 3; ++i) committed(n + i, kind_transaction);
  }

  /// A row and an :execrows of two more inside a transaction rolled back on purpose; then,
  /// outside it, a count that must find none of them.
  void rolled_back_transaction(soong::connection& conn) {
    const std::int64_t n = take(3);
    try {
      soong::transaction tx(conn);
      run("WriteRow", [&] { db::write_row(conn, {thread_id_, n, kind_rolled_back}); });
      check(
          "WriteRows", std::to_string(n + 1) + ", 2",
          [&] {
            return db::write_rows(conn, {thread_id_, n + 1, kind_rolled_back, 2});
          },
          std::int64_t{2});
      tx.rollback();
      ++report_.transactions_rolled_back;
    } catch (const std::exception& e) {
      other_error("rolled-back transaction", e);
    }
    count_written(conn, n, n + 2, 0);
  }

  int thread_id_;
  mixed_report& report_;
  tally_caller calls_;
  std::int64_t first_n_;
  std::int64_t next_n_;
  std::int64_t next_argument_;
};

void run_on_own_connection(int thread_id, const std::string& conninfo,
                           const soong::connection_options& options, int steps,
                           std::latch& connected, mixed_report& report) {
  mixed_thread thread(thread_id, report);
  std::optional<soong::connection> conn;
  try {
    conn.emplace(conninfo, options);
  } catch (const std::exception& e) {
    thread.failed_connection(e);
    connected.count_down();
    return;
  }
  int warnings = 0;
  conn->set_statement_hook([&warnings](const soong::statement_event& event) {
    if (!event.warning.empty()) ++warnings;
  });
  // All threads connect before any calls, so the first statements race for the pooler's
  // server connections.
  connected.arrive_and_wait();
  bool first_statement_ran = false;
  for (int i = 0; i < steps; ++i) {
    const step s = step_of(thread_id, i);
    thread.run_step(*conn, s);
    // COPY runs no statement, so it neither needs nor triggers the choice of statements.
    if (!first_statement_ran && s != step::copy) {
      first_statement_ran = true;
      if (conn->statement_cache_enabled()) ++report.connections_named_after_first_call;
    }
  }
  report.warnings += warnings;
  if (warnings == 1) ++report.connections_warned_once;
}

void run_on_pool(int thread_id, soong::pool& pool, int steps, std::latch& ready,
                 mixed_report& report) {
  mixed_thread thread(thread_id, report);
  ready.arrive_and_wait();
  for (int i = 0; i < steps; ++i) {
    try {
      const soong::pool::lease lease = pool.acquire();
      thread.run_step(*lease, step_of(thread_id, i));
    } catch (const std::exception& e) {
      thread.other_error("pool acquire", e);
    }
  }
}

void add_counts(mixed_report& total, const mixed_report& r) {
  total.call_tally::add_counts(r);
  total.other_errors += r.other_errors;
  total.transactions_committed += r.transactions_committed;
  total.transactions_rolled_back += r.transactions_rolled_back;
  total.warnings += r.warnings;
  total.connections_warned_once += r.connections_warned_once;
  total.connections_named_after_first_call += r.connections_named_after_first_call;
  total.committed_rows.insert(r.committed_rows.begin(), r.committed_rows.end());
}

}  // namespace

mixed_plan planned(const mixed_shape& shape) {
  mixed_plan total;
  for (int t = 0; t < shape.threads; ++t) {
    const mixed_plan plan = plan_of_thread(shape, t);
    total.steps += plan.steps;
    total.calls += plan.calls;
    total.committed_transactions += plan.committed_transactions;
    total.rolled_back_transactions += plan.rolled_back_transactions;
    total.rows += plan.rows;
  }
  return total;
}

std::string mixed_report::summary() const {
  std::string text =
      std::to_string(calls) + " calls, " + std::to_string(correct) + " correct, " +
      std::to_string(errors) + " errors (" + std::to_string(untyped_errors) + " untyped, " +
      std::to_string(errors_without_query_name) + " not naming their query), " +
      std::to_string(wrong_values) + " wrong values, " + std::to_string(other_errors) +
      " other errors, " + std::to_string(failed_connections) + " failed connections, " +
      std::to_string(transactions_committed) + " transactions committed, " +
      std::to_string(transactions_rolled_back) + " rolled back, " +
      std::to_string(committed_rows.size()) + " rows committed, " + std::to_string(warnings) +
      " switch warnings, " + std::to_string(duration.count()) + " ms";
  if (!errors_by_kind.empty()) {
    text += "\n  errors by query and kind:";
    for (const auto& [kind, count] : errors_by_kind) {
      text += " " + kind + " x" + std::to_string(count) + ";";
    }
  }
  return text + samples_text();
}

mixed_report run_mixed_workload(const std::string& conninfo,
                                const soong::connection_options& options, connection_source source,
                                const mixed_shape& shape) {
  std::vector<mixed_report> per_thread(static_cast<std::size_t>(shape.threads));
  std::latch ready(shape.threads);
  std::optional<soong::pool> pool;
  if (source == connection_source::shared_pool)
    pool.emplace(conninfo, soong::pool_options{}, options);
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < shape.threads; ++t) {
      mixed_report& report = per_thread[static_cast<std::size_t>(t)];
      const int steps = plan_of_thread(shape, t).steps;
      if (pool) {
        threads.emplace_back(run_on_pool, t, std::ref(*pool), steps, std::ref(ready),
                             std::ref(report));
      } else {
        threads.emplace_back(run_on_own_connection, t, std::cref(conninfo), std::cref(options),
                             steps, std::ref(ready), std::ref(report));
      }
    }
  }
  mixed_report total;
  total.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::vector<const call_tally*> tallies;
  for (const auto& r : per_thread) {
    add_counts(total, r);
    tallies.push_back(&r);
  }
  total.add_samples_of(tallies);
  return total;
}

std::string table_check::summary() const {
  std::string text = std::to_string(rows) + " rows in mixed_writes, " + std::to_string(missing) +
                     " committed rows missing, " + std::to_string(unexpected) +
                     " unexpected rows (" + std::to_string(rolled_back) + " rolled back)";
  for (const auto& s : samples) text += "\n  " + s;
  return text;
}

table_check check_table(const std::string& conninfo, const written_rows& committed) {
  const std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("check_table: " + std::string(PQerrorMessage(conn.get())));
  }
  const std::unique_ptr<PGresult, decltype(&PQclear)> res(
      PQexec(conn.get(), "SELECT thread_id, n, kind FROM mixed_writes"), &PQclear);
  if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error("check_table: " + std::string(PQresultErrorMessage(res.get())));
  }
  table_check check;
  check.rows = PQntuples(res.get());
  written_rows stored;
  for (int i = 0; i < check.rows; ++i) {
    stored.emplace(
        std::pair{std::stoi(PQgetvalue(res.get(), i, 0)), std::stoll(PQgetvalue(res.get(), i, 1))},
        PQgetvalue(res.get(), i, 2));
  }
  const auto row_text = [](const written_rows::value_type& row) {
    return "(thread " + std::to_string(row.first.first) + ", n " +
           std::to_string(row.first.second) + ", " + row.second + ")";
  };
  for (const auto& row : committed) {
    const auto it = stored.find(row.first);
    if (it == stored.end() || it->second != row.second) {
      ++check.missing;
      add_sample(check.samples, "missing: " + row_text(row));
    }
  }
  for (const auto& row : stored) {
    const auto it = committed.find(row.first);
    if (it == committed.end() || it->second != row.second) {
      ++check.unexpected;
      if (row.second == kind_rolled_back) ++check.rolled_back;
      add_sample(check.samples, "unexpected: " + row_text(row));
    }
  }
  return check;
}

}  // namespace pgbouncer_test
