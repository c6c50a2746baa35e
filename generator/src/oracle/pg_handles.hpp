#pragma once
// RAII owners for libpq's C handles and the few query helpers the oracle's catalog readers
// share. Internal to the oracle stage.

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace soong::gen::oracle_detail {

struct pgconn_deleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct pgresult_deleter {
  void operator()(PGresult* result) const { PQclear(result); }
};

/// Owns a PGconn; closes it with PQfinish.
using connection_ptr = std::unique_ptr<PGconn, pgconn_deleter>;
/// Owns a PGresult; frees it with PQclear.
using result_ptr = std::unique_ptr<PGresult, pgresult_deleter>;

/// Runs catalog SQL with text parameters; throws std::runtime_error naming `what` and quoting
/// the server's message when the result is not COMMAND_OK or TUPLES_OK. The oracle's own
/// catalog queries failing is a bug or a broken server, not a user error.
[[nodiscard]] result_ptr exec_checked(PGconn* conn, std::string_view what, const char* sql,
                                      const std::vector<std::string>& params = {});

/// Value of row `row`, column `col` as a string ("" for NULL).
[[nodiscard]] std::string text_at(const PGresult* result, int row, int col);
/// Value as an integer (0 for NULL).
[[nodiscard]] long long int_at(const PGresult* result, int row, int col);
/// A boolean in text format ('t'/'f').
[[nodiscard]] bool bool_at(const PGresult* result, int row, int col);

/// Quotes an SQL identifier with the server's rules (PQescapeIdentifier): the one place the
/// generator's commands quote a name they splice into SQL text (CREATE/DROP DATABASE, DROP
/// SCHEMA). Throws soong::error when the name is not valid in the connection's encoding.
[[nodiscard]] std::string quote_identifier(PGconn* conn, std::string_view name);

}  // namespace soong::gen::oracle_detail
