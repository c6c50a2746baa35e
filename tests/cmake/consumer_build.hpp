#pragma once
// Helpers for the CMake integration tests: run a shell command and capture what it printed,
// lay out a fresh consumer project below the build tree, and read build logs. The commands
// are the real cmake and ninja; nothing is simulated.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace soong::cmake_testing {

/// What a finished shell command printed (stdout and stderr interleaved) and its exit code.
struct command_result {
  int exit_code = -1;
  std::string output;
};

/// Runs `command` with /bin/sh, capturing stdout and stderr together.
[[nodiscard]] command_result run_command(const std::string& command);

/// `text` single-quoted for /bin/sh.
[[nodiscard]] std::string shell_quoted(std::string_view text);

/// The soong source checkout these tests were built from.
[[nodiscard]] std::filesystem::path soong_source_dir();

/// A new empty folder `<build tree>/tests/cmake/work/<name>`, removing what a previous run
/// left there, unless SOONG_TEST_REUSE_BUILDS is set (then the folder is kept as it is).
[[nodiscard]] std::filesystem::path fresh_work_dir(std::string_view name);

/// Copies tests/cmake/consumer and tests/cmake/subdirectory_consumer into `dest`, so a test can
/// edit the copies' query files without touching the source tree.
void copy_consumer_projects(const std::filesystem::path& dest);

/// The CMake generators the consumer projects are built with.
enum class build_tool { ninja, makefiles };

/// `cmake -S source -B build -G Ninja -DCMAKE_BUILD_TYPE=Release <extra>` (or
/// `-G "Unix Makefiles"`).
[[nodiscard]] command_result configure(const std::filesystem::path& source,
                                       const std::filesystem::path& build,
                                       const std::string& extra_args = "",
                                       build_tool tool = build_tool::ninja);

/// `cmake --build build <extra>`: `extra` may name targets (`--target t`) and, after `--`,
/// pass options to ninja (`-- -d explain`). `environment` (`NAME='value' `) goes before the
/// command, so the build's steps see it.
[[nodiscard]] command_result build(const std::filesystem::path& build_dir,
                                   const std::string& extra_args = "",
                                   const std::string& environment = "");

/// `cmake --install build_dir --prefix prefix`.
[[nodiscard]] command_result install(const std::filesystem::path& build_dir,
                                     const std::filesystem::path& prefix);

/// The build folder these tests belong to: soong itself is already built there.
[[nodiscard]] std::filesystem::path soong_build_dir();

/// The whole text of a file; throws std::runtime_error when it cannot be read.
[[nodiscard]] std::string read_text(const std::filesystem::path& file);

/// Replaces a file's contents.
void write_text(const std::filesystem::path& file, std::string_view text);

/// Modification time of every regular file below `dir`, keyed by path relative to `dir`.
[[nodiscard]] std::map<std::string, std::filesystem::file_time_type> modification_times(
    const std::filesystem::path& dir);

/// The object files a Ninja build log says it compiled (`Building CXX object <path>` lines),
/// as their paths relative to the build folder.
[[nodiscard]] std::set<std::string> compiled_objects(std::string_view build_log);

/// The `soong: ...` generation steps a Ninja or Makefiles build log says it ran (the custom
/// commands' COMMENTs, e.g. `soong: consumer_db: generating notes/add_note.sql`).
[[nodiscard]] std::set<std::string> generation_steps(std::string_view build_log);

/// The steps a Ninja build log says it ran (`[i/n] <description>` lines), leaving out CMake's
/// glob check ("Re-checking globbed directories..."): with CONFIGURE_DEPENDS globs that check
/// runs on every build by design, is cheap, and reconfigures only when a folder's list of
/// files changed.
[[nodiscard]] std::vector<std::string> ran_steps(std::string_view build_log);

}  // namespace soong::cmake_testing
