#include "data_api/named_placeholders.hpp"

#include <algorithm>
#include <cctype>

#include "parse/pg_query_wrapper.hpp"
#include "soong/error.hpp"

namespace soong::gen::data_api {

namespace {

bool is_name(std::string_view text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text.front())) || text.front() == '_')) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

numbered_sql number_placeholders(std::string_view sql) {
  const pg_scan_result scanned = scan_sql(sql);
  if (scanned.error) throw error("the SQL cannot be read: " + scanned.error->message);

  numbered_sql out;
  std::size_t copied = 0;
  const auto& tokens = scanned.tokens;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const pg_token& colon = tokens[i];
    const pg_token& next = tokens[i + 1];
    const bool single_colon = colon.end == colon.begin + 1 && sql[colon.begin] == ':';
    if (!single_colon || next.begin != colon.end ||
        (next.kind != pg_token_kind::identifier && next.kind != pg_token_kind::keyword)) {
      continue;
    }
    const std::string_view name = sql.substr(next.begin, next.end - next.begin);
    if (!is_name(name)) continue;  // a quoted identifier after a colon is not a placeholder
    const auto known = std::find(out.names.begin(), out.names.end(), name);
    const std::size_t number = static_cast<std::size_t>(known - out.names.begin()) + 1;
    if (known == out.names.end()) out.names.emplace_back(name);
    out.text.append(sql.substr(copied, colon.begin - copied));
    out.text += '$';
    out.text += std::to_string(number);
    copied = next.end;
    ++i;
  }
  out.text.append(sql.substr(copied));
  return out;
}

std::size_t statement_count(std::string_view sql) {
  // Statements are the stretches between top-level semicolons that hold more than comments
  // (a semicolon inside a string or dollar-quoted body is part of that token).
  const pg_scan_result scanned = scan_sql(sql);
  if (scanned.error) throw error("the SQL cannot be read: " + scanned.error->message);
  std::size_t count = 0;
  bool has_code = false;
  for (const pg_token& token : scanned.tokens) {
    if (token.kind == pg_token_kind::semicolon) {
      count += has_code ? 1 : 0;
      has_code = false;
    } else if (token.kind != pg_token_kind::sql_comment && token.kind != pg_token_kind::c_comment) {
      has_code = true;
    }
  }
  return count + (has_code ? 1 : 0);
}

}  // namespace soong::gen::data_api
