#pragma once
// Reading the files tests compare with or load (schemas, docs, golden outputs).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace soong::testing {

/// The whole file, byte for byte; throws std::runtime_error naming it when it cannot be read
/// (a missing input must fail the test, never read as empty).
[[nodiscard]] inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace soong::testing
