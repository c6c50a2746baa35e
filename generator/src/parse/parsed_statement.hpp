#pragma once
// What the front end produces for a query file: one record per statement, with everything the
// later stages need (the oracle sends `rewritten_sql`, the nullability analysis walks `tree`,
// errors the server reports are mapped back through `offsets`).

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ir.hpp"
#include "parse/offset_map.hpp"

namespace soong::gen {

/// The sqlc-compatible annotation before a statement: `-- name: GetUser :one`.
struct annotation {
  std::string name;  // "GetUser", a valid identifier
  command cmd = command::one;
  source_location location;     // of the comment
  std::size_t file_offset = 0;  // byte offset of the comment in the file
  std::size_t name_offset = 0;  // byte offset of the name in the file
};

/// One parameter after rewriting to `$n`.
struct parsed_param {
  int number = 0;                // n in $n
  std::string name;              // from @name / sqlc.arg / sqlc.narg / %(name)s; empty for $n
  bool nullable_forced = false;  // sqlc.narg(...) somewhere in the query
  source_location location;      // of its first use
};

/// `sqlc.embed(name)` in a select list, sent as `name.*`.
struct parsed_embed {
  std::string name;             // the table or alias, as written
  source_location location;     // of `sqlc`
  std::size_t file_offset = 0;  // byte offset of `sqlc` in the file
};

/// A result column alias with a nullability override: `AS "name!"` or `AS "name?"`.
struct column_override {
  std::string alias;         // without the suffix: "name"
  bool not_null = false;     // true for "!", false for "?"
  source_location location;  // of the quoted alias
  /// False for `"name[!]"` alone, which says nothing about the column itself.
  bool sets_column = true;
  /// `[!]` after the name (and its `!`/`?`): the array's elements are never NULL.
  bool elements_not_null = false;
};

/// One statement of a query file.
struct parsed_statement {
  std::optional<annotation> annot;   // none for statements the generator ignores (e.g. DDL)
  source_location location;          // of the statement's first token (not the comment)
  std::size_t file_offset = 0;       // byte offset of the first token in the file
  std::string sql;                   // the statement as written, without the trailing ';'
  std::string rewritten_sql;         // parameters as $n, override suffixes removed
  std::vector<parsed_param> params;  // ordered by number
  std::vector<column_override> overrides;
  std::vector<parsed_embed> embeds;  // in text order
  std::string doc;                   // the author's description (parse/doc_comment.hpp)
  /// libpg_query's JSON for `rewritten_sql`: the `stmt` node (e.g. {"SelectStmt":{...}}).
  /// Its `location` fields are byte offsets into `rewritten_sql`.
  nlohmann::json tree;
  offset_map offsets;  // rewritten_sql byte offset -> file byte offset
};

/// The statements of one query file, in file order. Statements with errors are left out.
struct parsed_file {
  std::string path;
  std::vector<parsed_statement> statements;
};

}  // namespace soong::gen
