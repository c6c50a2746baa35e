#pragma once
// A small text writer for generated C++: lines at the current indentation, blocks, and
// verbatim text (raw string literals must not be re-indented). Formatting is fmt's, so a line
// can have named holes: `w.line("{type} {name};", fmt::arg("type", t), fmt::arg("name", n))`.

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace soong::gen {

/// Accumulates generated source text with 2-space indentation.
class code_writer {
 public:
  /// Writes `text` at the current indentation, then a newline. Empty text writes an empty line
  /// (no trailing spaces, so the output is stable under clang-format and editors).
  void line(std::string_view text);

  /// Formats with fmt (positional or named holes) and writes the result as one line.
  template <class... Args>
  void linef(fmt::format_string<Args...> format, Args&&... args) {
    line(fmt::format(format, std::forward<Args>(args)...));
  }

  /// An empty line, unless the previous line is already empty or nothing was written yet.
  void blank();

  /// Appends `text` exactly as given (no indentation), e.g. the inside of a raw string.
  void raw(std::string_view text);

  /// Writes each line of `text` at the current indentation (for pre-rendered fragments).
  void lines(std::string_view text);

  /// Writes `opener`, indents for `body()`, then writes `closer`.
  template <class Body>
  void block(std::string_view opener, Body&& body, std::string_view closer = "}") {
    line(opener);
    indent();
    body();
    dedent();
    line(closer);
  }

  void indent() { ++depth_; }
  void dedent();

  /// The text written so far.
  [[nodiscard]] const std::string& text() const { return out_; }
  /// Moves the text out; the writer is empty afterwards.
  [[nodiscard]] std::string take();

 private:
  std::string out_;
  int depth_ = 0;
};

}  // namespace soong::gen
