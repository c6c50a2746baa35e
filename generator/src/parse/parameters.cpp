#include "parse/parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "diag/codes.hpp"
#include "parse/annotation_reader.hpp"
#include "parse/keyword_token.hpp"
#include "parse/statement_splitter.hpp"

namespace soong::gen {
namespace {

// One occurrence of a parameter in the text.
struct parameter_use {
  bool named = false;
  int number = 0;    // for $n
  std::string name;  // for named forms
  bool nullable = false;
  std::size_t begin = 0;  // the text replaced by $n (file offsets)
  std::size_t end = 0;
  // `sqlc.slice(name)`: the list of `[NOT] IN (...)`, sent as one array parameter; the
  // replacement then spans the whole `[NOT] IN (...)` and reads `= ANY($n)` / `<> ALL($n)`.
  enum class list_test { none, any, all } slice = list_test::none;
};

// Operators that may directly precede `@name` / `%(name)s` without a space (`id=@id`): the
// PostgreSQL lexer glues them into one operator token (`=@`). `<` is left out for `@`
// because `<@` is the "is contained by" operator.
constexpr std::array<std::string_view, 11> glued_prefixes{"=", "<>", "!=", "<=", ">=", ">",
                                                          "+", "-",  "*",  "/",  "||"};

class finder {
 public:
  finder(const source_file& file, const std::vector<pg_token>& body, diagnostics& diags)
      : file_(file), diags_(diags) {
    std::copy_if(body.begin(), body.end(), std::back_inserter(tokens_),
                 [](const pg_token& t) { return !is_comment(t); });
  }

  parameter_rewrite run() {
    for (std::size_t i = 0; i < tokens_.size(); ++i) i = read_at(i);
    if (ok_) check_styles();
    parameter_rewrite out;
    if (ok_) number_and_edit(out);
    out.ok = ok_;
    return out;
  }

 private:
  // Reads a parameter starting at token i; returns the index of its last token.
  std::size_t read_at(std::size_t i) {
    const pg_token& t = tokens_[i];
    const std::string_view text = text_of(t);
    if (t.kind == pg_token_kind::param) {
      int number = 0;
      std::from_chars(text.data() + 1, text.data() + text.size(), number);
      uses_.push_back({false, number, {}, false, t.begin, t.end});
      return i;
    }
    if (ends_with_glued(t, '@') && word_at(i + 1) && adjacent(i, i + 1)) {
      add_named(std::string(text_of(tokens_[i + 1])), false, t.end - 1, tokens_[i + 1].end);
      return i + 1;
    }
    if ((t.kind == pg_token_kind::percent || ends_with_glued(t, '%')) && is_psycopg_at(i)) {
      add_named(std::string(text_of(tokens_[i + 2])), false, t.end - 1, tokens_[i + 4].end);
      uses_psycopg_ = true;
      return i + 4;
    }
    if (t.kind == pg_token_kind::identifier && text == "sqlc" &&
        kind_at(i + 1, pg_token_kind::dot)) {
      return read_sqlc_function(i);
    }
    return i;
  }

  // `sqlc.arg(name)`, `sqlc.arg('name')`, `sqlc.narg(name)` starting at token i.
  std::size_t read_sqlc_function(std::size_t i) {
    const std::string_view function = word_at(i + 2) ? text_of(tokens_[i + 2]) : "";
    // `sqlc.embed(table)` is a select-list item, not a parameter (parse/sqlc_embed.cpp).
    if (function == "embed") return std::min(i + 5, tokens_.size() - 1);
    if (function != "arg" && function != "narg" && function != "slice") {
      const std::size_t last = word_at(i + 2) ? i + 2 : i + 1;
      error(tokens_[i].begin, tokens_[last].end,
            function.empty() ? "expected 'arg', 'narg', 'slice' or 'embed' after 'sqlc.'"
                             : fmt::format("unsupported sqlc function 'sqlc.{}'; soong supports "
                                           "sqlc.arg(name), sqlc.narg(name), sqlc.slice(name) "
                                           "and sqlc.embed(table)",
                                           function),
            codes::malformed_parameter);
      return last;
    }
    const bool well_formed = kind_at(i + 3, pg_token_kind::open_paren) &&
                             (word_at(i + 4) || kind_at(i + 4, pg_token_kind::string_constant)) &&
                             kind_at(i + 5, pg_token_kind::close_paren);
    if (!well_formed) {
      const std::size_t last = std::min(i + 5, tokens_.size() - 1);
      error(tokens_[i].begin, tokens_[last].end,
            fmt::format("malformed 'sqlc.{}(...)': expected a parameter name in parentheses, as "
                        "in 'sqlc.{}(user_id)'",
                        function, function),
            codes::malformed_parameter);
      return last;
    }
    std::string name(text_of(tokens_[i + 4]));
    if (tokens_[i + 4].kind == pg_token_kind::string_constant) {
      if (name.size() < 2 || name.front() != '\'' || name.back() != '\'') {
        error(tokens_[i + 4].begin, tokens_[i + 4].end,
              fmt::format("malformed 'sqlc.{}(...)': the name must be an identifier or a plain "
                          "'quoted' name",
                          function),
              codes::malformed_parameter);
        return i + 5;
      }
      name = name.substr(1, name.size() - 2);
    }
    if (function == "slice") return read_slice(i, std::move(name));
    add_named(std::move(name), function == "narg", tokens_[i].begin, tokens_[i + 5].end);
    return i + 5;
  }

