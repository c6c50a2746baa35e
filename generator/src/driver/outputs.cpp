#include "driver/outputs.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "file_text.hpp"

namespace soong::gen {
namespace fs = std::filesystem;

namespace {

void write_atomically(const fs::path& path, const std::string& contents) {
  fs::create_directories(path.parent_path());
  const fs::path temp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << contents;
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write " + temp.string());
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot replace " + path.string() + ": " + ec.message());
  }
}

}  // namespace

write_report write_outputs(const std::string& out_dir, const file_map& files) {
  write_report report;
  for (const auto& [rel, contents] : files) {
    const fs::path path = fs::path(out_dir) / rel;
    if (read_file_text(path) == contents) {
      report.unchanged.push_back(rel);
      continue;
    }
    write_atomically(path, contents);
    report.written.push_back(rel);
  }
  return report;
}

std::vector<stale_file> find_stale_outputs(const std::string& out_dir, const file_map& files) {
  std::vector<stale_file> stale;
  for (const auto& [rel, contents] : files) {
    const auto existing = read_file_text(fs::path(out_dir) / rel);
    if (!existing) {
      stale.push_back({rel, true});
    } else if (*existing != contents) {
      stale.push_back({rel, false});
    }
  }
  return stale;
}

}  // namespace soong::gen
