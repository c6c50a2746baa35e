#pragma once
// The description an author writes for a query: the comment block directly above its
// `-- name:` annotation and any comments between the annotation and the statement. The
// generated functions carry it as their `///` documentation.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "diag/source_file.hpp"
#include "parse/pg_query_wrapper.hpp"

namespace soong::gen {

/// The doc text of the statement annotated by the comment starting at `annotation_offset`,
/// one of `leading_comments` (the comments before the statement's first token). Above the
/// annotation only comments that start their own line and touch it without a blank line count
/// (a file's header comment is not the first query's description); `-- soong:` directives and
/// other annotations are not text. Markers are stripped (see comment_text); empty when there
/// is no such comment.
[[nodiscard]] std::string query_doc_comment(const source_file& file,
                                            const std::vector<pg_token>& leading_comments,
                                            std::size_t annotation_offset);

/// The text of one comment token without its markers: `-- x` gives `x`; `/* a\n * b */` gives
/// `a\nb` (a leading `*` continuation is dropped). Lines are trimmed; blank lines at either
/// end are dropped.
[[nodiscard]] std::string comment_text(std::string_view comment);

}  // namespace soong::gen