  // `[NOT] IN (sqlc.slice(name))` with `sqlc` at token i: PostgreSQL has no variable-length
  // IN list for one parameter, so the whole test becomes `= ANY($n)` (`<> ALL($n)` after NOT)
  // with an array parameter. An empty array then matches nothing (NOT IN: everything), as
  // an empty IN list would.
  std::size_t read_slice(std::size_t i, std::string name) {
    const bool in_list = i >= 2 && kind_at(i - 1, pg_token_kind::open_paren) &&
                         keyword_at(i - 2, "in") && kind_at(i + 6, pg_token_kind::close_paren);
    if (!in_list) {
      error(tokens_[i].begin, tokens_[i + 5].end,
            "'sqlc.slice(...)' must be the whole list of an IN test, as in 'id IN "
            "(sqlc.slice(ids))'",
            codes::malformed_parameter);
      return i + 5;
    }
    const bool negated = i >= 3 && keyword_at(i - 3, "not");
    const std::size_t first = negated ? i - 3 : i - 2;
    add_named(std::move(name), false, tokens_[first].begin, tokens_[i + 6].end);
    if (!uses_.empty() && uses_.back().begin == tokens_[first].begin) {
      uses_.back().slice = negated ? parameter_use::list_test::all : parameter_use::list_test::any;
    }
    return i + 6;
  }

  bool keyword_at(std::size_t i, std::string_view word) const {
    return i < tokens_.size() && is_keyword(tokens_[i], file_.text(), word);
  }

  // `%(name)s`: '%' '(' word ')' 's' with nothing between them.
  bool is_psycopg_at(std::size_t i) const {
    return kind_at(i + 1, pg_token_kind::open_paren) && word_at(i + 2) &&
           kind_at(i + 3, pg_token_kind::close_paren) && word_at(i + 4) &&
           text_of(tokens_[i + 4]) == "s" && adjacent(i, i + 1) && adjacent(i + 1, i + 2) &&
           adjacent(i + 2, i + 3) && adjacent(i + 3, i + 4);
  }

  void add_named(std::string name, bool nullable, std::size_t begin, std::size_t end) {
    if (!is_identifier(name)) {
      error(begin, end,
            fmt::format("invalid parameter name \"{}\": it must be an identifier (letters, digits "
                        "and '_', not starting with a digit)",
                        name),
            codes::malformed_parameter);
      return;
    }
    uses_.push_back({true, 0, std::move(name), nullable, begin, end});
  }

  // `$n` and the sqlc forms mix as in sqlc (numbered in number_and_edit); psycopg's
  // `%(name)s` does not, because psycopg itself never sees a `$n`.
  void check_styles() {
    const auto positional =
        std::find_if(uses_.begin(), uses_.end(), [](const parameter_use& u) { return !u.named; });
    if (positional == uses_.end() || !uses_psycopg_) return;
    const auto named =
        std::find_if(uses_.begin(), uses_.end(), [](const parameter_use& u) { return u.named; });
    const parameter_use& later = positional->begin > named->begin ? *positional : *named;
    const parameter_use& earlier = positional->begin > named->begin ? *named : *positional;
    diagnostic d = make_diagnostic(
        file_, later.begin, later.end - later.begin, severity::error,
        "cannot mix positional parameters ($1) with psycopg-style %(name)s parameters in one "
        "query",
        codes::mixed_parameter_styles);
    d.notes.push_back(make_diagnostic(
        file_, earlier.begin, earlier.end - earlier.begin, severity::note,
        fmt::format("first {} parameter is here", earlier.named ? "named" : "positional")));
    diags_.add(std::move(d));
    ok_ = false;
  }

