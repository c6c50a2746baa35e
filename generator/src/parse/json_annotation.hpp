#pragma once
// The `-- soong:json on|off` line: a query's own say on whether it gets a `_json` twin,
// overriding the `--json reads|all|none` choice (docs/json.md).

#include <optional>

#include "diag/diagnostic.hpp"
#include "diag/source_file.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// True for `on`, false for `off`, nullopt when `statement` has no such line. A value other than
/// `on` or `off`, or a second line, is reported to `diags` (SOONG001) and ignored.
[[nodiscard]] std::optional<bool> find_json_annotation(const source_file& file,
                                                       const parsed_statement& statement,
                                                       diagnostics& diags);

}  // namespace soong::gen
