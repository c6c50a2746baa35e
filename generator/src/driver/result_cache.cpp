#include "driver/result_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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
  const auto major = server_major_version();
  key_inputs.server_major_version = major.value_or(0);
  if (major || database_url) key_ = cache_key(key_inputs);
}

std::optional<ir> ir_cache::load() const {
  if (key_.empty()) return std::nullopt;
  std::ifstream in(entry_path(dir_, key_), std::ios::binary);
  if (!in) return std::nullopt;
  const auto value = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;  // a corrupt entry is a miss
  try {
    return value.get<ir>();
  } catch (const std::exception&) {
    return std::nullopt;  // an entry from an incompatible build: regenerate
  }
}

void ir_cache::store(const ir& model) const {
  if (key_.empty()) return;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return;
  const fs::path target = entry_path(dir_, key_);
  const fs::path temp = target.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << nlohmann::json(model).dump();
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, target, ec);
  if (ec) fs::remove(temp, ec);
}

}  // namespace soong::gen
