#pragma once
// A finding of soong-lint and how it prints: compiler format, so editors and CI jump to it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace soong::lint {

/// The checks soong-lint runs; each has a name used in --checks and in allow(...) comments.
enum class check { raw_sql, dead_query, unchecked_optional };

/// The check's name as users write it: "raw-sql", "dead-query", "unchecked-optional".
[[nodiscard]] std::string_view check_name(check c);
/// The check named `name`, or nullopt when there is none.
[[nodiscard]] std::optional<check> check_from_name(std::string_view name);

/// A place in a file: 1-based line and column, as compilers print them.
struct source_position {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;
};

/// A `note:` line attached to a finding.
struct finding_note {
  source_position where;
  std::string message;
};

/// One warning: where, which check, what, and notes that say what to do instead.
struct finding {
  check kind = check::raw_sql;
  source_position where;
  std::string message;
  std::vector<finding_note> notes;
};

/// `file:line:col: warning: message [soong-<check>]` and one line per note, each ending in '\n'.
[[nodiscard]] std::string format_finding(const finding& f);

/// Sorts by file, line and column and drops duplicates (a call inside a template is seen once per
/// instantiation; a header is seen once per translation unit that includes it).
void sort_and_deduplicate(std::vector<finding>& findings);

}  // namespace soong::lint
