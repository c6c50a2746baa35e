#include "driver/inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "file_text.hpp"

namespace soong::gen {
namespace fs = std::filesystem;

namespace {

/// The `.sql` files below `folder`, sorted by their path bytes (lexical order, as migration
/// tools apply them), so the result is the same on every machine.
std::vector<fs::path> sql_files_below(const fs::path& folder) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql")
      found.push_back(entry.path());
  }
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) {
    return a.generic_string() < b.generic_string();
  });
  return found;
}

void read_all(const std::vector<std::string>& args, std::vector<input_file>& out, bool& saw_folder,
              const char* what, std::vector<input_error>& errors) {
  for (const auto& arg : args) {
    std::error_code ec;
    const fs::path path(arg);
    std::vector<fs::path> files;
    if (fs::is_directory(path, ec)) {
      saw_folder = true;
      files = sql_files_below(path);
      if (files.empty())
        errors.push_back({std::string(what) + " folder " + arg + " has no .sql files"});
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      errors.push_back({std::string("no such ") + what + " file or folder: " + arg});
      continue;
    }
    for (const auto& file : files) {
      std::optional<std::string> text = read_file_text(file);
      if (!text) {
        errors.push_back({"cannot read " + file.string()});
        continue;
      }
      input_file in{display_path(file.string()), std::move(*text)};
      if (std::none_of(out.begin(), out.end(),
                       [&](const input_file& f) { return f.path == in.path; })) {
        out.push_back(std::move(in));
      }
    }
  }
}

}  // namespace

std::string display_path(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path), ec);
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    const fs::path rel = absolute.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  return fs::path(path).generic_string();
}

run_inputs read_inputs(const std::vector<std::string>& schema_args,
                       const std::vector<std::string>& query_args,
                       std::vector<input_error>& errors) {
  run_inputs inputs;
  bool unused = false;
  read_all(schema_args, inputs.schema_files, inputs.schema_is_migrations, "schema", errors);
  read_all(query_args, inputs.query_files, unused, "query", errors);
  // A schema file named again as a query file (a common `--queries sql/` mistake) is not a
  // query file: it holds DDL only and would be reported as unannotated statements.
  std::erase_if(inputs.query_files, [&](const input_file& q) {
    return std::any_of(inputs.schema_files.begin(), inputs.schema_files.end(),
                       [&](const input_file& s) { return s.path == q.path; });
  });
  return inputs;
}

}  // namespace soong::gen
