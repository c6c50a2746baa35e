#pragma once
// Applies the user's schema to the oracle's database, in order, and maps PostgreSQL's errors
// back to file:line:col.

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <vector>

#include "oracle/oracle_error.hpp"

namespace soong::gen {

/// A piece of schema SQL sent to the server in one PQexec: a whole file, or one statement or
/// migration section of it (the driver decides; a smaller chunk gives a better position for
/// errors PostgreSQL reports without one, such as `relation "x" already exists`).
struct schema_chunk {
  std::string file;  // path as shown in diagnostics
  std::string text;  // SQL to send
  /// Where `text` starts in its file: line 1 column 1 byte 0 for a whole file. Only
  /// `location.line`, `location.column` and `byte_offset` are used; `location.file` is ignored.
  file_position start = {{{}, 1, 1}, 0};
};

/// Sends the chunks in order, one statement per PQexec (split with libpg_query's scanner), and
/// stops at the first error (later statements usually depend on earlier ones, so their errors
/// would be noise). The error is at PostgreSQL's statement position, or at the failing
/// statement's first token when PostgreSQL gives none (`relation "x" already exists`).
/// Afterwards the session settings a schema may have changed (`SET search_path`, as pg_dump
/// output does) are reset, so queries are described with the database's defaults, as the
/// application will run them.
[[nodiscard]] std::optional<oracle_error> apply_schema(PGconn* conn,
                                                       const std::vector<schema_chunk>& chunks);

/// The error of a failed PGresult as data: message, SQLSTATE, detail, hint, and the 1-based
/// character position in the sent text (0 when the server reported none). Shared with describe.
struct server_error_fields {
  std::string message;
  std::string sqlstate;
  std::string detail;
  std::string hint;
  int position = 0;
};
[[nodiscard]] server_error_fields error_fields(const PGresult* result, PGconn* conn);

}  // namespace soong::gen
