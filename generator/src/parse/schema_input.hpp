#pragma once
// Chooses the SQL to apply from schema files and migration folders: down migrations are
// skipped, and for goose (`-- +goose Up` / `-- +goose Down`) and dbmate (`-- migrate:up` /
// `-- migrate:down`) files only the up part is kept.
//
// Removed text is replaced by spaces (line breaks kept) instead of being cut out, so a byte
// offset, line or column in the SQL to apply is the same in the original file: errors the
// server reports while applying the schema map back without a table.

#include <cstddef>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace soong::gen {

/// A schema file as the driver read it.
struct schema_file_text {
  std::string path;
  std::string text;
};

/// The SQL to apply from one file; same length and line structure as the original text.
struct schema_sql {
  std::string path;
  std::string sql;
  /// False when nothing but whitespace and comments is left (e.g. a down-only file).
  bool has_statements = true;
};

/// The SQL to apply from `files`, in the given order. Files named `*.down.sql` are skipped;
/// what `pg_dump --schema-only` adds besides the schema is blanked (parse/pg_dump_text.hpp).
[[nodiscard]] std::vector<schema_sql> select_schema_sql(const std::vector<schema_file_text>& files);

/// Like select_schema_sql for the `.sql` files of a migrations folder: they are applied in the
/// order of their versions (compared as integers, parse/migration_sql.hpp), files without a
/// version after them in lexical order, whatever order they are given in.
[[nodiscard]] std::vector<schema_sql> select_migration_sql(std::vector<schema_file_text> files);

/// The up part of one file's text (down sections and goose StatementBegin/End markers blanked).
[[nodiscard]] std::string up_migration_text(const std::string& text);

/// The down part of one file's text: everything but its down sections (`-- migrate:down`,
/// `-- +goose Down`) blanked, so a file without one gives only whitespace.
[[nodiscard]] std::string down_migration_text(const std::string& text);

/// The byte offset in the original file of a server error position (1-based code points) in
/// `schema.sql`.
[[nodiscard]] std::size_t file_offset_of_schema_position(const schema_sql& schema, int position);

/// A diagnostic for an error the server reported at `position` (1-based code points, 0 for
/// none) while applying `schema`, which was selected from `original`; underlines the token
/// there.
[[nodiscard]] diagnostic diagnostic_at_schema_position(const source_file& original,
                                                       const schema_sql& schema, int position,
                                                       severity level, std::string message,
                                                       std::string code);

}  // namespace soong::gen
