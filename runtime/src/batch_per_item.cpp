// Pipeline batches with per-item results: a savepoint before each item, so a failing item is
// undone alone and the items after it still run (see execute_batch_per_item).

#include <fmt/format.h>
#include <libpq-fe.h>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "column_check.hpp"
#include "connection_state.hpp"
#include "pipeline_scope.hpp"
#include "soong/batch_outcome.hpp"
#include "soong/type_registry.hpp"

namespace soong::detail {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string savepoint_name(std::size_t index) { return fmt::format("soong_batch_{}", index); }

/// Runs a transaction-control command outside pipeline mode.
void run_command(connection_state& s, const std::string& sql) {
  PQclear(check_result(s, PQexec(s.conn, sql.c_str()), sql));
}

void send_command(connection_state& s, std::string_view query_name, const std::string& sql) {
  if (PQsendQueryParams(s.conn, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) != 1) {
    throw_connection_lost(s, query_name);
  }
}

void send_item(connection_state& s, std::string_view query_name, const prepared_statement& prepared,
               const param_slots& p) {
  static constexpr int binary = 1;
  const int sent =
      prepared.name.empty()
          ? PQsendQueryParams(s.conn, prepared.sql, p.count, prepared.param_oids.data(), p.values,
                              p.lengths, p.formats, binary)
          : PQsendQueryPrepared(s.conn, prepared.name.c_str(), p.count, p.values, p.lengths,
                                p.formats, binary);
  if (sent != 1) throw_connection_lost(s, query_name);
}

/// Reads the next result of the pipeline and the NULL that ends it.
result_ptr next_result(connection_state& s, std::string_view query_name) {
  result_ptr res(PQgetResult(s.conn), &PQclear);
  if (!res) throw_connection_lost(s, query_name);
  if (PQresultStatus(res.get()) == PGRES_PIPELINE_SYNC) return res;
  if (PGresult* extra = PQgetResult(s.conn); extra != nullptr) {
    PQclear(extra);
    throw error(fmt::format("{}: a batch statement must return one result per item", query_name));
  }
  return res;
}

/// A transaction-control command's result inside the pipeline: applied, or skipped after an
/// earlier failure of the same pipeline.
void check_command_result(connection_state& s, std::string_view query_name, result_ptr res) {
  const ExecStatusType status = PQresultStatus(res.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_PIPELINE_ABORTED) return;
  if (status == PGRES_FATAL_ERROR && PQstatus(s.conn) == CONNECTION_OK) {
    throw_sql_error(query_name, res.get());
  }
  throw_connection_lost(s, query_name);
}

/// The item's error as the exception a single statement would throw, with its item index.
std::exception_ptr item_failure(std::string_view query_name, sql_error_fields fields,
                                std::size_t index) {
  try {
    throw_sql_error(std::string(query_name), std::move(fields), index);
  } catch (...) {
    return std::current_exception();
  }
}

batch_step deliver_failure(const batch_item_sink& sink, std::size_t index,
                           std::exception_ptr failure) {
  const error* err = nullptr;
  try {
    std::rethrow_exception(failure);
  } catch (const error& e) {
    err = &e;  // the exception object lives as long as `failure` refers to it
  }
  return sink.deliver(sink.self, batch_outcome(index, std::move(failure), err), nullptr);
}

/// What one pipeline (one sync) came back with.
struct segment_outcome {
  std::size_t sent_end = 0;            ///< items [begin, sent_end) were sent
  std::optional<std::size_t> failed;   ///< the item that failed; later ones were not executed
  std::optional<std::size_t> stopped;  ///< the item after which on_item asked to stop
  /// The failed item's error said the server lost the prepared statement (26000): not delivered,
  /// the caller prepares it again and sends the item once more.
  bool statement_lost = false;
};

/// Sends items [begin, count), each after its savepoint, with one sync (`first` is item begin,
/// already encoded), and delivers each item's outcome as it is read. Sending ends early at an item
/// that cannot be encoded in pipeline mode; the caller encodes it again outside.
segment_outcome run_segment(connection_state& s, const statement& stmt,
                            const prepared_statement& prepared, const batch_items& items,
                            std::size_t begin, param_slots first, bool send_begin,
                            bool may_prepare_again, const batch_item_sink& sink) {
  pipeline_scope scope(s, stmt.name);
  if (send_begin) send_command(s, stmt.name, "BEGIN");
  std::size_t sent = begin;
  param_slots params = first;
  for (;;) {
    send_command(s, stmt.name, "SAVEPOINT " + savepoint_name(sent));
    send_item(s, stmt.name, prepared, params);
    if (++sent == items.count) break;
    try {
      params = items.encode(items.self, sent);
    } catch (const type_lookup_in_pipeline&) {
      break;  // encoded again outside pipeline mode, where the lookup can run
    } catch (const error&) {
      break;  // encoded again outside pipeline mode, which reports the error for this item
    }
  }
  if (PQpipelineSync(s.conn) != 1) throw_connection_lost(s, stmt.name);
  scope.sent_sync();

  segment_outcome outcome{.sent_end = sent, .failed = {}, .stopped = {}};
  if (send_begin) check_command_result(s, stmt.name, next_result(s, stmt.name));
  for (std::size_t item = begin; item < sent; ++item) {
    check_command_result(s, stmt.name, next_result(s, stmt.name));
    result_ptr res = next_result(s, stmt.name);
    const ExecStatusType status = PQresultStatus(res.get());
    const bool delivering = !outcome.failed && !outcome.stopped;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      if (!columns_match(res.get(), prepared)) [[unlikely]] {
        throw_result_columns(s, stmt, prepared, res.get());
      }
      if (!delivering) continue;
      const result r(res.release(), stmt.name, true);
      if (sink.deliver(sink.self, batch_outcome(item, nullptr, nullptr), &r) == batch_step::stop) {
        outcome.stopped = item;
      }
    } else if (status == PGRES_PIPELINE_ABORTED) {
      // Not executed: an earlier item of this pipeline failed.
    } else if (status == PGRES_FATAL_ERROR && is_server_error(s, res.get())) {
      outcome.failed = item;
      if (delivering && may_prepare_again && !prepared.name.empty() &&
          sqlstate_of(res.get()) == "26000") {
        outcome.statement_lost = true;
      } else if (delivering && deliver_failure(sink, item,
                                               item_failure(stmt.name, error_fields(res.get()),
                                                            item)) == batch_step::stop) {
        outcome.stopped = item;
      }
    } else {
      throw_connection_lost(s, stmt.name);
    }
  }
  const result_ptr sync = next_result(s, stmt.name);
  if (PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) throw_connection_lost(s, stmt.name);
  scope.read_sync();
  return outcome;
}

