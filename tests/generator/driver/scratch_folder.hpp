#pragma once
// A private temporary folder for one test case: write input files into it, run `soong` in it,
// and compare what the output folder holds afterwards. Removed when the object dies.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace soong::testing {

/// Relative path → bytes of every regular file below a folder.
using file_snapshot = std::map<std::string, std::string>;

class scratch_folder {
 public:
  /// Creates `$TMPDIR/<prefix>-XXXXXX` (mode 0755, so an unprivileged server user can
  /// traverse it when soong runs PostgreSQL below it).
  explicit scratch_folder(std::string_view prefix = "soong-e2e");
  scratch_folder(const scratch_folder&) = delete;
  scratch_folder& operator=(const scratch_folder&) = delete;
  ~scratch_folder();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  /// Writes `text` to `relative` (creating parent folders) and returns the full path.
  std::filesystem::path write(const std::string& relative, std::string_view text) const;

 private:
  std::filesystem::path path_;
};

/// Every regular file below `folder` with its bytes; empty when the folder does not exist.
[[nodiscard]] file_snapshot snapshot_files(const std::filesystem::path& folder);

/// Reads a whole file; throws std::runtime_error when it cannot.
[[nodiscard]] std::string read_file_text(const std::filesystem::path& path);

}  // namespace soong::testing
