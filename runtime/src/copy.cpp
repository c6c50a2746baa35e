// Binary COPY FROM STDIN: the stream header and trailer, chunked sending, and mapping the
// server's verdict (all rows or none) to a result or an sql_error naming the query.

#include "soong/copy.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <chrono>
#include <cstring>
#include <string>

#include "connection_state.hpp"
#include "soong/error.hpp"

namespace soong::detail {

namespace {

/// "PGCOPY\n\377\r\n\0", flags (int32 0: no OIDs), header extension length (int32 0); see
/// "Binary Format" under COPY in the PostgreSQL manual.
constexpr char copy_signature[] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', '\377', '\r', '\n', '\0'};

/// A column name as SQL: used as is when already quoted, else double-quoted.
std::string quote_column(std::string_view name) {
  if (!name.empty() && name.front() == '"') return std::string(name);
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace

copy_writer::copy_writer(connection& conn, const copy_statement& stmt)
    : use_(conn, stmt.name), conn_(&conn), stmt_(&stmt), types_(&conn.types()) {
  connection_state& s = conn.state();
  check_not_aborted(s, stmt.name);
  if (stmt.column_names.size() != stmt.columns.size()) {
    throw error(fmt::format("{}: copy_statement has {} column names but {} column types", stmt.name,
                            stmt.column_names.size(), stmt.columns.size()));
  }
  column_oids_.reserve(stmt.columns.size());
  for (const type_ref& ref : stmt.columns) {
    column_oids_.push_back(ref.oid != 0 ? ref.oid : types_->lookup(ref.schema, ref.name).oid);
  }
  sql_ = fmt::format("COPY {} (", stmt.table);
  for (std::size_t i = 0; i < stmt.column_names.size(); ++i) {
    if (i != 0) sql_ += ", ";
    sql_ += quote_column(stmt.column_names[i]);
  }
  sql_ += ") FROM STDIN (FORMAT binary)";
  buffer_.append(copy_signature, sizeof copy_signature);
  buffer_.append_be<std::int32_t>(0);
  buffer_.append_be<std::int32_t>(0);
}

copy_writer::~copy_writer() {
  if (!finished_) abandon("soong: COPY abandoned by the client");
}

void copy_writer::flush() {
  connection_state& s = conn_->state();
  if (!started_) {
    PGresult* res = PQexec(s.conn, sql_.c_str());
    if (res != nullptr && PQresultStatus(res) == PGRES_COPY_IN) {
      PQclear(res);
    } else {
      finished_ = true;  // the COPY never started: nothing to end
      PQclear(check_result(s, res, stmt_->name));
      throw error(fmt::format("{}: the server did not start COPY FROM STDIN", stmt_->name));
    }
    started_ = true;
  }
  // libpq copies the chunk into its output buffer and sends it; a refusal means the connection
  // broke (the server's verdict on the rows comes after PQputCopyEnd).
  if (PQputCopyData(s.conn, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    finished_ = true;
    throw_connection_lost(s, stmt_->name);
  }
  buffer_.clear();
}

std::int64_t copy_writer::finish() {
  const auto start = std::chrono::steady_clock::now();
  buffer_.append_be<std::int16_t>(-1);
  flush();
  connection_state& s = conn_->state();
  finished_ = true;
  if (PQputCopyEnd(s.conn, nullptr) != 1) throw_connection_lost(s, stmt_->name);
  PGresult* res = PQgetResult(s.conn);
  // Whatever follows the COPY's result (nothing, normally) must be read before the next query.
  while (PGresult* extra = PQgetResult(s.conn)) PQclear(extra);
  const bool succeeded = res != nullptr && PQresultStatus(res) == PGRES_COMMAND_OK;
  if (s.hook) {
    statement_event event;
    event.query_name = stmt_->name;
    event.sql = sql_;
    event.duration = std::chrono::steady_clock::now() - start;
    event.succeeded = succeeded;
    try {
      s.hook(event);
    } catch (...) {
      // Observation only.
    }
  }
  result copied(check_result(s, res, stmt_->name), stmt_->name, true);
  return static_cast<std::int64_t>(copied.affected_rows());
}

void copy_writer::abandon(const char* reason) noexcept {
  finished_ = true;
  if (!started_) return;  // nothing was sent
  connection_state& s = conn_->state();
  // An error message in CopyFail makes the server discard every row of this COPY.
  if (PQputCopyEnd(s.conn, reason) == 1) {
    while (PGresult* res = PQgetResult(s.conn)) {
      if (PQtransactionStatus(s.conn) == PQTRANS_INERROR && s.failed_transaction_error.empty()) {
        s.failed_transaction_error = fmt::format("{}: COPY abandoned", stmt_->name);
      }
      PQclear(res);
    }
  }
}

void copy_writer::rethrow_field_error(std::size_t row, std::size_t column) {
  abandon("soong: a value could not be encoded");
  try {
    throw;
  } catch (const error& e) {
    throw error(fmt::format("{}: COPY row {}, column \"{}\": {}", stmt_->name, row,
                            stmt_->column_names[column], e.what()));
  }
}

}  // namespace soong::detail
