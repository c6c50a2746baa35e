#pragma once
// PostgreSQL reports an error's place as a 1-based character position in the SQL it received
// (PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION)); that SQL is a statement's
// `rewritten_sql`. These helpers point the error at the user's file instead.

#include <cstddef>
#include <string>

#include "diag/diagnostic.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// The byte offset in the query file of server position `position` (1-based, code points)
/// of `statement.rewritten_sql`. Positions < 1 give the statement's first token.
[[nodiscard]] std::size_t file_offset_of_server_position(const parsed_statement& statement,
                                                         int position);

/// A diagnostic at server position `position` of `statement` (parsed from `file`), underlining
/// the token of the original text found there, e.g. the misspelt column name.
[[nodiscard]] diagnostic diagnostic_at_server_position(const source_file& file,
                                                       const parsed_statement& statement,
                                                       int position, severity level,
                                                       std::string message, std::string code);

}  // namespace soong::gen
