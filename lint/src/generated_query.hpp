#pragma once
// Recognising the query functions soong generated: declared in a `*.sql.hpp` header, with a doc
// comment naming the query and its .sql origin ("`HomeActivities :many`, activities/home.sql:3").

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>

#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace soong::lint {

/// The query a generated function runs, as its doc comment names it.
struct query_origin {
  std::string query_name;  ///< e.g. "HomeActivities"
  std::string command;     ///< e.g. "many", "one", "exec"
  std::string sql_file;    ///< relative to the generator's base folder, e.g. "activities/home.sql"
  unsigned sql_line = 0;   ///< line of the statement's first token

  friend bool operator<(const query_origin& a, const query_origin& b) {
    return std::tie(a.sql_file, a.sql_line, a.query_name) <
           std::tie(b.sql_file, b.sql_line, b.query_name);
  }
};

/// Reads "`Name :command`, file.sql:N" from a doc comment's text (comment markers and line
/// breaks allowed anywhere between the parts); nullopt when the text has no such reference.
[[nodiscard]] std::optional<query_origin> parse_query_reference(std::string_view comment);

/// The query `fn` belongs to when it is a generated query function (any overload, template
/// specialisation or `_json` variant); nullopt for everything else.
[[nodiscard]] std::optional<query_origin> generated_query_of(const clang::FunctionDecl& fn,
                                                             const clang::ASTContext& context);

}  // namespace soong::lint
