#include "parse/offset_map.hpp"

#include <algorithm>

namespace soong::gen {

std::size_t offset_map::original_offset(std::size_t rewritten_offset) const {
  for (const segment& s : segments) {
    if (rewritten_offset < s.rewritten_begin + s.rewritten_length) {
      return s.copied ? s.original_begin + (rewritten_offset - s.rewritten_begin)
                      : s.original_begin;
    }
  }
  if (segments.empty()) return 0;
  return segments.back().original_begin + segments.back().original_length;
}

rewritten_text apply_edits(std::string_view file_text, std::size_t slice_begin,
                           std::size_t slice_length, std::vector<text_edit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const text_edit& a, const text_edit& b) { return a.begin < b.begin; });
  rewritten_text out;
  const auto add = [&out](std::size_t original_begin, std::size_t original_length,
                          std::string_view text, bool copied) {
    if (text.empty() && original_length == 0) return;
    out.offsets.segments.push_back(
        {out.text.size(), text.size(), original_begin, original_length, copied});
    out.text += text;
  };
  std::size_t position = slice_begin;
  const std::size_t slice_end = slice_begin + slice_length;
  for (const text_edit& edit : edits) {
    add(position, edit.begin - position, file_text.substr(position, edit.begin - position), true);
    add(edit.begin, edit.end - edit.begin, edit.replacement, false);
    position = edit.end;
  }
  add(position, slice_end - position, file_text.substr(position, slice_end - position), true);
  return out;
}

}  // namespace soong::gen
