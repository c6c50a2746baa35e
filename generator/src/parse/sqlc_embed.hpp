#pragma once
// sqlc's `sqlc.embed(table)` in a select list: the row holds the table's struct as one member
// instead of its columns one by one. The front end sends `table.*` in its place and remembers
// where it was; the driver (driver/embedded_tables.cpp) later finds which result columns the
// star became.

#include <vector>

#include "diag/diagnostic.hpp"
#include "parse/offset_map.hpp"
#include "parse/parsed_statement.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

struct embed_rewrite {
  std::vector<text_edit> edits;      // `sqlc.embed(t)` → `t.*` (file offsets)
  std::vector<parsed_embed> embeds;  // in text order
  bool ok = true;                    // false when an error was reported
};

/// Finds `sqlc.embed(name)` in the statement whose tokens are `body` (file offsets into
/// `file`); a malformed one (no name, a quoted string) is an error in `diags`.
[[nodiscard]] embed_rewrite rewrite_embeds(const source_file& file,
                                           const std::vector<pg_token>& body, diagnostics& diags);

}  // namespace soong::gen
