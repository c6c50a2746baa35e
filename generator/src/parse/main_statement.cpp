#include "parse/main_statement.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {
namespace {

bool is_keyword(std::string_view sql, const pg_token& t, std::string_view word) {
  if (t.kind != pg_token_kind::keyword || t.end - t.begin != word.size()) return false;
  return std::equal(
      word.begin(), word.end(), sql.begin() + static_cast<std::ptrdiff_t>(t.begin),
      [](char a, char b) { return std::toupper(static_cast<unsigned char>(b)) == a; });
}

}  // namespace

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
    return t.begin > name_at && is_keyword(sql, t, "AS");
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
  if (next == tokens.end() || is_keyword(sql, *next, "SEARCH") || is_keyword(sql, *next, "CYCLE")) {
    return 0;
  }
  return end;
}

}  // namespace soong::gen
