#pragma once
// A user's file as text plus a line index: the bridge from byte offsets (what libpg_query and
// our own rewriting work in) to the 1-based line and code-point column users see.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ir.hpp"

namespace soong::gen {

/// Number of UTF-8 code points in `text` (continuation bytes are not counted).
[[nodiscard]] std::size_t code_point_count(std::string_view text);

/// Byte offset of the code point at 1-based position `position` in `text` (PostgreSQL's error
/// positions and libpg_query's cursorpos count code points from 1). Clamped to `text.size()`;
/// positions < 1 give 0.
[[nodiscard]] std::size_t byte_offset_of_position(std::string_view text, int position);

/// UTF-8 byte order mark, which some editors put at the start of a file.
inline constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

/// A file's path and text, with the start of every line precomputed. A leading byte order mark
/// is not part of line 1: it is neither counted in columns nor shown.
class source_file {
 public:
  source_file(std::string path, std::string text);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& text() const { return text_; }

  /// 1-based line and code-point column of the byte at `byte_offset` (clamped to the text).
  [[nodiscard]] source_location location_of(std::size_t byte_offset) const;

  /// The text of 1-based `line`, without its line terminator; empty when out of range.
  [[nodiscard]] std::string_view line_text(int line) const;

  /// Whether the text starts with a UTF-8 byte order mark.
  [[nodiscard]] bool has_byte_order_mark() const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;  // byte offset where each line begins
  static constexpr std::size_t bom_size = byte_order_mark.size();
};

}  // namespace soong::gen
