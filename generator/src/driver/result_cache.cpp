#include "driver/result_cache.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "driver/cache_entry.hpp"
#include "driver/diagnostic_json.hpp"
#include "ir_json.hpp"
#include "oracle/cache_key.hpp"

namespace soong::gen {
namespace fs = std::filesystem;
namespace {

/// The running generator's size and modification time: a rebuilt generator (new code, same
/// version number) must not reuse IR an older build cached, the way ccache keys on its compiler.
std::string generator_build_identity() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto size = fs::file_size(self, ec);
  if (ec) return {};
  const auto mtime = fs::last_write_time(self, ec).time_since_epoch().count();
  if (ec) return {};
  return fmt::format("|exe={}:{}", size, mtime);
}

fs::path entry_path(const std::string& dir, const std::string& key) {
  return fs::path(dir) / (key + ".json");
}

fs::path file_entry_path(const std::string& dir, const std::string& key) {
  return fs::path(dir) / (key + ".file.json");
}

}  // namespace

std::optional<std::string> resolve_cache_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return explicit_dir;
  if (const char* dir = std::getenv("SOONG_CACHE_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return (fs::path(xdg) / "soong").string();
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return (fs::path(home) / ".cache" / "soong").string();
  }
  return std::nullopt;
}

ir_cache::ir_cache(std::string dir, const run_inputs& inputs,
                   const std::optional<std::string>& database_url)
    : dir_(std::move(dir)) {
  if (dir_.empty()) return;
  // Same schema, same queries, same generator and server major → same IR.
  cache_key_inputs key_inputs;
  for (const auto& f : inputs.schema_files) key_inputs.schema_files.emplace_back(f.path, f.text);
  for (const auto& f : inputs.query_files) key_inputs.query_files.emplace_back(f.path, f.text);
  key_inputs.generator_version = SOONG_GENERATOR_VERSION + generator_build_identity();
  for (const std::string& table : inputs.crud_tables) {
    key_inputs.generator_version += "|crud=" + table;  // more output, more statements checked
  }
  if (database_url) {
    key_inputs.generator_version += "|url=" + *database_url;  // another server, another answer
  }
  // A folder of migrations applies only their up sections; the same files named one by one
  // apply whole.
  if (inputs.schema_is_migrations) key_inputs.generator_version += "|migrations";
  // One `postgres --version` per process: `generate` keys its outputs record and its typing
  // with the same inputs.
  static const std::optional<int> major = server_major_version();
  key_inputs.server_major_version = major.value_or(0);
  if (!major && !database_url) return;
  key_ = cache_key(key_inputs);
  key_inputs.query_files.clear();
  context_ = cache_key(key_inputs);
}

std::optional<cached_run> ir_cache::load() const {
  if (key_.empty()) return std::nullopt;
  const std::optional<nlohmann::json> entry = read_cache_entry(entry_path(dir_, key_));
  if (!entry) return std::nullopt;
  try {
    cached_run run;
    run.model = entry->at("ir").get<ir>();
    run.front_end_quiet = entry->at("front_end_quiet").get<bool>();
    run.server_diagnostics = entry->at("diagnostics").get<std::vector<diagnostic>>();
    return run;
  } catch (const std::exception&) {
    return std::nullopt;  // an entry from an incompatible build: regenerate
  }
}

void ir_cache::store(const ir& model, bool front_end_quiet,
                     const std::vector<diagnostic>& server_diagnostics) const {
  if (key_.empty()) return;
  write_cache_entry(entry_path(dir_, key_), nlohmann::json{{"front_end_quiet", front_end_quiet},
                                                           {"diagnostics", server_diagnostics},
                                                           {"ir", model}});
}

std::optional<cached_file> ir_cache::load_file(const input_file& file) const {
  if (context_.empty()) return std::nullopt;
  const std::optional<nlohmann::json> entry =
      read_cache_entry(file_entry_path(dir_, query_file_cache_key(context_, file.path, file.text)));
  if (!entry) return std::nullopt;
  try {
    // The path inside is the key's own input: a check against a hash collision costs nothing.
    if (entry->at("file").get<std::string>() != file.path) return std::nullopt;
    cached_file typed;
    typed.queries = entry->at("queries").get<std::vector<query>>();
    typed.diagnostics = entry->at("diagnostics").get<std::vector<diagnostic>>();
    return typed;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void ir_cache::store_file(const input_file& file, const cached_file& typed) const {
  if (context_.empty()) return;
  write_cache_entry(file_entry_path(dir_, query_file_cache_key(context_, file.path, file.text)),
                    nlohmann::json{{"file", file.path},
                                   {"diagnostics", typed.diagnostics},
                                   {"queries", typed.queries}});
}

}  // namespace soong::gen
