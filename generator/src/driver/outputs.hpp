#pragma once
// Writing generated files: all or nothing, and only what changed, so a rerun with the same
// input touches no file and rebuilds nothing.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace soong::gen {

/// Generated files: path relative to the output folder → contents.
using file_map = std::map<std::string, std::string>;

/// What happened to each file.
struct write_report {
  std::vector<std::string> written;    // created or changed
  std::vector<std::string> unchanged;  // same bytes already there
};

/// Writes `files` below `out_dir`. Each changed file is written to a temporary file beside it
/// and renamed over the old one, so a reader (a compiler, a concurrent build) never sees half
/// a file. Throws std::runtime_error naming the file when the filesystem fails.
write_report write_outputs(const std::string& out_dir, const file_map& files);

/// One difference between generated files and what `out_dir` holds.
struct stale_file {
  std::string path;  // relative to out_dir
  bool missing = false;
};

/// The files of `files` that are missing from `out_dir` or differ from it.
[[nodiscard]] std::vector<stale_file> find_stale_outputs(const std::string& out_dir,
                                                         const file_map& files);

}  // namespace soong::gen
