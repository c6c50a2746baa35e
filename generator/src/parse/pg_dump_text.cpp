#include "parse/pg_dump_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <vector>

#include "parse/ascii_case.hpp"
#include "parse/pg_query_wrapper.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {
namespace {

// The psql meta-commands pg_dump and pg_dumpall write on lines of their own.
constexpr std::array<std::string_view, 3> dump_meta_commands{"restrict", "unrestrict", "connect"};

// Settings a newer pg_dump sets that an older server rejects as unknown.
constexpr std::array<std::string_view, 1> newer_settings{"transaction_timeout"};

void blank(std::string& text, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') text[i] = ' ';
  }
}

// `\restrict key` at the start of a line. Only the commands pg_dump writes are recognised, so
// a backslash line inside a dollar-quoted function body is left alone in practice.
bool is_dump_meta_command(std::string_view line) {
  if (!line.starts_with('\\')) return false;
  const std::string_view rest = line.substr(1);
  const std::size_t end = rest.find_first_of(" \t\r");
  const std::string word = ascii_lower(rest.substr(0, end));
  return std::find(dump_meta_commands.begin(), dump_meta_commands.end(), word) !=
         dump_meta_commands.end();
}

void blank_meta_command_lines(std::string& sql) {
  std::size_t line_begin = 0;
  while (line_begin < sql.size()) {
    std::size_t line_end = sql.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = sql.size();
    if (is_dump_meta_command(std::string_view(sql).substr(line_begin, line_end - line_begin))) {
      blank(sql, line_begin, line_end);
    }
    line_begin = line_end + 1;
  }
}

class statement_words {
 public:
  statement_words(std::string_view text, const std::vector<pg_token>& body) {
    for (const pg_token& t : body)
      words_.push_back(ascii_lower(text.substr(t.begin, t.end - t.begin)));
  }
  [[nodiscard]] bool starts_with(std::initializer_list<std::string_view> prefix) const {
    if (prefix.size() > words_.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), words_.begin());
  }
  [[nodiscard]] std::size_t size() const { return words_.size(); }
  [[nodiscard]] const std::string& at(std::size_t i) const { return words_.at(i); }

 private:
  std::vector<std::string> words_;
};

bool is_dump_noise(const statement_words& w) {
  if (w.size() == 3 && w.starts_with({"create", "schema", "public"})) return true;
  if (w.starts_with({"comment", "on", "extension"})) return true;
  // ALTER <object> ... OWNER TO <role>: the role is the statement's last word.
  if (w.starts_with({"alter"}) && w.size() >= 4 && w.at(w.size() - 3) == "owner" &&
      w.at(w.size() - 2) == "to") {
    return true;
  }
  if (w.starts_with({"set"}) && w.size() >= 2) {
    return std::find(newer_settings.begin(), newer_settings.end(), w.at(1)) != newer_settings.end();
  }
  return false;
}

}  // namespace

void blank_pg_dump_noise(std::string& sql) {
  blank_meta_command_lines(sql);
  const pg_scan_result scanned = scan_sql(sql);
  if (scanned.error) return;  // the server reports the error at its position
  for (const statement_tokens& s : split_statements(scanned.tokens, sql)) {
    if (s.body.empty() || !is_dump_noise(statement_words(sql, s.body))) continue;
    std::size_t end = s.body.back().end;
    const auto semicolon = std::find_if(
        scanned.tokens.begin(), scanned.tokens.end(),
        [&](const pg_token& t) { return t.kind == pg_token_kind::semicolon && t.begin >= end; });
    if (semicolon != scanned.tokens.end()) end = semicolon->end;
    blank(sql, s.body.front().begin, end);
  }
}

}  // namespace soong::gen
