#include "oracle/schema_apply.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "oracle/pg_handles.hpp"
#include "oracle/text_position.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {
namespace {

std::string field(const PGresult* result, int code) {
  const char* value = result ? PQresultErrorField(result, code) : nullptr;
  return value ? std::string(value) : std::string();
}

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return text.size() == word.size() ||
         !(std::isalnum(static_cast<unsigned char>(text[word.size()])) || text[word.size()] == '_');
}

// Statements that end or start a transaction: a chunk holding one may have committed part of
// its work before failing, so it cannot be replayed.
bool is_transaction_control(std::string_view statement) {
  static constexpr std::array<std::string_view, 9> words = {
      "begin", "commit", "end", "start", "rollback", "abort", "savepoint", "release", "prepare"};
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return starts_with_word(statement, w); });
}

// PostgreSQL gives no position for errors such as `relation "x" already exists`, and a chunk
// may hold many statements. A failed multi-statement PQexec rolls back as a whole (it is one
// implicit transaction), so the chunk can be replayed one statement at a time, inside a
// transaction that is then rolled back, to find the first statement raising the same error.
// Returns the byte offset of that statement's first token, or nullopt when it cannot tell.
std::optional<std::size_t> locate_failing_statement(PGconn* conn, std::string_view text,
                                                    const server_error_fields& original) {
  const auto slices = split_sql_with_scanner(text);
  if (slices.size() < 2) return std::nullopt;
  std::vector<std::pair<std::size_t, std::string>> statements;
  for (const auto& slice : slices) {
    // libpg_query reports a length of 0 for a last statement that runs to the end.
    const std::string_view body =
        slice.length == 0 ? text.substr(slice.begin) : text.substr(slice.begin, slice.length);
    const std::size_t first = oracle_detail::first_token_offset(body);
    if (is_transaction_control(body.substr(first))) return std::nullopt;
    statements.emplace_back(slice.begin + first, std::string(body));
  }
  oracle_detail::result_ptr begin(PQexec(conn, "BEGIN"));
  if (PQresultStatus(begin.get()) != PGRES_COMMAND_OK) return std::nullopt;
  std::optional<std::size_t> found;
  for (const auto& [offset, statement] : statements) {
    oracle_detail::result_ptr result(PQexec(conn, statement.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
      continue;
    }
    const auto fields = error_fields(result.get(), conn);
    if (fields.sqlstate == original.sqlstate && fields.message == original.message) {
      found = offset;
    }
    break;
  }
  oracle_detail::result_ptr rollback(PQexec(conn, "ROLLBACK"));
  return found;
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
    oracle_detail::result_ptr result(PQexec(conn, chunk.text.c_str()));
    const auto status = PQresultStatus(result.get());
    if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || !result) {
      const auto fields = error_fields(result.get(), conn);
      // An explicit BEGIN in the file may leave an aborted transaction behind; end it before
      // anything else is sent.
      if (PQtransactionStatus(conn) != PQTRANS_IDLE) {
        oracle_detail::result_ptr rollback(PQexec(conn, "ROLLBACK"));
      }
      std::size_t offset = 0;
      if (fields.position > 0) {
        offset = oracle_detail::byte_offset_of_character(chunk.text, fields.position);
      } else if (auto located = locate_failing_statement(conn, chunk.text, fields)) {
        offset = *located;
      } else {
        offset = oracle_detail::first_token_offset(chunk.text);
      }
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
