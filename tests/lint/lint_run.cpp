#include "lint_run.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace soong::lint_test {

namespace fs = std::filesystem;

void write_compile_commands(const fs::path& dir, const std::vector<fs::path>& files,
                            const std::vector<fs::path>& include_dirs) {
  fs::create_directories(dir);
  nlohmann::json commands = nlohmann::json::array();
  for (const fs::path& file : files) {
    nlohmann::json arguments = {"/usr/bin/c++", "-std=c++20"};
    for (const fs::path& include : include_dirs) {
      if (!include.empty()) arguments.push_back("-I" + include.string());
    }
    arguments.insert(arguments.end(), {"-c", file.string(), "-o", "/dev/null"});
    commands.push_back(
        {{"directory", dir.string()}, {"file", file.string()}, {"arguments", arguments}});
  }
  std::ofstream(dir / "compile_commands.json") << commands.dump(2) << "\n";
}

namespace {
std::string shell_quote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

lint_output run_lint(const std::vector<std::string>& arguments, const fs::path& working_dir) {
  // Captured in the build tree: working_dir may be a source folder.
  fs::create_directories(SOONG_LINT_WORK_DIR);
  const fs::path out_file = fs::path(SOONG_LINT_WORK_DIR) / "lint.out";
  const fs::path err_file = fs::path(SOONG_LINT_WORK_DIR) / "lint.err";
  std::string command =
      "cd " + shell_quote(working_dir.string()) + " && " + shell_quote(SOONG_LINT_EXECUTABLE);
  for (const std::string& a : arguments) command += " " + shell_quote(a);
  command += " >" + shell_quote(out_file.string()) + " 2>" + shell_quote(err_file.string());
  const int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) throw std::runtime_error("could not run " + command);
  lint_output result{WEXITSTATUS(status), read_file(out_file), read_file(err_file)};
  fs::remove(out_file);
  fs::remove(err_file);
  return result;
}

std::vector<std::string> warning_lines(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.find(": warning: ") != std::string::npos) lines.push_back(line);
  }
  return lines;
}

}  // namespace soong::lint_test
