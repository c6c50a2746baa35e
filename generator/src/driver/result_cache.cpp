#include "driver/result_cache.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace soong::gen {
namespace fs = std::filesystem;

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

std::optional<nlohmann::json> cache_load(const std::string& dir, const std::string& key) {
  std::ifstream in(fs::path(dir) / (key + ".json"), std::ios::binary);
  if (!in) return std::nullopt;
  auto value = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

void cache_store(const std::string& dir, const std::string& key, const nlohmann::json& value) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return;
  const fs::path target = fs::path(dir) / (key + ".json");
  const fs::path temp = target.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << value.dump();
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, target, ec);
  if (ec) fs::remove(temp, ec);
}

}  // namespace soong::gen
