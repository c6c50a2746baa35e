#pragma once
// Whether a scanned token is a given SQL keyword. Keywords are case-insensitive (`as`, `AS`,
// `As`), so the token's text is compared with ASCII case folding.

#include <string_view>

#include "parse/ascii_case.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

/// `token` (scanned from `sql`) is the keyword `word`, in any letter case.
[[nodiscard]] inline bool is_keyword(const pg_token& token, std::string_view sql,
                                     std::string_view word) {
  return token.kind == pg_token_kind::keyword &&
         ascii_iequals(sql.substr(token.begin, token.end - token.begin), word);
}

}  // namespace soong::gen
