// Pipeline batches: encode and send every item, one sync, read every result; on a failure
// re-send the items the failure rolled back (see execute_batch).

#include "soong/pipeline.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "column_check.hpp"
#include "connection_state.hpp"
#include "pipeline_scope.hpp"
#include "pooler_detection.hpp"

namespace soong {

namespace detail {

namespace {

using result_ptr = std::unique_ptr<PGresult, decltype(&PQclear)>;

/// The first item that failed in one pipeline, with the server's error report.
struct batch_failure {
  std::size_t index = 0;
  sql_error_fields fields;
  /// In automatic mode, the error said the statement's name did not reach the server session.
  bool name_went_astray = false;
};

/// What one pipeline (one sync) came back with.
struct segment_outcome {
  /// Items [begin, sent_end) were sent. Less than the end asked for when the next item could not
  /// be encoded in pipeline mode (e.g. it needs a user-type lookup, which is a query): the caller
  /// retries it outside pipeline mode, where a real encoding error is thrown.
  std::size_t sent_end = 0;
  /// The first item that failed on the server; the items after it come back
  /// PGRES_PIPELINE_ABORTED (not executed).
  std::optional<batch_failure> failure;
};

int send_item(connection_state& s, const prepared_statement& prepared, const param_slots& p) {
  static constexpr int binary = 1;
  return prepared.name.empty()
             ? PQsendQueryParams(s.conn, prepared.sql, p.count, prepared.param_oids.data(),
                                 p.values, p.lengths, p.formats, binary)
             : PQsendQueryPrepared(s.conn, prepared.name.c_str(), p.count, p.values, p.lengths,
                                   p.formats, binary);
}

/// Sends items [begin, end) in one pipeline with one sync, each encoded just before it is sent,
/// and reads every result: kept in `results` when given, else freed at once.
///
/// All items are sent before the first result is read, as a hand-written libpq pipeline does.
/// That cannot deadlock when the server's replies fill the socket while we still send: libpq in
/// blocking mode reads (and buffers) incoming data whenever a write would block (pqSendSome).
segment_outcome run_segment(connection_state& s, const statement& stmt,
                            const prepared_statement& prepared, const batch_items& items,
                            std::size_t begin, std::size_t end, std::vector<result>* results) {
  // The first item is encoded before pipeline mode, so user types it needs are looked up then.
  param_slots params = items.encode(items.self, begin);
  pipeline_scope scope(s, stmt.name);
  std::size_t sent = begin;
  for (;;) {
    if (send_item(s, prepared, params) != 1) throw_connection_lost(s, stmt.name);
    if (++sent == end) break;
    // Either way the items sent so far get their sync and are read below, and the caller's
    // next segment encodes this item again before entering pipeline mode: then the lookup runs,
    // or the encoding error is thrown there, after the items before it have run.
    try {
      params = items.encode(items.self, sent);
    } catch (const type_lookup_in_pipeline&) {
      break;
    } catch (const error&) {
      break;
    }
  }
  if (PQpipelineSync(s.conn) != 1) throw_connection_lost(s, stmt.name);
  scope.sent_sync();

  segment_outcome outcome{.sent_end = sent, .failure = {}};
  for (std::size_t item = begin; item < sent; ++item) {
    result_ptr res(PQgetResult(s.conn), &PQclear);
    const ExecStatusType status = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      if (!columns_match(res.get(), prepared)) [[unlikely]] {
        throw_result_columns(s, stmt, prepared, res.get());
      }
      if (results != nullptr) results->emplace_back(res.release(), stmt.name, true);
    } else if (status == PGRES_PIPELINE_ABORTED) {
      // Skipped by the server after an earlier failure.
    } else if (status == PGRES_FATAL_ERROR && is_server_error(s, res.get())) {
      if (!outcome.failure) {
        outcome.failure = batch_failure{
            item, error_fields(res.get()),
            s.cache_mode == statement_cache_mode::automatic && is_statement_name_error(res.get())};
      }
    } else {
      throw_connection_lost(s, stmt.name);
    }
    // Each item's results end with a NULL.
    if (PGresult* extra = PQgetResult(s.conn); extra != nullptr) {
      PQclear(extra);
      throw error(fmt::format("{}: a batch statement must return one result per item", stmt.name));
    }
  }
  result_ptr sync(PQgetResult(s.conn), &PQclear);
  if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
    throw_connection_lost(s, stmt.name);
  }
  scope.read_sync();
  return outcome;
}

}  // namespace

std::string batch_item_label(std::string_view query_name, std::size_t index) {
  return fmt::format("{}: batch item {}", query_name, index);
}

void run_batch(connection& conn, const statement& stmt, const prepared_statement& prepared,
               const batch_items& items, std::vector<result>* results) {
  connection_state& s = conn.state();
  check_not_aborted(s, stmt.name);
  const bool in_transaction = PQtransactionStatus(s.conn) == PQTRANS_INTRANS;
  const auto start = std::chrono::steady_clock::now();
  if (results != nullptr) results->reserve(items.count);

  // Normally one segment (one pipeline, one sync) covers the whole batch. Outside a transaction
  // each sync commits, so after a failure only the failing segment's items need re-sending.
  std::size_t segment_begin = 0;
  std::optional<batch_failure> failure;
  bool sent_again = false;
  try {
    for (std::size_t next = 0; next < items.count && !failure;) {
      segment_begin = next;
      segment_outcome outcome = run_segment(s, stmt, prepared, items, next, items.count, results);
      if (outcome.failure && outcome.failure->index == next && !in_transaction &&
          !prepared.name.empty() && !sent_again) {
        // The segment's first item failed outside a transaction, so nothing of the segment ran
        // and it can be sent once more: unnamed when the statement's name did not reach the
        // server session (automatic mode), or prepared again when the server lost it (26000),
        // as a single statement would be.
        if (outcome.failure->name_went_astray) {
          switch_to_unnamed_statements(
              s, stmt.name, "a batch failed with \"" + outcome.failure->fields.message + "\"");
          sent_again = true;
          continue;
        }
        if (outcome.failure->fields.sqlstate == "26000") {
          prepare_again(s, stmt, prepared);
          sent_again = true;
          continue;
        }
      }
      failure = std::move(outcome.failure);
      next = outcome.sent_end;
    }
    if (!failure) {
      call_hook(s, stmt, std::chrono::steady_clock::now() - start, true);
      return;
    }
    if (in_transaction) {
      // The caller's transaction is now failed; soong::transaction rolls it back.
      s.failed_transaction_error =
          fmt::format("{}: batch item {}: {}", stmt.name, failure->index, failure->fields.message);
    } else {
      // The implicit transaction of the pipeline rolled the segment's items before the failure
      // back: apply them again. Should one of them now fail (the database changed in between),
      // that item is the one reported.
      while (failure->index > segment_begin) {
        segment_outcome again =
            run_segment(s, stmt, prepared, items, segment_begin, failure->index, nullptr);
        if (again.failure) {
          failure = std::move(again.failure);
        } else {
          segment_begin = again.sent_end;
        }
      }
    }
  } catch (...) {
    call_hook(s, stmt, std::chrono::steady_clock::now() - start, false);
    throw;
  }
  call_hook(s, stmt, std::chrono::steady_clock::now() - start, false);
  throw_sql_error(std::string(stmt.name), std::move(failure->fields), failure->index);
}

}  // namespace detail

}  // namespace soong
