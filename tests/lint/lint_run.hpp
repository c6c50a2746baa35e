#pragma once
// Running the real soong-lint binary over a compile_commands.json written for the test.

#include <filesystem>
#include <string>
#include <vector>

namespace soong::lint_test {

/// What one run of soong-lint printed and returned.
struct lint_output {
  int exit_code = -1;
  std::string out;  ///< findings (stdout)
  std::string err;  ///< tool errors (stderr)
};

/// Writes `dir`/compile_commands.json: one C++20 command per file with `include_dirs` as -I.
void write_compile_commands(const std::filesystem::path& dir,
                            const std::vector<std::filesystem::path>& files,
                            const std::vector<std::filesystem::path>& include_dirs);

/// Runs soong-lint with `arguments` in `working_dir` and collects what it printed.
[[nodiscard]] lint_output run_lint(const std::vector<std::string>& arguments,
                                   const std::filesystem::path& working_dir);

/// The `warning:` lines of `out`, in order (notes dropped).
[[nodiscard]] std::vector<std::string> warning_lines(const std::string& out);

}  // namespace soong::lint_test
