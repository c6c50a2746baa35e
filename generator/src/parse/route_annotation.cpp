#include "parse/route_annotation.hpp"

#include <string>
#include <string_view>

#include "diag/codes.hpp"

namespace soong::gen {
namespace {

constexpr std::string_view marker = "soong:route";

}  // namespace

std::optional<route_annotation> find_route_annotation(const source_file& file,
                                                      const parsed_statement& statement,
                                                      diagnostics& diags) {
  if (!statement.annot) return std::nullopt;
  const std::string& text = file.text();
  std::optional<route_annotation> found;
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
        const std::size_t length = word.empty() ? marker.size() : word.size();
        if (found) {
          diags.add(make_diagnostic(file, offset, length, severity::error,
                                    "a second `-- soong:route` line for the same query",
                                    codes::malformed_annotation));
        } else if (word == "primary" || word == "replica") {
          found = route_annotation{word == "replica" ? query_route::replica : query_route::primary,
                                   offset, length};
        } else {
          diags.add(make_diagnostic(file, offset, length, severity::error,
                                    "`-- soong:route` takes `primary` or `replica`",
                                    codes::malformed_annotation));
        }
      }
    }
    start = end + 1;
  }
  return found;
}

}  // namespace soong::gen
