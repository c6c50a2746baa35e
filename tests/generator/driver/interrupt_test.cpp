// Ctrl-C while `soong` is typing queries: the private PostgreSQL it started must be shut down
// and its folder removed, and nothing may be written.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "scratch_folder.hpp"
#include "soong_process.hpp"

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using soong::testing::scratch_folder;

/// Server folders (`soong-pg-*`) directly below `dir`.
std::vector<fs::path> server_folders(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().starts_with("soong-pg-")) found.push_back(entry.path());
  }
  return found;
}

/// True when some server folder below `dir` has a file at `relative`.
bool server_file_exists(const fs::path& dir, const std::string& relative) {
  for (const auto& folder : server_folders(dir)) {
    if (fs::exists(folder / relative)) return true;
  }
  return false;
}

/// The postmaster listens (its socket is in the server folder): initdb is over.
bool server_listening(const fs::path& dir) { return server_file_exists(dir, ".s.PGSQL.5432"); }

/// initdb is writing the cluster and the postmaster is not up yet.
bool initdb_running(const fs::path& dir) {
  return server_file_exists(dir, "data/PG_VERSION") && !server_listening(dir);
}

/// Processes whose command line mentions `dir` (a postgres started with `-D dir/...`).
std::vector<std::string> processes_mentioning(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline;
    try {
      cmdline = soong::testing::read_file_text(entry.path() / "cmdline");
    } catch (const std::exception&) {
      continue;  // exited meanwhile
    }
    for (auto& c : cmdline) c = c == '\0' ? ' ' : c;
    if (cmdline.find(dir.string()) != std::string::npos) found.push_back(pid + ": " + cmdline);
  }
  return found;
}

/// What an interrupted run left behind.
struct interrupted_run {
  bool signalled = false;
  soong::testing::process_result result;
};

/// Runs `soong generate` over many queries with its servers below `dir`, and sends SIGINT as
/// soon as `phase_reached(dir)` has held for `delay`.
interrupted_run generate_and_interrupt(const scratch_folder& dir,
                                       const std::function<bool(const fs::path&)>& phase_reached,
                                       std::chrono::milliseconds delay) {
  dir.write("schema.sql", "CREATE TABLE items (id bigserial PRIMARY KEY, label text);\n");
  // Enough queries that typing them takes seconds after the server is up.
  std::string queries;
  for (int i = 0; i < 3000; ++i) {
    queries += fmt::format(
        "-- name: Query{0} :many\nSELECT i.id, i.label, {0} AS n FROM items i "
        "LEFT JOIN items j ON j.id = i.id + {0} WHERE i.label <> $1;\n\n",
        i);
  }
  dir.write("query.sql", queries);

  interrupted_run run;
  soong::testing::process_options options;
  options.cwd = dir.path();
  options.env = {{"TMPDIR", dir.path().string()}};
  std::optional<std::chrono::steady_clock::time_point> reached_at;
  options.signal_when = [&](const std::string&) -> int {
    if (!reached_at) {
      if (phase_reached(dir.path())) reached_at = std::chrono::steady_clock::now();
      return 0;
    }
    if (std::chrono::steady_clock::now() - *reached_at < delay) return 0;
    run.signalled = true;
    return SIGINT;
  };
  run.result = soong::testing::run_process(
      {soong::testing::soong_executable(), "generate", "--schema", "schema.sql", "--queries",
       "query.sql", "--out", "out", "--no-cache", "-v"},
      options);
  return run;
}

/// Nothing written, no server folder, no process left that runs in the server folder.
void expect_clean_after_interrupt(const scratch_folder& dir, const interrupted_run& run) {
  ASSERT_TRUE(run.signalled) << "the phase was never reached; stderr:\n" << run.result.err;
  EXPECT_EQ(run.result.term_signal, SIGINT) << "exit code " << run.result.exit_code << "\n"
                                            << run.result.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out")) << "interrupted run wrote output";
  EXPECT_TRUE(server_folders(dir.path()).empty()) << "server folder left behind";
  // soong's handler waited for the postmaster; give its backends a moment to go.
  auto leftover = processes_mentioning(dir.path());
  for (const auto until = std::chrono::steady_clock::now() + 60s;
       !leftover.empty() && std::chrono::steady_clock::now() < until;) {
    std::this_thread::sleep_for(100ms);
    leftover = processes_mentioning(dir.path());
  }
  EXPECT_TRUE(leftover.empty()) << leftover.front();
}

TEST(interrupt, sigint_while_typing_leaves_no_server_and_no_output) {
  const scratch_folder dir("soong-sigint");
  // 300 ms after the postmaster listens: past the schema, preparing and describing queries.
  const auto run = generate_and_interrupt(dir, server_listening, 300ms);
  EXPECT_NE(run.result.err.find("soong: starting the type oracle\n"), std::string::npos);
  expect_clean_after_interrupt(dir, run);
}

TEST(interrupt, sigint_during_initdb_leaves_no_server_folder) {
  const scratch_folder dir("soong-sigint");
  const auto run = generate_and_interrupt(dir, initdb_running, 0ms);
  expect_clean_after_interrupt(dir, run);
}

}  // namespace
