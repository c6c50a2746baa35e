#pragma once
// Groups a file's scanner tokens into statements at top-level semicolons. Working on tokens
// (not on text) is what keeps a ';' inside a string, a comment or a dollar-quoted function body
// from splitting a statement, and lets a syntax error in one statement leave the others intact.

#include <string_view>
#include <vector>

#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

/// One statement's tokens. Comments are kept where they are: before the statement (where its
/// annotation lives), inside it, and after its last token (before the ';' or end of file).
struct statement_tokens {
  std::vector<pg_token> leading_comments;
  std::vector<pg_token> body;  // first to last non-comment token; may be empty (e.g. ";;")
  std::vector<pg_token> trailing_comments;
};

/// Splits `tokens` (scanned from `text`) into statements. A ';' splits except inside the
/// parenthesised action list of a CREATE RULE and inside a `BEGIN ATOMIC ... END` body.
[[nodiscard]] std::vector<statement_tokens> split_statements(const std::vector<pg_token>& tokens,
                                                             std::string_view text);

/// Whether `token` is a `--` or `/* */` comment.
[[nodiscard]] bool is_comment(const pg_token& token);

}  // namespace soong::gen

namespace soong::gen {

/// Length in bytes of the token in `tokens` that contains byte `offset`, or 1 when none does
/// (e.g. an error reported at the end of the input). Used to size `^~~~` underlines.
[[nodiscard]] std::size_t token_length_at(const std::vector<pg_token>& tokens, std::size_t offset);

}  // namespace soong::gen
