#pragma once
// Reading the user's files: the only place, with outputs.cpp, where the generator touches the
// filesystem (docs/design.md: only the driver reads and writes files).

#include <string>
#include <vector>

namespace soong::gen {

/// A file as read, with the path as the user should see it in diagnostics.
struct input_file {
  std::string path;
  std::string text;
};

/// The inputs of one run.
struct run_inputs {
  /// Schema files in the order they are applied. A folder argument is a migrations folder:
  /// its `.sql` files in lexical order.
  std::vector<input_file> schema_files;
  bool schema_is_migrations = false;
  /// Query files; folders are searched recursively for `.sql` files, sorted by path.
  std::vector<input_file> query_files;
  /// Tables named with `--crud` (their `-- soong:crud` lines are found in the query files).
  std::vector<std::string> crud_tables;
};

/// Why an input could not be read; the driver reports it as a usage error (exit 2).
struct input_error {
  std::string message;
};

/// Expands and reads `schema_args` and `query_args`. Errors are appended to `errors`; files
/// that could not be read are left out.
[[nodiscard]] run_inputs read_inputs(const std::vector<std::string>& schema_args,
                                     const std::vector<std::string>& query_args,
                                     std::vector<input_error>& errors);

/// The path shown for `path` in diagnostics and banners: relative to the current folder when
/// it lies below it, else as given; always with '/' separators.
[[nodiscard]] std::string display_path(const std::string& path);

}  // namespace soong::gen
