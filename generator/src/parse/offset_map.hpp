#pragma once
// Rewriting a statement (parameters to $n, override suffixes removed) moves text around; the
// offset map remembers where every byte of the rewritten SQL came from, so a position the
// server reports in the SQL it received can be shown at the right file:line:col.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace soong::gen {

/// A replacement of the original bytes [begin, end) (file offsets) by `replacement`.
struct text_edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string replacement;
};

/// Maps byte offsets in a rewritten text back to byte offsets in the original file.
struct offset_map {
  /// A run of the rewritten text: either copied verbatim from the original, or a replacement
  /// (whose every byte maps to the start of the original text it replaced).
  struct segment {
    std::size_t rewritten_begin = 0;
    std::size_t rewritten_length = 0;
    std::size_t original_begin = 0;  // byte offset in the original file
    std::size_t original_length = 0;
    bool copied = true;
  };
  std::vector<segment> segments;  // in order, covering the rewritten text without gaps

  /// The file byte offset that rewritten byte `rewritten_offset` came from. Offsets at or past
  /// the end map to the end of the last segment's original text.
  [[nodiscard]] std::size_t original_offset(std::size_t rewritten_offset) const;
};

/// Result of applying edits to a slice of a file.
struct rewritten_text {
  std::string text;
  offset_map offsets;
};

/// Applies `edits` (file offsets, non-overlapping, any order) to the slice of `file_text` that
/// starts at byte `slice_begin` and has `slice_length` bytes.
[[nodiscard]] rewritten_text apply_edits(std::string_view file_text, std::size_t slice_begin,
                                         std::size_t slice_length, std::vector<text_edit> edits);

}  // namespace soong::gen
