#pragma once
// Generator diagnostics: collected, never thrown (keep going per statement, report all, write
// nothing if anything failed: docs/diagnostics.md), and rendered like a compiler's so editors and
// CI can jump to them.

#include <cstddef>
#include <string>
#include <vector>

#include "diag/source_file.hpp"
#include "ir.hpp"

namespace soong::gen {

enum class severity { error, warning, note };

/// One message about a place in a user's file.
struct diagnostic {
  severity level = severity::error;
  source_location location;  // line 0: the message is about the whole file (or no file)
  std::string message;
  /// SQLSTATE where PostgreSQL raises the same condition (`42703`), else a `SOONGnnn` code
  /// (docs/diagnostics.md); empty for notes attached to another diagnostic.
  std::string code;
  /// Length in code points of the offending text, for the `^~~~` underline (at least 1).
  std::size_t length = 1;
  /// The full source line at `location.line`, without its line terminator.
  std::string source_line;
  /// Notes that belong to this diagnostic, e.g. "first defined here"; rendered after it.
  std::vector<diagnostic> notes;
};

/// A diagnostic about the text at [byte_offset, byte_offset + byte_length) of `file`. The
/// underline is clipped to the end of the first line and is at least one character long.
[[nodiscard]] diagnostic make_diagnostic(const source_file& file, std::size_t byte_offset,
                                         std::size_t byte_length, severity level,
                                         std::string message, std::string code = {});

/// A diagnostic about a whole file (or, with an empty path, about the run), without a source
/// line: `schema.sql: error: ...`.
[[nodiscard]] diagnostic make_file_diagnostic(std::string path, severity level, std::string message,
                                              std::string code = {});

/// Errors, warnings and notes of a whole run, in the order they were found.
class diagnostics {
 public:
  void add(diagnostic d);

  [[nodiscard]] const std::vector<diagnostic>& all() const { return items_; }
  [[nodiscard]] std::size_t error_count() const { return error_count_; }
  [[nodiscard]] bool has_errors() const { return error_count_ > 0; }

 private:
  std::vector<diagnostic> items_;
  std::size_t error_count_ = 0;
};

}  // namespace soong::gen
