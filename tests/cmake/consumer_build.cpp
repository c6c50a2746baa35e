#include "consumer_build.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace soong::cmake_testing {
namespace fs = std::filesystem;

command_result run_command(const std::string& command) {
  // Output goes to a file rather than through popen(): the whole of it is there once the
  // command has exited, however the reads of a pipe would have been interrupted.
  static std::atomic<int> counter{0};
  const fs::path log =
      fs::temp_directory_path() /
      ("soong-cmake-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".log");
  const std::string redirected = "(" + command + ") >" + shell_quoted(log.string()) + " 2>&1";
  const int status = std::system(redirected.c_str());
  if (status == -1) {
    throw std::runtime_error("cannot run: " + command);
  }
  command_result result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.output = read_text(log);
  fs::remove(log);
  return result;
}

std::string shell_quoted(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    // A single quote cannot appear inside '...': close, add an escaped quote, reopen.
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

fs::path soong_source_dir() { return SOONG_TEST_SOURCE_DIR; }

fs::path fresh_work_dir(std::string_view name) {
  const fs::path dir = fs::path(SOONG_TEST_WORK_DIR) / name;
  // Rebuilding soong from scratch takes minutes; when iterating on these tests, keep the
  // previous run's builds (the consumer sources are copied again either way).
  if (const char* reuse = std::getenv("SOONG_TEST_REUSE_BUILDS"); reuse && *reuse) {
    fs::create_directories(dir);
    return dir;
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void copy_consumer_projects(const fs::path& dest) {
  const fs::path projects = SOONG_TEST_CONSUMERS_DIR;
  for (const char* project : {"consumer", "subdirectory_consumer"}) {
    fs::copy(projects / project, dest / project,
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }
}

command_result configure(const fs::path& source, const fs::path& build,
                         const std::string& extra_args, build_tool tool) {
  const std::string generator =
      tool == build_tool::ninja ? " -G Ninja -DCMAKE_MAKE_PROGRAM=" + shell_quoted(SOONG_TEST_NINJA)
                                : std::string(" -G 'Unix Makefiles'");
  // Release: these builds compile all of soong, and the tests are about the build rules, not
  // about debugging what they compile.
  return run_command(shell_quoted(SOONG_TEST_CMAKE_COMMAND) + " -S " +
                     shell_quoted(source.string()) + " -B " + shell_quoted(build.string()) +
                     generator + " -DCMAKE_BUILD_TYPE=Release " + extra_args);
}

command_result build(const fs::path& build_dir, const std::string& extra_args,
                     const std::string& environment) {
  return run_command(environment + shell_quoted(SOONG_TEST_CMAKE_COMMAND) + " --build " +
                     shell_quoted(build_dir.string()) + " " + extra_args);
}

command_result install(const fs::path& build_dir, const fs::path& prefix) {
  return run_command(shell_quoted(SOONG_TEST_CMAKE_COMMAND) + " --install " +
                     shell_quoted(build_dir.string()) + " --prefix " +
                     shell_quoted(prefix.string()));
}

fs::path soong_build_dir() { return SOONG_TEST_BINARY_DIR; }

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    throw std::runtime_error("cannot write " + file.string());
  }
}

std::map<std::string, fs::file_time_type> modification_times(const fs::path& dir) {
  std::map<std::string, fs::file_time_type> times;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      times[fs::relative(entry.path(), dir).string()] = entry.last_write_time();
    }
  }
  return times;
}

namespace {

/// The rest of each log line after `marker`, for lines that contain it.
std::set<std::string> line_tails_after(std::string_view log, std::string_view marker) {
  std::set<std::string> tails;
  std::istringstream lines{std::string(log)};
  for (std::string line; std::getline(lines, line);) {
    if (const auto at = line.find(marker); at != std::string::npos) {
      tails.insert(line.substr(at + marker.size()));
    }
  }
  return tails;
}

}  // namespace

std::set<std::string> compiled_objects(std::string_view build_log) {
  return line_tails_after(build_log, "Building CXX object ");
}

std::set<std::string> generation_steps(std::string_view build_log) {
  // Ninja prints `[3/9] soong: ...`, make `[ 33%] soong: ...`.
  std::set<std::string> steps;
  for (const std::string& tail : line_tails_after(build_log, "] soong: ")) {
    steps.insert("soong: " + tail);
  }
  return steps;
}

std::vector<std::string> ran_steps(std::string_view build_log) {
  static const std::regex step(R"(^\[[0-9]+/[0-9]+\] .*)");
  std::vector<std::string> steps;
  std::istringstream lines{std::string(build_log)};
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, step) &&
        line.find("Re-checking globbed directories") == std::string::npos) {
      steps.push_back(line);
    }
  }
  return steps;
}

}  // namespace soong::cmake_testing
