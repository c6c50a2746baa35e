#include "parse/annotation_reader.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "diag/codes.hpp"
#include "parse/ascii_case.hpp"
#include "parse/closest_match.hpp"

namespace soong::gen {
namespace {

struct word {
  std::size_t begin = 0;  // file offsets
  std::size_t end = 0;
  std::string_view text;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Splits [begin, end) of `text` into blank-separated words, keeping their file offsets.
std::vector<word> split_words(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<word> words;
  std::size_t i = begin;
  while (i < end) {
    while (i < end && is_blank(text[i])) ++i;
    const std::size_t start = i;
    while (i < end && !is_blank(text[i])) ++i;
    if (i > start) words.push_back({start, i, text.substr(start, i - start)});
  }
  return words;
}

std::string command_list() {
  std::string list;
  for (const command_info& row : command_table) {
    if (!list.empty()) list += ", ";
    list += fmt::format(":{}", row.name);
  }
  return list;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const command_info& row : command_table) names.emplace_back(row.name);
  return names;
}

// sqlc commands that only its MySQL and SQLite engines give a meaning, with what to write
// for PostgreSQL instead.
struct sqlc_only_command {
  std::string_view name;
  std::string_view advice;
};
constexpr std::array<sqlc_only_command, 1> sqlc_only_commands{{
    {"execlastid",
     "PostgreSQL has no last insert id: add 'RETURNING id' to the statement and use ':one'"},
}};

const std::string_view* sqlc_only_command_advice(std::string_view name) {
  for (const sqlc_only_command& c : sqlc_only_commands) {
    if (c.name == name) return &c.advice;
  }
  return nullptr;
}

class reader {
 public:
  reader(const source_file& file, diagnostics& diags) : file_(file), diags_(diags) {}

  annotation_reading read(std::size_t begin, std::size_t end) {
    const std::string_view text = file_.text();
    const bool block = text.substr(begin, 2) == "/*";
    std::size_t body_begin = begin + 2;
    std::size_t body_end = end;
    if (block && end - begin >= 4 && text.substr(end - 2, 2) == "*/") body_end = end - 2;
    // Only the first line of the comment is the annotation; sqlc reads it the same way.
    const std::size_t newline = text.find('\n', body_begin);
    if (newline != std::string_view::npos && newline < body_end) body_end = newline;
    while (body_begin < body_end && is_blank(text[body_begin])) ++body_begin;

    if (text.substr(body_begin, 4) != "name") return {};
    std::size_t after_name = body_begin + 4;
    while (after_name < body_end && is_blank(text[after_name])) ++after_name;
    if (after_name < body_end && text[after_name] == ':') {
      return read_fields(begin, end, after_name + 1, body_end);
    }
    // `-- name GetUser :one` is a typo for an annotation; `-- name of the user` is prose.
    const std::vector<word> words = split_words(text, after_name, body_end);
    if (after_name > body_begin + 4 && words.size() == 2 && words[1].text.starts_with(':')) {
      error(body_begin, 4,
            "malformed annotation: expected ':' after 'name', as in '-- name: GetUser :one'",
            codes::malformed_annotation);
      return {annotation_status::invalid, {}};
    }
    return {};
  }

 private:
  annotation_reading read_fields(std::size_t comment_begin, std::size_t comment_end,
                                 std::size_t fields_begin, std::size_t body_end) {
    const std::vector<word> words = split_words(file_.text(), fields_begin, body_end);
    const annotation_reading invalid{annotation_status::invalid, {}};
    if (words.empty() || words[0].text.starts_with(':')) {
      const std::size_t at = words.empty() ? comment_begin : words[0].begin;
      const std::size_t length = words.empty() ? comment_end - comment_begin : words[0].text.size();
      error(at, length, "annotation has no query name; expected '-- name: <QueryName> :<command>'",
            codes::missing_query_name);
      return invalid;
    }
    const word& name = words[0];
    if (!is_identifier(name.text)) {
      error(name.begin, name.text.size(),
            fmt::format("invalid query name \"{}\": a query name must be an identifier (letters, "
                        "digits and '_', not starting with a digit)",
                        name.text),
            codes::invalid_query_name);
      return invalid;
    }
    if (words.size() == 1) {
      error(name.begin, name.text.size(),
            fmt::format("annotation for \"{}\" has no command; expected one of {}", name.text,
                        command_list()),
            codes::missing_command);
      return invalid;
    }
    const word& cmd = words[1];
    if (!cmd.text.starts_with(':')) {
      std::string message = fmt::format(
          "malformed annotation: expected a command such as ':one' after the query name, found "
          "'{}'",
          cmd.text);
      if (command_from_string(cmd.text)) message += fmt::format("; did you mean ':{}'?", cmd.text);
      error(cmd.begin, cmd.text.size(), message, codes::malformed_annotation);
      return invalid;
    }
    const std::optional<command> parsed = command_from_string(cmd.text.substr(1));
    if (!parsed) {
      if (const std::string_view* advice = sqlc_only_command_advice(cmd.text.substr(1))) {
        error(cmd.begin, cmd.text.size(),
              fmt::format("'{}' is an sqlc command with no PostgreSQL meaning; {}", cmd.text,
                          *advice),
              codes::sqlc_only_command);
        return invalid;
      }
      // Suggest case-insensitively: `:ONE` is a typo for `:one`.
      const auto suggestion = closest_match(ascii_lower(cmd.text.substr(1)), command_names());
      error(cmd.begin, cmd.text.size(),
            suggestion
                ? fmt::format("unknown command '{}'; did you mean ':{}'?", cmd.text, *suggestion)
                : fmt::format("unknown command '{}'; expected one of {}", cmd.text, command_list()),
            codes::unknown_command);
      return invalid;
    }
    if (words.size() > 2) {
      error(words[2].begin, words.back().end - words[2].begin,
            fmt::format("malformed annotation: unexpected text '{}' after the command",
                        file_.text().substr(words[2].begin, words.back().end - words[2].begin)),
            codes::malformed_annotation);
      return invalid;
    }
    return {annotation_status::valid,
            annotation{std::string(name.text), *parsed, file_.location_of(comment_begin),
                       comment_begin, name.begin}};
  }

  void error(std::size_t at, std::size_t length, std::string message, const char* code) {
    diags_.add(make_diagnostic(file_, at, length, severity::error, std::move(message), code));
  }

  const source_file& file_;
  diagnostics& diags_;
};

}  // namespace

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

annotation_reading read_annotation(const source_file& file, std::size_t begin, std::size_t end,
                                   diagnostics& diags) {
  return reader(file, diags).read(begin, end);
}

}  // namespace soong::gen