/// Undoes the batch after an exception: its own transaction, or its part of the caller's.
void undo_batch(connection_state& s, bool own_transaction,
                const std::optional<std::size_t>& first_savepoint) noexcept {
  if (PQstatus(s.conn) != CONNECTION_OK) return;
  try {
    if (own_transaction) {
      if (PQtransactionStatus(s.conn) != PQTRANS_IDLE) run_command(s, "ROLLBACK");
    } else if (first_savepoint) {
      run_command(s, "ROLLBACK TO SAVEPOINT " + savepoint_name(*first_savepoint));
      run_command(s, "RELEASE SAVEPOINT " + savepoint_name(*first_savepoint));
    }
  } catch (...) {
    // The original exception is the one to report; a broken connection says so on next use.
  }
}

}  // namespace

void run_batch_per_item(connection& conn, const statement& stmt, const prepared_statement& prepared,
                        const batch_items& items, const batch_item_sink& sink) {
  connection_state& s = conn.state();
  check_not_aborted(s, stmt.name);
  const bool own_transaction = PQtransactionStatus(s.conn) == PQTRANS_IDLE;
  const auto start = std::chrono::steady_clock::now();
  std::optional<std::size_t> first_savepoint;
  bool began = false;
  bool all_succeeded = true;
  bool prepared_again = false;
  try {
    for (std::size_t next = 0; next < items.count;) {
      param_slots first;
      try {
        first = items.encode(items.self, next);
      } catch (const error&) {
        all_succeeded = false;
        if (deliver_failure(sink, next, std::current_exception()) == batch_step::stop) break;
        ++next;
        continue;
      }
      const bool send_begin = own_transaction && !began;
      began = began || own_transaction;
      if (!first_savepoint) first_savepoint = next;
      const segment_outcome outcome =
          run_segment(s, stmt, prepared, items, next, first, send_begin, !prepared_again, sink);
      if (outcome.statement_lost) {
        // As a single statement would: prepare it again and send the item once more.
        run_command(s, "ROLLBACK TO SAVEPOINT " + savepoint_name(*outcome.failed));
        run_command(s, "RELEASE SAVEPOINT " + savepoint_name(*outcome.failed));
        prepare_again(s, stmt, prepared);
        prepared_again = true;
        next = *outcome.failed;
        continue;
      }
      if (outcome.failed) {
        all_succeeded = false;
        // The transaction is failed from that item on: back to the savepoint before it.
        run_command(s, "ROLLBACK TO SAVEPOINT " + savepoint_name(*outcome.failed));
      } else if (outcome.stopped && *outcome.stopped + 1 < outcome.sent_end) {
        // Items after the stop already ran: undo them.
        run_command(s, "ROLLBACK TO SAVEPOINT " + savepoint_name(*outcome.stopped + 1));
      }
      if (outcome.stopped) break;
      next = outcome.failed ? *outcome.failed + 1 : outcome.sent_end;
    }
    if (own_transaction) {
      if (began) run_command(s, "COMMIT");
    } else if (first_savepoint) {
      run_command(s, "RELEASE SAVEPOINT " + savepoint_name(*first_savepoint));
    }
  } catch (...) {
    undo_batch(s, own_transaction, first_savepoint);
    call_hook(s, stmt, std::chrono::steady_clock::now() - start, false);
    throw;
  }
  call_hook(s, stmt, std::chrono::steady_clock::now() - start, all_succeeded);
}

}  // namespace soong::detail
