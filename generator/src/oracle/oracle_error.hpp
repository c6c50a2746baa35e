#pragma once
// What the type oracle reports about a user's SQL, as plain data. The driver converts these to
// the generator's `diagnostic` (generator/src/diag/); the oracle itself knows no renderer.

#include <cstddef>
#include <string>

#include "ir.hpp"

namespace soong::gen {

/// A place in a user's file: the 1-based line/column users see and the byte offset into the
/// file's text that the diagnostics renderer underlines from.
struct file_position {
  source_location location;
  std::size_t byte_offset = 0;
};

/// An error PostgreSQL raised while applying the schema or preparing a query.
struct oracle_error {
  file_position position;
  std::string message;     // PostgreSQL's primary message, e.g. `type "uuidd" does not exist`
  std::string sqlstate;    // e.g. "42704"
  std::string detail;      // PG_DIAG_MESSAGE_DETAIL, may be empty
  std::string hint;        // PG_DIAG_MESSAGE_HINT, or ours (42P18: suggest a cast)
  std::string query_name;  // the query being described; empty for schema errors
};

/// `file:line:col: error: message [SQLSTATE]` (the first line of the compiler-style text).
[[nodiscard]] std::string to_string(const oracle_error& error);

}  // namespace soong::gen
