#include "oracle/schema_apply.hpp"

#include <cstdlib>
#include <utility>

#include "diag/source_file.hpp"
#include "oracle/pg_handles.hpp"
#include "oracle/text_position.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {
namespace {

std::string field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? std::string(value) : std::string();
}

}  // namespace

server_error_fields error_fields(const PGresult* result, PGconn* conn) {
  server_error_fields out;
  out.message = field(result, PG_DIAG_MESSAGE_PRIMARY);
  out.sqlstate = field(result, PG_DIAG_SQLSTATE);
  out.detail = field(result, PG_DIAG_MESSAGE_DETAIL);
  out.hint = field(result, PG_DIAG_MESSAGE_HINT);
  const std::string position = field(result, PG_DIAG_STATEMENT_POSITION);
  out.position = position.empty() ? 0 : std::atoi(position.c_str());
  if (out.message.empty()) {
    // No server error fields: the connection itself failed (libpq's message says why).
    out.message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    while (!out.message.empty() && out.message.back() == '\n') out.message.pop_back();
  }
  return out;
}

std::optional<oracle_error> apply_schema(PGconn* conn, const std::vector<schema_chunk>& chunks) {
  for (const auto& chunk : chunks) {
    // One statement per PQexec: several statements in one PQexec are one implicit transaction,
    // which breaks migrations that use a value right after `ALTER TYPE ... ADD VALUE` ("unsafe
    // use of new value"), and errors without a position (`relation "x" already exists`) could
    // only point at the chunk. A file's own BEGIN/COMMIT still span its statements.
    std::vector<pg_statement_slice> slices = split_sql_with_scanner(chunk.text);
    if (slices.empty()) slices.push_back({0, chunk.text.size()});
    for (const auto& slice : slices) {
      const std::string statement(slice_text(chunk.text, slice));
      oracle_detail::result_ptr result(PQexec(conn, statement.c_str()));
      const auto status = PQresultStatus(result.get());
      if (status != PGRES_FATAL_ERROR && status != PGRES_BAD_RESPONSE && result) continue;
      const auto fields = error_fields(result.get(), conn);
      // A failed statement inside the file's own BEGIN leaves an aborted transaction.
      if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
        oracle_detail::result_ptr rollback(PQexec(conn, "ROLLBACK"));
      }
      const std::size_t offset =
          slice.begin + oracle_detail::statement_error_offset(statement, fields.position);
      oracle_error error;
      error.position = oracle_detail::position_in_chunk(chunk.text, chunk.start, offset);
      error.position.location.file = chunk.file;
      error.message = fields.message;
      error.sqlstate = fields.sqlstate;
      error.detail = fields.detail;
      error.hint = fields.hint;
      return error;
    }
    // A migration that opened a transaction and never closed it: psql would roll it back at
    // the end of the file, but a schema is meant to be applied, so keep its work.
    if (PQtransactionStatus(conn) == PQTRANS_INTRANS) {
      oracle_detail::result_ptr commit(PQexec(conn, "COMMIT"));
    }
  }
  oracle_detail::result_ptr reset(PQexec(conn, "RESET ALL"));
  return std::nullopt;
}

}  // namespace soong::gen
