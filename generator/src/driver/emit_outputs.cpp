#include "driver/emit_outputs.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "diag/source_file.hpp"
#include "emit/emit_options.hpp"
#include "file_text.hpp"

namespace soong::gen {
namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const std::string& path) { return fs::absolute(path).lexically_normal(); }

/// The deepest folder containing every query file: the default base for output paths.
fs::path common_folder(const std::vector<std::string>& files) {
  if (files.empty()) return fs::current_path();
  fs::path common = absolute_normal(files.front()).parent_path();
  for (const auto& f : files) {
    const fs::path dir = absolute_normal(f).parent_path();
    while (!common.empty() && dir.lexically_relative(common).string().starts_with("..")) {
      common = common.parent_path();
    }
  }
  return common;
}

/// Line `line` (1-based) of `path`, without its terminator; empty when unreadable.
std::string source_line_of(const std::string& path, int line) {
  const std::optional<std::string> text = read_file_text(path);
  if (!text) return {};
  return std::string(source_file(path, *text).line_text(line));
}

}  // namespace

file_map emit_outputs(const ir& model, const input_options& in, const output_options& out,
                      diagnostics& diags) {
  // Queries the oracle could not describe have no columns; emitting them would only add
  // follow-on errors ("returns no columns") to the real one.
  if (diags.has_errors()) return {};
  std::vector<std::string> query_files;
  for (const auto& q : model.queries) query_files.push_back(q.location.file);
  const fs::path base =
      out.base_dir.empty() ? common_folder(query_files) : absolute_normal(out.base_dir);

  emit_options options;
  options.cpp_namespace = out.namespace_name;
  options.data_api =
      std::find(out.transports.begin(), out.transports.end(), "data_api") != out.transports.end();
  options.json = out.json_twins == "all"    ? json_twins::all
                 : out.json_twins == "none" ? json_twins::none
                                            : json_twins::reads;
  options.generator_version = SOONG_GENERATOR_VERSION;
  options.prepare_all_target = out.prepare_all_target;
  // Paths in banners are relative to the base folder, so the bytes do not depend on where
  // the generator ran (a build folder, the repository root) and checked-in output is stable.
  if (!in.schema.empty()) {
    const fs::path schema = absolute_normal(in.schema.front());
    const fs::path rel = schema.lexically_relative(base);
    options.schema_source = (rel.empty() || rel.string().starts_with(".."))
                                ? schema.filename().generic_string()
                                : rel.generic_string();
  }
  for (const auto& file : query_files) {
    options.relative_paths[file] = absolute_normal(file).lexically_relative(base).generic_string();
  }

  emit_output emitted = emit_cpp(model, options);
  for (auto& error : emitted.errors) {
    // The emitter sees only the IR, not the files: give its diagnostics the source line the
    // renderer shows above the caret.
    if (error.source_line.empty() && error.location.line > 0) {
      error.source_line = source_line_of(error.location.file, error.location.line);
    }
    diags.add(std::move(error));
  }
  if (!emitted.errors.empty()) return {};

  // The files of the tables another step writes: `users.crud`, `audit.events.crud`.
  std::set<std::string> elsewhere;
  for (const std::string& table : out.crud_elsewhere) {
    const std::string name = table.substr(0, table.find(' '));
    elsewhere.insert((name.starts_with("public.") ? name.substr(7) : name) + ".crud");
  }
  const std::string prepare_all_stem = target_prepare_all_stem(out.prepare_all_target);
  file_map files;
  for (auto& [path, contents] : emitted.files) {
    const bool is_prepare_all =
        !out.prepare_all_target.empty() &&
        (path == prepare_all_stem + ".hpp" || path == prepare_all_stem + ".cpp");
    if (is_prepare_all) {
      files.emplace(path, std::move(contents));
      continue;
    }
    const bool is_schema_header = path == schema_header_name;
    const bool is_crud = path.ends_with(".crud.hpp") || path.ends_with(".crud.cpp");
    if (is_crud && elsewhere.contains(path.substr(0, path.size() - 4))) continue;
    if (out.schema_header_only && !is_schema_header) continue;
    if (out.crud_only && !is_crud) continue;
    if (out.no_schema_header && is_schema_header) continue;
    files.emplace(path, std::move(contents));
  }
  return files;
}

}  // namespace soong::gen
