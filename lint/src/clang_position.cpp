#include "clang_position.hpp"

#include <filesystem>
#include <system_error>

namespace soong::lint {

std::string absolute_path(std::string_view path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::absolute(fs::path(path), ec);
  if (ec) return std::string(path);
  const fs::path normal = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal().string() : normal.string();
}

std::string display_path(const std::string& path, const std::string& base) {
  namespace fs = std::filesystem;
  const fs::path relative = fs::path(path).lexically_relative(fs::path(base));
  if (relative.empty() || *relative.begin() == "..") return path;
  return relative.string();
}

source_position position_of(clang::SourceLocation loc, const clang::SourceManager& sm) {
  const clang::SourceLocation file_loc = sm.getFileLoc(loc);
  const clang::PresumedLoc presumed = sm.getPresumedLoc(file_loc, /*UseLineDirectives=*/false);
  if (presumed.isInvalid()) return {};
  return {absolute_path(presumed.getFilename()), presumed.getLine(), presumed.getColumn()};
}

bool is_in_generated_file(clang::SourceLocation loc, const clang::SourceManager& sm) {
  const clang::SourceLocation file_loc = sm.getFileLoc(loc);
  const clang::PresumedLoc presumed = sm.getPresumedLoc(file_loc, /*UseLineDirectives=*/false);
  if (presumed.isInvalid()) return false;
  const std::string_view name = presumed.getFilename();
  return name.ends_with(".sql.hpp") || name.ends_with(".sql.cpp");
}

}  // namespace soong::lint
