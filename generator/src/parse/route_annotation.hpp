#pragma once
// The `-- soong:route primary|replica` line: a query's own say on where cluster overloads send
// it, overriding the read-only classification (docs/replicas.md).

#include <cstddef>
#include <optional>

#include "diag/diagnostic.hpp"
#include "diag/source_file.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// A route line and where it is written.
struct route_annotation {
  query_route route = query_route::primary;
  std::size_t file_offset = 0;  // of the word after `soong:route`
  std::size_t length = 1;
};

/// The route line among the comment lines between `statement`'s annotation and its first token,
/// if any. A value other than `primary` or `replica`, or a second route line, is reported to
/// `diags` (SOONG001) and ignored.
[[nodiscard]] std::optional<route_annotation> find_route_annotation(
    const source_file& file, const parsed_statement& statement, diagnostics& diags);

}  // namespace soong::gen
