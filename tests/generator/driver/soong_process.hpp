#pragma once
// Runs the real `soong` executable as a child process, the way a user or a build does, and
// captures what it printed. End-to-end tests assert on exactly this (stderr bytes, exit code).

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace soong::testing {

/// What a finished child process printed and how it ended.
struct process_result {
  int exit_code = -1;   ///< exit status, or -1 when killed by a signal
  int term_signal = 0;  ///< the signal that killed it, 0 when it exited
  std::string out;      ///< everything written to stdout
  std::string err;      ///< everything written to stderr
};

/// Options for one run; `env` entries are added to (or replace) the inherited environment.
struct process_options {
  std::filesystem::path cwd;
  std::map<std::string, std::string> env;
  /// Called with stderr received so far (on output and every 20 ms); returning a signal number
  /// sends it to the child (once). Lets a test interrupt the child at a phase of its work.
  std::function<int(const std::string& err_so_far)> signal_when;
};

/// Runs `argv` (argv[0] is a path, not searched in PATH) and waits for it.
[[nodiscard]] process_result run_process(const std::vector<std::string>& argv,
                                         const process_options& options = {});

/// Path of the soong executable under test (the SOONG_EXECUTABLE compile definition).
[[nodiscard]] std::string soong_executable();

/// Runs `soong <args...>` in `cwd`.
[[nodiscard]] process_result run_soong(const std::vector<std::string>& args,
                                       const std::filesystem::path& cwd,
                                       const std::map<std::string, std::string>& env = {});

}  // namespace soong::testing
