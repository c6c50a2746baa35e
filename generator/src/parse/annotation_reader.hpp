#pragma once
// Reads sqlc-compatible query annotations out of comments: `-- name: GetUser :one` and
// `/* name: GetUser :one */`. Only the first line of a comment is the annotation.

#include <cstddef>

#include "diag/diagnostic.hpp"
#include "parse/parsed_statement.hpp"

namespace soong::gen {

enum class annotation_status {
  not_annotation,  // an ordinary comment
  valid,
  invalid,  // meant as an annotation but malformed; the error is already reported
};

struct annotation_reading {
  annotation_status status = annotation_status::not_annotation;
  annotation value;  // meaningful when status == valid
};

/// Reads the comment token at [begin, end) of `file` (including its `--` or `/* */`). A
/// comment whose text starts with `name:` is an annotation; malformed ones are reported to
/// `diags` with a SOONG code and come back as `invalid`.
[[nodiscard]] annotation_reading read_annotation(const source_file& file, std::size_t begin,
                                                 std::size_t end, diagnostics& diags);

/// Whether `text` is an identifier: ASCII letters, digits and '_', not starting with a digit.
[[nodiscard]] bool is_identifier(std::string_view text);

}  // namespace soong::gen
