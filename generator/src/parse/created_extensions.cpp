#include "parse/created_extensions.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string_view>

#include "parse/ascii_case.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {
namespace {

// An identifier as PostgreSQL reads it: "Quoted" keeps its case (and "" is one quote).
std::string identifier_value(std::string_view written) {
  if (written.size() < 2 || written.front() != '"') return ascii_lower(written);
  std::string out;
  for (std::size_t i = 1; i + 1 < written.size(); ++i) {
    out.push_back(written[i]);
    if (written[i] == '"') ++i;
  }
  return out;
}

}  // namespace

std::vector<created_extension> find_created_extensions(const std::string& sql) {
  std::vector<created_extension> found;
  const pg_scan_result scanned = scan_sql(sql);
  if (scanned.error) return found;
  const std::string_view text = sql;
  for (const statement_tokens& s : split_statements(scanned.tokens, sql)) {
    std::vector<pg_token> words;
    std::copy_if(s.body.begin(), s.body.end(), std::back_inserter(words),
                 [](const pg_token& t) { return !is_comment(t); });
    const auto word = [&](std::size_t i) {
      return i < words.size()
                 ? ascii_lower(text.substr(words[i].begin, words[i].end - words[i].begin))
                 : std::string();
    };
    if (word(0) != "create" || word(1) != "extension") continue;
    std::size_t at = 2;
    if (word(2) == "if" && word(3) == "not" && word(4) == "exists") at = 5;
    if (at >= words.size()) continue;
    const pg_token& name = words[at];
    found.push_back({identifier_value(text.substr(name.begin, name.end - name.begin)), name.begin,
                     name.end - name.begin});
  }
  return found;
}

}  // namespace soong::gen
