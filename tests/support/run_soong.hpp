#pragma once
// Runs the real `soong` executable (SOONG_EXE, a compile definition of the test target) and
// captures its exit code, stdout and stderr; run_soong() runs it in the source tree
// (SOONG_SOURCE_DIR, also a compile definition).

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace soong::testing {

struct command_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// `text` as one single-quoted shell word.
inline std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

/// Runs `soong <args>` (args already shell-quoted) in `working_dir`, with `environment`
/// (`NAME=value` words, already shell-quoted, e.g. "DATABASE_URL='...'") set for it only.
inline command_result run_soong_in(const std::string& working_dir, const std::string& args,
                                   const std::string& environment = {}) {
  const auto err_path = std::filesystem::temp_directory_path() /
                        ("soong_test_err_" + std::to_string(::getpid()));
  const std::string command = "cd " + shell_quote(working_dir) + " && " + environment + " " +
                              shell_quote(SOONG_EXE) + " " + args + " 2>" +
                              shell_quote(err_path.string());
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed: " + command);
  command_result result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    result.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  std::stringstream text;
  text << err.rdbuf();
  result.err = text.str();
  std::filesystem::remove(err_path);
  return result;
}

/// Runs `soong <args>` (args already shell-quoted) with the source tree as working folder.
inline command_result run_soong(const std::string& args) {
  return run_soong_in(SOONG_SOURCE_DIR, args);
}

}  // namespace soong::testing
