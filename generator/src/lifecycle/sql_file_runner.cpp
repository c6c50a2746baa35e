#include "lifecycle/sql_file_runner.hpp"

#include <algorithm>
#include <string_view>

#include "diag/codes.hpp"
#include "diag/source_file.hpp"
#include "oracle/pg_handles.hpp"
#include "oracle/schema_apply.hpp"
#include "oracle/text_position.hpp"
#include "parse/keyword_token.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/schema_input.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen::lifecycle {
namespace {

enum class transaction_control { none, folded, forbidden };

/// What a statement does to the transaction, from its first keyword: BEGIN, START
/// (TRANSACTION), COMMIT and END are folded into the run's own transaction; ROLLBACK and ABORT
/// would undo it.
transaction_control transaction_control_of(std::string_view statement) {
  const pg_scan_result scanned = scan_sql(statement);
  const auto first = std::find_if(scanned.tokens.begin(), scanned.tokens.end(),
                                  [](const pg_token& t) { return !is_comment(t); });
  if (first == scanned.tokens.end()) return transaction_control::none;
  const auto first_is = [&](std::string_view word) { return is_keyword(*first, statement, word); };
  if (first_is("begin") || first_is("start") || first_is("commit") || first_is("end")) {
    return transaction_control::folded;
  }
  if (first_is("rollback") || first_is("abort")) return transaction_control::forbidden;
  return transaction_control::none;
}

/// The diagnostic for byte `offset` of `file` (offsets in `sql` are offsets in `original`).
diagnostic diagnostic_at(const sql_file& file, std::size_t offset, std::string message,
                         std::string code) {
  const schema_sql selected{file.path, file.sql, true};
  const int position = static_cast<int>(
      code_point_count(std::string_view(file.sql).substr(0, std::min(offset, file.sql.size()))) +
      1);
  return diagnostic_at_schema_position(source_file(file.path, file.original), selected, position,
                                       severity::error, std::move(message), std::move(code));
}

}  // namespace

sql_run_result run_in_transaction(PGconn* conn, const std::vector<sql_file>& files) {
  sql_run_result run;
  for (const sql_file& file : files) {
    for (const pg_statement_slice& slice : split_sql_with_scanner(file.sql)) {
      const std::string statement(slice_text(file.sql, slice));
      const std::size_t statement_start =
          slice.begin + oracle_detail::first_token_offset(statement);
      switch (transaction_control_of(statement)) {
        case transaction_control::folded:
          continue;
        case transaction_control::forbidden:
          run.failure = diagnostic_at(
              file, statement_start,
              "this file is loaded in one transaction, which ROLLBACK would end; remove it",
              codes::transaction_ended_in_load);
          return run;
        case transaction_control::none:
          break;
      }
      const oracle_detail::result_ptr result(PQexec(conn, statement.c_str()));
      const ExecStatusType status = PQresultStatus(result.get());
      if (result == nullptr || status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE) {
        const server_error_fields fields = error_fields(result.get(), conn);
        const std::size_t offset =
            slice.begin + oracle_detail::statement_error_offset(statement, fields.position);
        std::string message = fields.message;
        if (!fields.detail.empty()) message += " (" + fields.detail + ")";
        run.failure = diagnostic_at(file, offset, std::move(message), fields.sqlstate);
        return run;
      }
      ++run.statements;
      if (PQtransactionStatus(conn) != PQTRANS_INTRANS) {
        run.failure = diagnostic_at(
            file, statement_start,
            "this statement ended the transaction the file is loaded in (a procedure that "
            "commits?)",
            codes::transaction_ended_in_load);
        return run;
      }
    }
  }
  return run;
}

}  // namespace soong::gen::lifecycle
