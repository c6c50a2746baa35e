#include "parse/sqlc_embed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "diag/codes.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {

embed_rewrite rewrite_embeds(const source_file& file, const std::vector<pg_token>& body,
                             diagnostics& diags) {
  std::vector<pg_token> tokens;
  std::copy_if(body.begin(), body.end(), std::back_inserter(tokens),
               [](const pg_token& t) { return !is_comment(t); });
  const std::string_view text = file.text();
  const auto text_of = [&](std::size_t i) {
    return i < tokens.size() ? text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)
                             : std::string_view();
  };
  const auto kind_at = [&](std::size_t i, pg_token_kind kind) {
    return i < tokens.size() && tokens[i].kind == kind;
  };
  embed_rewrite out;
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!kind_at(i, pg_token_kind::identifier) || text_of(i) != "sqlc" ||
        !kind_at(i + 1, pg_token_kind::dot) || text_of(i + 2) != "embed") {
      continue;
    }
    const bool well_formed =
        kind_at(i + 3, pg_token_kind::open_paren) &&
        (kind_at(i + 4, pg_token_kind::identifier) || kind_at(i + 4, pg_token_kind::keyword)) &&
        kind_at(i + 5, pg_token_kind::close_paren);
    if (!well_formed) {
      const std::size_t last = std::min(i + 5, tokens.size() - 1);
      diags.add(make_diagnostic(file, tokens[i].begin, tokens[last].end - tokens[i].begin,
                                severity::error,
                                "malformed 'sqlc.embed(...)': expected a table name or alias in "
                                "parentheses, as in 'sqlc.embed(authors)'",
                                codes::embed_misplaced));
      out.ok = false;
      i = last;
      continue;
    }
    const std::string name(text_of(i + 4));
    out.edits.push_back({tokens[i].begin, tokens[i + 5].end, name + ".*"});
    out.embeds.push_back({name, file.location_of(tokens[i].begin), tokens[i].begin});
    i += 5;
  }
  return out;
}

}  // namespace soong::gen
