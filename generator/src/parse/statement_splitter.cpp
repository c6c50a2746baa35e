#include "parse/statement_splitter.hpp"

#include "parse/keyword_token.hpp"

namespace soong::gen {
namespace {

// Tracks whether a ';' ends the statement. SQL-standard function bodies (PostgreSQL 14+,
// `BEGIN ATOMIC ... END`) contain ';' at parenthesis depth 0, and inside them `CASE ... END`
// also ends with END, so CASE nesting is counted there too.
class nesting {
 public:
  void see(const pg_token& token, std::string_view text) {
    // Only CREATE RULE has ';' inside parentheses (its action list); elsewhere an unclosed
    // '(' must not swallow the statements after it.
    // `CREATE RULE` or `CREATE OR REPLACE RULE`: RULE is the 2nd or 4th token.
    if (seen_ == 0) starts_with_create_ = is_keyword(token, text, "create");
    if (starts_with_create_ && (seen_ == 1 || seen_ == 3) && is_keyword(token, text, "rule")) {
      in_rule_ = true;
    }
    ++seen_;
    if (in_rule_ && token.kind == pg_token_kind::open_paren) ++parens_;
    if (in_rule_ && token.kind == pg_token_kind::close_paren && parens_ > 0) --parens_;
    if (is_keyword(token, text, "atomic") && previous_is_begin_) ++atomic_bodies_;
    if (atomic_bodies_ > 0 && is_keyword(token, text, "case")) ++cases_;
    if (atomic_bodies_ > 0 && is_keyword(token, text, "end")) {
      if (cases_ > 0) {
        --cases_;
      } else {
        --atomic_bodies_;
      }
    }
    previous_is_begin_ = is_keyword(token, text, "begin");
  }
  [[nodiscard]] bool at_top_level() const { return parens_ == 0 && atomic_bodies_ == 0; }
  void reset() { *this = nesting{}; }

 private:
  int parens_ = 0;
  int atomic_bodies_ = 0;
  int cases_ = 0;
  bool previous_is_begin_ = false;
  bool in_rule_ = false;
  bool starts_with_create_ = false;
  int seen_ = 0;  // tokens of the statement so far
};

}  // namespace

bool is_comment(const pg_token& token) {
  return token.kind == pg_token_kind::sql_comment || token.kind == pg_token_kind::c_comment;
}

std::vector<statement_tokens> split_statements(const std::vector<pg_token>& tokens,
                                               std::string_view text) {
  std::vector<statement_tokens> statements;
  statement_tokens current;
  nesting depth;
  const auto finish = [&] {
    // Comments after the last real token belong to no statement's text.
    while (!current.body.empty() && is_comment(current.body.back())) {
      current.trailing_comments.insert(current.trailing_comments.begin(), current.body.back());
      current.body.pop_back();
    }
    if (!current.body.empty() || !current.leading_comments.empty() ||
        !current.trailing_comments.empty()) {
      statements.push_back(std::move(current));
    }
    current = statement_tokens{};
    depth.reset();
  };
  for (const pg_token& token : tokens) {
    if (token.kind == pg_token_kind::semicolon && depth.at_top_level()) {
      finish();
      continue;
    }
    if (is_comment(token)) {
      (current.body.empty() ? current.leading_comments : current.body).push_back(token);
      continue;
    }
    depth.see(token, text);
    current.body.push_back(token);
  }
  finish();
  return statements;
}

}  // namespace soong::gen

namespace soong::gen {

std::size_t token_length_at(const std::vector<pg_token>& tokens, std::size_t offset) {
  for (const pg_token& token : tokens) {
    if (token.begin <= offset && offset < token.end) return token.end - offset;
  }
  return 1;
}

}  // namespace soong::gen
