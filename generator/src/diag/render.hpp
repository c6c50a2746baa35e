#pragma once
// The compiler-style text of a diagnostic (docs/diagnostics.md):
//
//   sql/activities/home.sql:4:3: error: column "nme" does not exist [42703]
//       4 |   users.nme,
//         |   ^~~~~~~~~

#include <string>

#include "diag/diagnostic.hpp"

namespace soong::gen {

/// "error", "warning" or "note".
[[nodiscard]] const char* severity_name(severity level);

/// Renders `d` and its notes; every line ends with '\n'. Without a line number only the
/// first line is printed (`file: error: ...`).
[[nodiscard]] std::string render(const diagnostic& d);

/// Renders all diagnostics in order.
[[nodiscard]] std::string render(const diagnostics& all);

}  // namespace soong::gen
