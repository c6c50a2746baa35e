#include "parse/column_overrides.hpp"

#include <fmt/format.h>

#include "diag/codes.hpp"
#include "parse/keyword_token.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {
namespace {

// After the alias (and its `!`/`?`): the array's elements are never NULL.
constexpr std::string_view element_suffix = "[!]";

}  // namespace

override_rewrite find_column_overrides(const source_file& file, const std::vector<pg_token>& body,
                                       diagnostics& diags) {
  override_rewrite out;
  const std::string_view text = file.text();
  const pg_token* previous = nullptr;
  for (const pg_token& token : body) {
    if (is_comment(token)) continue;
    const pg_token* as = previous;
    previous = &token;
    if (as == nullptr || !is_keyword(*as, text, "as")) continue;
    const std::string_view quoted = text.substr(token.begin, token.end - token.begin);
    if (token.kind != pg_token_kind::identifier || quoted.size() < 3 || quoted.front() != '"' ||
        quoted.back() != '"') {
      continue;
    }
    std::string_view inner = quoted.substr(1, quoted.size() - 2);
    const bool elements = inner.ends_with(element_suffix);
    if (elements) inner.remove_suffix(element_suffix.size());
    const char suffix = inner.empty() ? '\0' : inner.back();
    const bool column = suffix == '!' || suffix == '?';
    if (!elements && !column) continue;
    if (column) inner.remove_suffix(1);
    const std::string alias(inner);
    if (alias.empty()) {
      const std::string written(quoted.substr(1, quoted.size() - 2));
      diags.add(make_diagnostic(
          file, token.begin, quoted.size(), severity::error,
          fmt::format("column override \"{}\" has no name; write AS \"name{}\"", written, written),
          codes::override_without_name));
      out.ok = false;
      continue;
    }
    out.overrides.push_back({.alias = alias,
                             .not_null = suffix == '!',
                             .location = file.location_of(token.begin),
                             .sets_column = column,
                             .elements_not_null = elements});
    out.edits.push_back({token.begin + 1 + alias.size(), token.end - 1, ""});
  }
  return out;
}

}  // namespace soong::gen
