#include "parse/annotation_line.hpp"

#include <string>

namespace soong::gen {

std::vector<annotation_word> find_annotation_lines(const source_file& file,
                                                   const parsed_statement& statement,
                                                   std::string_view marker) {
  std::vector<annotation_word> found;
  if (!statement.annot) return found;
  const std::string& text = file.text();
  std::size_t start = statement.annot->file_offset;
  while (start < statement.file_offset && start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos || end > statement.file_offset) end = statement.file_offset;
    const std::string_view line(text.data() + start, end - start);
    std::size_t i = line.find_first_not_of(" \t");
    if (i != std::string_view::npos && line.substr(i).starts_with("--")) {
      i = line.find_first_not_of(" \t", i + 2);
      if (i != std::string_view::npos && line.substr(i).starts_with(marker)) {
        const std::size_t word_begin = line.find_first_not_of(" \t", i + marker.size());
        std::string_view word =
            word_begin == std::string_view::npos ? std::string_view() : line.substr(word_begin);
        while (!word.empty() &&
               (word.back() == '\r' || word.back() == ' ' || word.back() == '\t')) {
          word.remove_suffix(1);
        }
        const std::size_t offset = start + (word_begin == std::string_view::npos ? i : word_begin);
        found.push_back({word, offset, word.empty() ? marker.size() : word.size()});
      }
    }
    start = end + 1;
  }
  return found;
}

}  // namespace soong::gen
