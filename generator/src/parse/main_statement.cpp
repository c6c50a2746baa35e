#include "parse/main_statement.hpp"

#include <algorithm>
#include <string>

#include "parse/keyword_token.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {
std::size_t main_statement_offset(const nlohmann::json& statement, std::string_view sql) {
  if (!statement.is_object() || statement.size() != 1) return 0;
  const auto& node = statement.begin().value();
  const auto with = node.find("withClause");
  if (with == node.end()) return 0;
  const auto& ctes = with->value("ctes", nlohmann::json::array());
  if (ctes.empty()) return 0;
  const auto& last = ctes.back().value("CommonTableExpr", nlohmann::json::object());
  const std::size_t name_at = last.value("location", std::size_t{0});

  const pg_scan_result scan = scan_sql(sql);
  if (scan.error) return 0;
  const auto& tokens = scan.tokens;
  // `name [(columns)] AS [[NOT] MATERIALIZED] ( query )`: the first `(` after AS opens the query.
  auto it = std::find_if(tokens.begin(), tokens.end(), [&](const pg_token& t) {
    return t.begin > name_at && is_keyword(t, sql, "AS");
  });
  it = std::find_if(it, tokens.end(),
                    [](const pg_token& t) { return t.kind == pg_token_kind::open_paren; });
  int depth = 0;
  for (; it != tokens.end(); ++it) {
    if (it->kind == pg_token_kind::open_paren) ++depth;
    if (it->kind == pg_token_kind::close_paren && --depth == 0) break;
  }
  if (it == tokens.end()) return 0;
  const std::size_t end = it->end;
  const auto next = std::find_if(it + 1, tokens.end(), [](const pg_token& t) {
    return t.kind != pg_token_kind::sql_comment && t.kind != pg_token_kind::c_comment;
  });
  if (next == tokens.end() || is_keyword(*next, sql, "SEARCH") || is_keyword(*next, sql, "CYCLE")) {
    return 0;
  }
  return end;
}

}  // namespace soong::gen
