#pragma once
// Nullability overrides on result column aliases: `AS "name!"` (never NULL) and `AS "name?"`
// (may be NULL). The suffix is a request to soong, not part of the name: it is removed from the
// SQL sent to PostgreSQL, so the server reports the column as `name`.

#include <vector>

#include "diag/diagnostic.hpp"
#include "parse/offset_map.hpp"
#include "parse/parsed_statement.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

/// The overrides of one statement and the edits that remove their suffixes.
struct override_rewrite {
  std::vector<text_edit> edits;  // file offsets
  std::vector<column_override> overrides;
  bool ok = true;  // false when an error was reported
};

/// Finds `AS "alias!"` / `AS "alias?"` in `body` (tokens with file offsets into `file`). Only
/// a double-quoted alias directly after `AS` counts, so a quoted table name that happens to
/// end in `?` is left alone. `AS "!"` (no name) is an error.
[[nodiscard]] override_rewrite find_column_overrides(const source_file& file,
                                                     const std::vector<pg_token>& body,
                                                     diagnostics& diags);

}  // namespace soong::gen
