#pragma once
// The only door to libpg_query (docs/design.md: `pg_query.h` is included by one source file,
// this wrapper's). Everything here is our own data: tokens, statement slices, JSON trees and errors
// with byte offsets, so no other file needs to know libpg_query's C structs or its quirks.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soong::gen {

/// An error reported by libpg_query, with the position converted to a byte offset.
struct pg_error {
  std::string message;
  /// 0-based byte offset into the text that was given to libpg_query, when it has one.
  std::optional<std::size_t> byte_offset;
};

/// The token classes the generator cares about; everything else is `other`.
enum class pg_token_kind {
  sql_comment,      // -- ...
  c_comment,        // /* ... */
  semicolon,        // ;
  open_paren,       // (
  close_paren,      // )
  dot,              // .
  percent,          // % as a single-character token
  identifier,       // plain or "quoted" identifier that is not a keyword
  keyword,          // any SQL keyword, reserved or not (its text tells which)
  string_constant,  // '...', E'...', $tag$...$tag$, U&'...'
  operator_symbol,  // a multi-character or user-defined operator: @>, ||, ->>, =@
  param,            // $1
  other,
};

/// One scanner token: [begin, end) byte offsets into the scanned text.
struct pg_token {
  std::size_t begin = 0;
  std::size_t end = 0;
  pg_token_kind kind = pg_token_kind::other;
};

/// Result of scanning: the tokens, or an error (e.g. an unterminated quoted string).
struct pg_scan_result {
  std::vector<pg_token> tokens;
  std::optional<pg_error> error;
};

/// Splits `sql` into PostgreSQL tokens with PostgreSQL's own lexer; comments are tokens too.
[[nodiscard]] pg_scan_result scan_sql(std::string_view sql);

/// One statement slice of a text: [begin, begin + length) in bytes.
struct pg_statement_slice {
  std::size_t begin = 0;
  std::size_t length = 0;
};

/// Splits `sql` at top-level semicolons with libpg_query's scanner-based splitter, which never
/// stops at a syntax error. Slices start right after the previous `;`, so they include the
/// comments before a statement; chunks that contain no keyword are dropped by libpg_query.
[[nodiscard]] std::vector<pg_statement_slice> split_sql_with_scanner(std::string_view sql);

/// The text of `slice` of `sql`. libpg_query reports a length of 0 for a last statement that
/// runs to the end of the text.
[[nodiscard]] std::string_view slice_text(std::string_view sql, const pg_statement_slice& slice);

/// Result of parsing: the JSON parse tree (`{"version":...,"stmts":[...]}`), or an error.
struct pg_parse_result {
  nlohmann::json tree;
  std::optional<pg_error> error;
};

/// Parses `sql` into libpg_query's JSON tree. The text must not contain `@name` parameters
/// (PostgreSQL parses `@` as an operator): parse the rewritten SQL.
[[nodiscard]] pg_parse_result parse_sql_to_json(std::string_view sql);

}  // namespace soong::gen
