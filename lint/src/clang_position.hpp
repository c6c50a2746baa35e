#pragma once
// Turning Clang source locations into the positions soong-lint prints.

#include <clang/Basic/SourceLocation.h>
#include <clang/Basic/SourceManager.h>

#include <string>
#include <string_view>

#include "finding.hpp"

namespace soong::lint {

/// `path` (absolute) as printed: relative to `base` (the directory soong-lint was started in)
/// when inside it, else absolute, so a run from the project root reads like a compiler's output.
[[nodiscard]] std::string display_path(const std::string& path, const std::string& base);

/// `path` made absolute and normal. Needed while Clang runs: ClangTool changes the working
/// directory to each compile command's directory.
[[nodiscard]] std::string absolute_path(std::string_view path);

/// The file position (absolute path) a location is written at, through macro expansions; empty
/// file when the location is not in a file.
[[nodiscard]] source_position position_of(clang::SourceLocation loc,
                                          const clang::SourceManager& sm);

/// True when the location is in a file whose name ends in `.sql.hpp` or `.sql.cpp`, i.e. code
/// soong generated: its calls are not uses and its SQL is not the user's.
[[nodiscard]] bool is_in_generated_file(clang::SourceLocation loc, const clang::SourceManager& sm);

}  // namespace soong::lint
