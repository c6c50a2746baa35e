#include "lifecycle/schema_dump.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <sstream>
#include <vector>

#include "child_process.hpp"
#include "embedded_server.hpp"
#include "lifecycle/migration_runner.hpp"
#include "lifecycle/production_guard.hpp"
#include "lifecycle/scratch_server.hpp"
#include "soong/error.hpp"

namespace soong::gen::lifecycle {

namespace fs = std::filesystem;

std::string reproducible_schema(const std::string& pg_dump_output) {
  std::istringstream in(pg_dump_output);
  std::vector<std::string> kept;
  const auto blank = [](const std::string& line) { return line.empty(); };
  for (std::string line; std::getline(in, line);) {
    const bool dropped =
        line.starts_with("SET ") || line.starts_with("SELECT pg_catalog.set_config(") ||
        line.starts_with("\\") || line.starts_with("-- Dumped from ") ||
        line.starts_with("-- Dumped by ") || line == "--" ||
        line == "-- PostgreSQL database dump" || line == "-- PostgreSQL database dump complete";
    if (dropped) continue;
    // One blank line between objects; none at the top.
    if (blank(line) && (kept.empty() || blank(kept.back()))) continue;
    kept.push_back(line);
  }
  while (!kept.empty() && blank(kept.back())) kept.pop_back();
  std::string out;
  for (const std::string& line : kept) out += line + "\n";
  return out;
}

std::string dump_schema_from_migrations(const fs::path& dir) {
  const std::optional<std::string> bin_dir = soong::embedded::find_bin_dir();
  if (!bin_dir) throw soong::error("cannot find PostgreSQL's programs (set SOONG_PG_BINDIR)");
  const fs::path pg_dump = fs::path(*bin_dir) / "pg_dump";
  if (!fs::exists(pg_dump)) {
    throw soong::error(fmt::format("{} is missing (install postgresql-client)", pg_dump.string()));
  }

  scratch_server server;
  const database_target target = server.create_database("dump");
  std::ostringstream quiet;
  runner_options options;
  options.dir = dir;
  migration_runner(target, options, quiet, quiet).up({});

  const fs::path output =
      fs::temp_directory_path() / fmt::format("soong_schema_dump_{}.sql", ::getpid());
  fs::remove(output);
  const pid_t pid =
      soong::embedded::spawn({pg_dump.string(), "--schema-only", "--no-owner", "--no-privileges",
                              fmt::format("--exclude-schema={}", bookkeeping_schema), "--file",
                              output.string(), "--dbname", server.conninfo("dump")},
                             output.string() + ".log", soong::embedded::run_as{}, true);
  const int code = soong::embedded::wait_exit_code(pid);
  const std::string log = soong::embedded::read_file(output.string() + ".log");
  const std::string text = soong::embedded::read_file(output.string());
  fs::remove(output);
  fs::remove(output.string() + ".log");
  if (code != 0) {
    throw soong::error(
        fmt::format("pg_dump failed (exit {}): {}", code, soong::embedded::tail(log, 3)));
  }
  return reproducible_schema(text);
}

}  // namespace soong::gen::lifecycle