  // Numbers as sqlc numbers them: `$n` keep their numbers, and each named parameter, in order
  // of first use, takes the lowest number no `$n` and no earlier name took. `$1, @a, $3, @b`
  // is `$1, $2, $3, $4`.
  void number_and_edit(parameter_rewrite& out) {
    std::map<std::string, std::size_t> index_by_name;
    std::map<int, std::size_t> index_by_number;
    std::set<int> taken;
    for (const parameter_use& use : uses_) {
      if (!use.named) taken.insert(use.number);
    }
    int next_free = 1;
    for (const parameter_use& use : uses_) {
      if (use.named) {
        auto [it, inserted] = index_by_name.try_emplace(use.name, out.params.size());
        if (inserted) {
          while (taken.count(next_free) != 0) ++next_free;
          taken.insert(next_free);
          out.params.push_back({next_free, use.name, false, file_.location_of(use.begin)});
        }
        parsed_param& p = out.params[it->second];
        p.nullable_forced = p.nullable_forced || use.nullable;
        out.edits.push_back({use.begin, use.end, replacement(use, p.number)});
      } else if (index_by_number.try_emplace(use.number, out.params.size()).second) {
        out.params.push_back({use.number, {}, false, file_.location_of(use.begin)});
      }
    }
    if (uses_psycopg_) unescape_percent_signs(out);
    std::sort(out.params.begin(), out.params.end(),
              [](const parsed_param& a, const parsed_param& b) { return a.number < b.number; });
    check_gaps(out.params);
  }

  static std::string replacement(const parameter_use& use, int number) {
    switch (use.slice) {
      case parameter_use::list_test::any:
        return fmt::format("= ANY(${})", number);
      case parameter_use::list_test::all:
        return fmt::format("<> ALL(${})", number);
      case parameter_use::list_test::none:
        break;
    }
    return fmt::format("${}", number);
  }

  // psycopg formats a query with parameters like a Python %-string, so the templates this
  // project replaces write a literal '%' as '%%' (`LIKE 'a%%'`, `7 %% 2`). Sending the same
  // text keeps their meaning; comments are left as written.
  void unescape_percent_signs(parameter_rewrite& out) const {
    for (const pg_token& t : tokens_) {
      const std::string_view text = text_of(t);
      for (std::size_t at = text.find("%%"); at != std::string_view::npos;
           at = text.find("%%", at + 2)) {
        out.edits.push_back({t.begin + at, t.begin + at + 2, "%"});
      }
    }
  }

  // PostgreSQL cannot type a parameter that is never used, so `$1, $3` is a mistake.
  void check_gaps(const std::vector<parsed_param>& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int expected = static_cast<int>(i) + 1;
      if (params[i].number == expected) continue;
      const auto use = std::find_if(uses_.begin(), uses_.end(), [&](const parameter_use& u) {
        return !u.named && u.number == params[i].number;
      });
      error(use->begin, use->end,
            fmt::format("parameter ${} is used but ${} is not; number positional parameters "
                        "from $1 without gaps",
                        params[i].number, expected),
            codes::parameter_number_gap);
      return;
    }
  }

  bool ends_with_glued(const pg_token& t, char last) const {
    if (t.kind != pg_token_kind::operator_symbol) return false;
    const std::string_view text = text_of(t);
    if (text.empty() || text.back() != last) return false;
    const std::string_view prefix = text.substr(0, text.size() - 1);
    if (prefix.empty()) return true;
    if (last == '%' && prefix == "<") return true;
    return std::find(glued_prefixes.begin(), glued_prefixes.end(), prefix) != glued_prefixes.end();
  }

  // An unquoted identifier or a keyword: what may follow `@` or sit inside `%(...)s`.
  bool word_at(std::size_t i) const {
    if (i >= tokens_.size()) return false;
    const pg_token& t = tokens_[i];
    return (t.kind == pg_token_kind::identifier && file_.text()[t.begin] != '"') ||
           t.kind == pg_token_kind::keyword;
  }
  bool kind_at(std::size_t i, pg_token_kind kind) const {
    return i < tokens_.size() && tokens_[i].kind == kind;
  }
  bool adjacent(std::size_t a, std::size_t b) const { return tokens_[a].end == tokens_[b].begin; }
  std::string_view text_of(const pg_token& t) const {
    return std::string_view(file_.text()).substr(t.begin, t.end - t.begin);
  }

  void error(std::size_t begin, std::size_t end, std::string message, const char* code) {
    diags_.add(
        make_diagnostic(file_, begin, end - begin, severity::error, std::move(message), code));
    ok_ = false;
  }

  const source_file& file_;
  diagnostics& diags_;
  std::vector<pg_token> tokens_;
  std::vector<parameter_use> uses_;
  bool ok_ = true;
  bool uses_psycopg_ = false;  // some parameter is written %(name)s
};

}  // namespace

parameter_rewrite rewrite_parameters(const source_file& file, const std::vector<pg_token>& body,
                                     diagnostics& diags) {
  return finder(file, body, diags).run();
}

}  // namespace soong::gen
