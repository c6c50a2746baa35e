#include "driver/cache_entry.hpp"

#include <unistd.h>

#include <fstream>
#include <string>

#include "file_text.hpp"

namespace soong::gen {
namespace fs = std::filesystem;

std::optional<nlohmann::json> read_cache_entry(const fs::path& path) {
  // Parsed from memory: much faster than nlohmann's stream input for entries of megabytes.
  const std::optional<std::string> text = read_file_text(path);
  if (!text) return std::nullopt;
  auto value = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

void write_cache_entry(const fs::path& path, const nlohmann::json& value) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return;
  const fs::path temp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << value.dump();
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) fs::remove(temp, ec);
}

}  // namespace soong::gen
