#include "parse/json_annotation.hpp"

#include "diag/codes.hpp"
#include "parse/annotation_line.hpp"

namespace soong::gen {

std::optional<bool> find_json_annotation(const source_file& file, const parsed_statement& statement,
                                         diagnostics& diags) {
  std::optional<bool> found;
  for (const annotation_word& line : find_annotation_lines(file, statement, "soong:json")) {
    if (found) {
      diags.add(make_diagnostic(file, line.file_offset, line.length, severity::error,
                                "a second `-- soong:json` line for the same query",
                                codes::malformed_annotation));
    } else if (line.word == "on" || line.word == "off") {
      found = line.word == "on";
    } else {
      diags.add(make_diagnostic(file, line.file_offset, line.length, severity::error,
                                "`-- soong:json` takes `on` or `off`",
                                codes::malformed_annotation));
    }
  }
  return found;
}

}  // namespace soong::gen
