#pragma once
// `// soong-lint: allow(<check>)` comments: a finding is dropped when its line, or the line
// before, carries one naming its check. Files are read from disk, so the same rule works for
// C++ sources and for the .sql files dead-query points at.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "finding.hpp"

namespace soong::lint {

/// True when `line` holds `soong-lint: allow(a, b, ...)` and the list names `c`.
[[nodiscard]] bool line_allows(std::string_view line, check c);

/// Reads files once and answers whether a finding is suppressed.
class suppressions {
 public:
  /// True when the finding's line or the line before allows its check. For dead-query the
  /// comment block directly above the query (its `-- name:` annotation) counts as well.
  [[nodiscard]] bool is_suppressed(const finding& f);

 private:
  const std::vector<std::string>& lines_of(const std::string& file);
  std::map<std::string, std::vector<std::string>> files_;
};

}  // namespace soong::lint
