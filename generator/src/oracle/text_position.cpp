#include "oracle/text_position.hpp"

#include "diag/source_file.hpp"
#include "diag/utf8.hpp"

namespace soong::gen::oracle_detail {

std::size_t first_token_offset(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (text.substr(i, 2) == "--") {
      const auto end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.substr(i, 2) == "/*") {
      int depth = 0;
      while (i < text.size()) {
        if (text.substr(i, 2) == "/*") {
          ++depth;
          i += 2;
        } else if (text.substr(i, 2) == "*/") {
          i += 2;
          if (--depth == 0) break;
        } else {
          ++i;
        }
      }
    } else {
      return i;
    }
  }
  // Only comments: point at the start rather than past the end.
  return 0;
}

std::size_t statement_error_offset(std::string_view statement, int server_position) {
  return server_position > 0 ? byte_offset_of_position(statement, server_position)
                             : first_token_offset(statement);
}

file_position position_in_chunk(std::string_view chunk_text, const file_position& chunk_start,
                                std::size_t offset) {
  if (offset > chunk_text.size()) offset = chunk_text.size();
  file_position out = chunk_start;
  out.byte_offset = chunk_start.byte_offset + offset;
  const int start_line = chunk_start.location.line > 0 ? chunk_start.location.line : 1;
  const int start_column = chunk_start.location.column > 0 ? chunk_start.location.column : 1;
  int line = start_line;
  int column = start_column;
  for (std::size_t i = 0; i < offset; ++i) {
    if (chunk_text[i] == '\n') {
      ++line;
      column = 1;
    } else if (!is_utf8_continuation_byte(chunk_text[i])) {
      ++column;
    }
  }
  out.location.line = line;
  out.location.column = column;
  return out;
}

}  // namespace soong::gen::oracle_detail
