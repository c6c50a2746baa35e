#include "diag/source_file.hpp"

#include <algorithm>

#include "diag/utf8.hpp"

namespace soong::gen {

std::size_t code_point_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return !is_utf8_continuation_byte(c); }));
}

std::size_t byte_offset_of_position(std::string_view text, int position) {
  std::size_t offset = 0;
  for (int step = 1; step < position && offset < text.size(); ++step) {
    ++offset;
    while (offset < text.size() && is_utf8_continuation_byte(text[offset])) ++offset;
  }
  return offset;
}

bool source_file::has_byte_order_mark() const { return text_.starts_with(byte_order_mark); }

source_file::source_file(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

source_location source_file::location_of(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  // The last line start that is <= byte_offset.
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const auto line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  std::size_t line_begin = line_starts_[line_index];
  if (line_index == 0 && has_byte_order_mark()) line_begin = std::min(byte_offset, bom_size);
  const std::string_view before(text_.data() + line_begin, byte_offset - line_begin);
  return source_location{path_, static_cast<int>(line_index) + 1,
                         static_cast<int>(code_point_count(before)) + 1};
}

std::string_view source_file::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
  std::size_t begin = line_starts_[static_cast<std::size_t>(line) - 1];
  if (line == 1 && has_byte_order_mark()) begin = bom_size;
  std::size_t end = static_cast<std::size_t>(line) < line_starts_.size()
                        ? line_starts_[static_cast<std::size_t>(line)] - 1
                        : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;  // CRLF files
  end = std::max(begin, end);
  return std::string_view(text_).substr(begin, end - begin);
}

}  // namespace soong::gen
