// soong::stream_rows's engine: a generated statement in libpq's single-row mode.

#include <fmt/format.h>
#include <libpq-fe.h>

#include "column_check.hpp"
#include "connection_state.hpp"
#include "soong/error.hpp"
#include "soong/execute.hpp"
#include "statement_run.hpp"

namespace soong::detail {

row_stream::row_stream(connection& conn, const statement& stmt, const prepared_statement& prepared,
                       const param_slots& params)
    : conn_(conn), stmt_(stmt), prepared_(&prepared), params_(params) {
  check_not_aborted(conn_.state(), stmt_.name);
  if (conn_.state().hook) started_ = std::chrono::steady_clock::now();
  send();
}

row_stream::~row_stream() { discard_rest(); }

void row_stream::send() {
  connection_state& s = conn_.state();
  const prepared_statement& p = *prepared_;
  const int sent = p.name.empty()
                       ? PQsendQueryParams(s.conn, p.sql, params_.count, p.param_oids.data(),
                                           params_.values, params_.lengths, params_.formats, 1)
                       : PQsendQueryPrepared(s.conn, p.name.c_str(), params_.count, params_.values,
                                             params_.lengths, params_.formats, 1);
  if (sent != 1) throw_connection_lost(s, stmt_.name);
  running_ = true;
  // Right after a successful send libpq always accepts the mode; a refusal would mean the
  // connection is in a state this class does not expect (a pipeline), so say so.
  if (PQsetSingleRowMode(s.conn) != 1) {
    discard_rest();
    throw error(
        fmt::format("{}: libpq refused single-row mode for the streaming call", stmt_.name));
  }
}

bool row_stream::next() {
  if (!running_) return false;
  PGresult* res = PQgetResult(conn_.state().conn);
  if (res != nullptr && PQresultStatus(res) == PGRES_SINGLE_TUPLE) [[likely]] {
    if (delivered_ != 0) [[likely]] {
      current_.take_next_row(res);
    } else {
      current_ = result(res, stmt_.name, true);
      // Every row of the statement describes the same columns: the first one is checked.
      if (!columns_match(current_, *prepared_)) [[unlikely]] {
        discard_rest();  // the check's message may look types up on the server
        report(false);
        throw_result_columns(conn_.state(), stmt_, *prepared_, current_.native_handle());
      }
    }
    ++delivered_;
    return true;
  }
  return finish(res);
}

/// The statement's last result: its status after the rows (no rows of its own), or its error.
bool row_stream::finish(PGresult* last) {
  connection_state& s = conn_.state();
  discard_rest();  // the NULL that follows the last result
  if (last != nullptr && delivered_ == 0 && !retried_) {
    if (const prepared_statement* again = rerun_after_failure(conn_, stmt_, *prepared_, last)) {
      retried_ = true;
      prepared_ = again;
      send();
      return next();
    }
  }
  const ExecStatusType status = last != nullptr ? PQresultStatus(last) : PGRES_FATAL_ERROR;
  report(status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK);
  const result done(check_result(s, last, stmt_.name), stmt_.name, true);
  if (delivered_ == 0 && !columns_match(done, *prepared_)) [[unlikely]] {
    throw_result_columns(s, stmt_, *prepared_, done.native_handle());
  }
  return false;
}

void row_stream::discard_rest() noexcept {
  if (!running_) return;
  running_ = false;
  PGconn* conn = conn_.state().conn;
  while (PGresult* res = PQgetResult(conn)) PQclear(res);
}

void row_stream::report(bool succeeded) {
  connection_state& s = conn_.state();
  if (!s.hook) return;
  report_to_hook(s, stmt_.name, stmt_.sql, prepared_->param_oids.data(), params_,
                 std::chrono::steady_clock::now() - started_, succeeded);
}

}  // namespace soong::detail
