#include "parse/server_position.hpp"

#include "parse/pg_query_wrapper.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {

std::size_t file_offset_of_server_position(const parsed_statement& statement, int position) {
  if (position < 1) return statement.file_offset;
  return statement.offsets.original_offset(
      byte_offset_of_position(statement.rewritten_sql, position));
}

diagnostic diagnostic_at_server_position(const source_file& file, const parsed_statement& statement,
                                         int position, severity level, std::string message,
                                         std::string code) {
  const std::size_t at = file_offset_of_server_position(statement, position);
  // Token offsets of the statement as written, shifted to file offsets.
  std::vector<pg_token> tokens = scan_sql(statement.sql).tokens;
  for (pg_token& token : tokens) {
    token.begin += statement.file_offset;
    token.end += statement.file_offset;
  }
  std::size_t length = token_length_at(tokens, at);
  // At a rewritten parameter, underline all of what the user wrote (`@name`, `%(name)s`).
  for (const offset_map::segment& segment : statement.offsets.segments) {
    if (!segment.copied && segment.original_begin == at && segment.original_length > 0) {
      length = segment.original_length;
    }
  }
  return make_diagnostic(file, at, length, level, std::move(message), std::move(code));
}

}  // namespace soong::gen
