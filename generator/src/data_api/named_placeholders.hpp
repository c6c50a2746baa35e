#pragma once
// The Data API's `:name` placeholders to PostgreSQL's `$n`, found with PostgreSQL's own lexer so
// that a colon inside a string, a comment, a `::` cast or a dollar-quoted body is left alone.

#include <string>
#include <string_view>
#include <vector>

namespace soong::gen::data_api {

struct numbered_sql {
  std::string text;                ///< the SQL with `$1`, `$2`, ... in place of `:name`
  std::vector<std::string> names;  ///< names[n - 1] is `$n`; a repeated name reuses its number
};

/// Throws soong::error when the SQL cannot be scanned (an unterminated string or comment).
[[nodiscard]] numbered_sql number_placeholders(std::string_view sql);

/// The number of statements in `sql` (the service runs exactly one per call).
[[nodiscard]] std::size_t statement_count(std::string_view sql);

}  // namespace soong::gen::data_api
