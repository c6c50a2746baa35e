#include "parse/route_annotation.hpp"

#include "diag/codes.hpp"
#include "parse/annotation_line.hpp"

namespace soong::gen {

std::optional<route_annotation> find_route_annotation(const source_file& file,
                                                      const parsed_statement& statement,
                                                      diagnostics& diags) {
  std::optional<route_annotation> found;
  for (const annotation_word& line : find_annotation_lines(file, statement, "soong:route")) {
    if (found) {
      diags.add(make_diagnostic(file, line.file_offset, line.length, severity::error,
                                "a second `-- soong:route` line for the same query",
                                codes::malformed_annotation));
    } else if (line.word == "primary" || line.word == "replica") {
      found = route_annotation{line.word == "replica" ? query_route::replica : query_route::primary,
                               line.file_offset, line.length};
    } else {
      diags.add(make_diagnostic(file, line.file_offset, line.length, severity::error,
                                "`-- soong:route` takes `primary` or `replica`",
                                codes::malformed_annotation));
    }
  }
  return found;
}

}  // namespace soong::gen
