#pragma once
// `-- soong:<marker> <word>` lines: a query's own settings, written among the comment lines
// between its `-- name:` annotation and its statement.

#include <cstddef>
#include <string_view>
#include <vector>

#include "diag/source_file.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

/// The word after the marker on one such line, and where it is written.
struct annotation_word {
  std::string_view word;        // empty when the line has only the marker
  std::size_t file_offset = 0;  // of the word, or of the marker when there is no word
  std::size_t length = 1;
};

/// Every `-- <marker>` line of `statement`, in file order (none when it has no annotation).
[[nodiscard]] std::vector<annotation_word> find_annotation_lines(const source_file& file,
                                                                 const parsed_statement& statement,
                                                                 std::string_view marker);

}  // namespace soong::gen
