#pragma once
// The front end for one query file: text in, statements and diagnostics out. No filesystem,
// no server: the driver reads the file and hands over its text.

#include "diag/diagnostic.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// Splits `file` into statements, reads their annotations, rewrites their parameters to `$n`,
/// strips column override suffixes and parses the result with libpg_query. Every problem goes
/// to `diags`; statements with errors are left out of the result, the others are kept, so one
/// broken statement does not hide the errors of the next. Unannotated statements are kept
/// (without `annot`) and reported as notes.
[[nodiscard]] parsed_file parse_query_file(const source_file& file, diagnostics& diags);

}  // namespace soong::gen
