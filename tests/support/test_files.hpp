#pragma once
// Reading the files tests compare with or load (schemas, docs, golden outputs).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

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

/// The lines of a reviewed table (expected results, lists of known exceptions) without blank
/// lines and `#` comment lines.
[[nodiscard]] inline std::vector<std::string> reviewed_lines(const std::filesystem::path& path) {
  std::istringstream in(read_file(path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

}  // namespace soong::testing
