// The typing cache, end to end through the executable and a real throwaway server: what an
// edit retypes (only the edited file's queries), and every change that must not be answered
// from the cache (schema, options, generator build). Each cached result is compared with a
// run without the cache, so a stale type fails the test whatever the verbose lines say. A
// cached run prints the warnings and notes of the run that stored it, byte for byte.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "scratch_folder.hpp"
#include "soong_process.hpp"

namespace {
namespace fs = std::filesystem;
using soong::testing::file_snapshot;
using soong::testing::process_result;
using soong::testing::run_process;
using soong::testing::scratch_folder;
using soong::testing::snapshot_files;

constexpr const char* schema = R"(CREATE TABLE authors (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  bio text
);
)";

/// Two queries per file, so "typing N of M" tells files apart.
std::string two_queries(const std::string& prefix) {
  return "-- name: " + prefix + "ById :one\nSELECT id, name FROM authors WHERE id = $1;\n\n" +
         "-- name: " + prefix + "Bios :many\nSELECT bio FROM authors ORDER BY id;\n";
}

/// A project of three query files below sql/, generated with a cache folder of its own.
struct project {
  scratch_folder dir{"soong-typing-cache"};
  std::string soong_path = soong::testing::soong_executable();

  project() {
    dir.write("schema.sql", schema);
    for (const char* name : {"alpha", "beta", "gamma"}) {
      dir.write(std::string("sql/") + name + ".sql", two_queries(name));
    }
  }

  [[nodiscard]] process_result run(std::vector<std::string> args) const {
    args.insert(args.begin(), soong_path);
    return run_process(args, {dir.path(), {{"TMPDIR", dir.path().string()}}, {}});
  }

  /// `soong generate` into `out`, with the cache (verbose) or without it.
  [[nodiscard]] process_result generate(const std::string& out, bool cached = true,
                                        std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"generate", "--schema", "schema.sql", "--queries",
                                     "sql",      "--out",    out};
    if (cached) {
      args.insert(args.end(), {"--cache-dir", "cache", "-v"});
    } else {
      args.emplace_back("--no-cache");
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  [[nodiscard]] file_snapshot files(const std::string& out) const {
    return snapshot_files(dir.path() / out);
  }

  /// The files a run without the cache writes for the same inputs and `extra` options.
  [[nodiscard]] file_snapshot uncached_files(const std::string& out,
                                             std::vector<std::string> extra = {}) const {
    const process_result fresh = generate(out, false, std::move(extra));
    EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
    return files(out);
  }
};

std::string typing_line(int typed, int total) {
  return "soong: typing " + std::to_string(typed) + " of " + std::to_string(total) + " queries (" +
         std::to_string(total - typed) + " from the per-file cache)\n";
}

bool says(const process_result& run, const std::string& text) {
  return run.err.find(text) != std::string::npos;
}

TEST(typing_cache, first_run_types_everything_and_an_unchanged_rerun_starts_no_server) {
  const project p;
  const process_result first = p.generate("out");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(says(first, typing_line(6, 6))) << first.err;

  const process_result again = p.generate("out");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(says(again, " (outputs unchanged)\n")) << again.err;
  EXPECT_FALSE(says(again, "starting the type oracle")) << again.err;
  EXPECT_FALSE(says(again, "soong: wrote ")) << again.err;
}

TEST(typing_cache, the_outputs_record_holds_with_or_without_verbose) {
  const project p;
  const process_result quiet = p.run({"generate", "--schema", "schema.sql", "--queries", "sql",
                                      "--out", "out", "--cache-dir", "cache"});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  const process_result verbose = p.generate("out");
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_TRUE(says(verbose, " (outputs unchanged)\n")) << verbose.err;
}

TEST(typing_cache, an_edited_or_deleted_output_is_written_again) {
  const project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  const file_snapshot written = p.files("out");
  p.dir.write("out/alpha.sql.hpp", written.at("alpha.sql.hpp") + "// edited\n");
  fs::remove(p.dir.path() / "out" / "beta.sql.cpp");

  const process_result again = p.generate("out");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(says(again, "(outputs unchanged)")) << again.err;
  EXPECT_TRUE(says(again, "soong: cache hit ")) << again.err;
  EXPECT_TRUE(says(again, "soong: wrote alpha.sql.hpp\n")) << again.err;
  EXPECT_TRUE(says(again, "soong: wrote beta.sql.cpp\n")) << again.err;
  EXPECT_EQ(p.files("out"), written);
}

TEST(typing_cache, a_one_file_edit_types_only_that_files_queries) {
  const project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  const fs::path alpha_header = p.dir.path() / "out" / "alpha.sql.hpp";
  ASSERT_TRUE(fs::exists(alpha_header));
  const auto alpha_time = fs::last_write_time(alpha_header);

  p.dir.write("sql/beta.sql",
              two_queries("beta") + "\n-- name: betaCount :one\nSELECT count(*) FROM authors;\n");
  const process_result edited = p.generate("out");
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  EXPECT_TRUE(says(edited, "soong: starting the type oracle\n")) << edited.err;
  EXPECT_TRUE(says(edited, typing_line(3, 7))) << edited.err;
  EXPECT_TRUE(says(edited, "soong: wrote beta.sql.hpp\n")) << edited.err;
  EXPECT_FALSE(says(edited, "soong: wrote alpha.sql.hpp\n")) << edited.err;
  EXPECT_EQ(fs::last_write_time(alpha_header), alpha_time) << "an unchanged output was rewritten";
  EXPECT_EQ(p.files("out"), p.uncached_files("fresh"));
}

TEST(typing_cache, a_file_with_an_error_is_not_stored_and_the_others_stay_cached) {
  const project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  p.dir.write("sql/beta.sql", "-- name: Broken :one\nSELECT nope FROM authors;\n");
  p.dir.write("sql/delta.sql", two_queries("delta"));
  const process_result broken = p.generate("out");
  EXPECT_EQ(broken.exit_code, 1) << broken.err;
  EXPECT_TRUE(says(broken, typing_line(3, 7))) << broken.err;

  p.dir.write("sql/beta.sql", two_queries("beta"));
  const process_result fixed = p.generate("out");
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  // beta's first version is still cached, delta was stored by the failed run.
  EXPECT_TRUE(says(fixed, typing_line(0, 8))) << fixed.err;
  EXPECT_EQ(p.files("out"), p.uncached_files("fresh"));
}

TEST(typing_cache, a_schema_change_retypes_every_query) {
  const project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  std::string changed = schema;
  changed.replace(changed.find("bigserial"), 9, "serial");  // id: int8 -> int4
  p.dir.write("schema.sql", changed);
  const process_result run = p.generate("out");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(says(run, "cache hit")) << run.err;
  EXPECT_TRUE(says(run, typing_line(6, 6))) << run.err;
  EXPECT_NE(p.files("out").at("alpha.sql.hpp").find("std::int32_t id{};"), std::string::npos)
      << p.files("out").at("alpha.sql.hpp");
  EXPECT_EQ(p.files("out"), p.uncached_files("fresh"));
}

TEST(typing_cache, a_crud_option_retypes_every_query) {
  const project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  const process_result run = p.generate("out", true, {"--crud", "authors"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(says(run, "cache hit")) << run.err;
  EXPECT_TRUE(says(run, typing_line(6, 6))) << run.err;
  EXPECT_EQ(p.files("out"), p.uncached_files("fresh", {"--crud", "authors"}));
}

TEST(typing_cache, output_options_are_applied_to_a_cached_ir) {
  const project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  const std::vector<std::string> options = {"--namespace", "other", "--json", "all"};
  const process_result run = p.generate("out2", true, options);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(says(run, "soong: cache hit ")) << run.err;
  EXPECT_NE(p.files("out2"), p.files("out"));
  EXPECT_EQ(p.files("out2"), p.uncached_files("fresh", options));
}

TEST(typing_cache, a_rebuilt_generator_does_not_reuse_entries) {
  project p;
  ASSERT_EQ(p.generate("out").exit_code, 0);
  // Another build of the generator: same version number, another executable file.
  const fs::path rebuilt = p.dir.path() / "soong-rebuilt";
  fs::copy_file(p.soong_path, rebuilt);
  fs::last_write_time(rebuilt, fs::last_write_time(rebuilt) + std::chrono::hours(1));
  p.soong_path = rebuilt.string();
  const process_result run = p.generate("out");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_FALSE(says(run, "cache hit")) << run.err;
  EXPECT_TRUE(says(run, typing_line(6, 6))) << run.err;
}

TEST(typing_cache, a_migrations_folder_and_its_files_named_one_by_one_are_different_inputs) {
  const project p;
  // Applied by version, 9 comes before 10; named one by one in lexical order, 10 comes first
  // and fails, since the table it alters does not exist yet.
  p.dir.write("migrations/9_authors.sql", schema);
  p.dir.write("migrations/10_email.sql", "ALTER TABLE authors ADD COLUMN email text;\n");
  const std::vector<std::string> common = {"generate", "--queries",   "sql",   "--out",
                                           "out",      "--cache-dir", "cache", "-v"};
  std::vector<std::string> folder = common;
  folder.insert(folder.end(), {"--schema", "migrations"});
  const process_result from_folder = p.run(folder);
  ASSERT_EQ(from_folder.exit_code, 0) << from_folder.err;

  std::vector<std::string> files = common;
  files.insert(files.end(),
               {"--schema", "migrations/10_email.sql", "--schema", "migrations/9_authors.sql"});
  const process_result one_by_one = p.run(files);
  EXPECT_EQ(one_by_one.exit_code, 1) << one_by_one.err;
  EXPECT_FALSE(says(one_by_one, "cache hit")) << one_by_one.err;
  EXPECT_TRUE(says(one_by_one, "relation \"authors\" does not exist")) << one_by_one.err;
}

TEST(typing_cache, a_cached_rerun_still_reports_the_front_ends_notes) {
  const project p;
  p.dir.write("sql/gamma.sql", two_queries("gamma") + "\nSELECT 1;\n");  // not annotated
  const process_result first = p.generate("out");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::size_t at = first.err.find("gamma.sql:");
  ASSERT_NE(at, std::string::npos) << first.err;
  const std::size_t line_start = first.err.rfind('\n', at) + 1;  // npos + 1 == 0
  const std::string note_line = first.err.substr(line_start, first.err.find('\n', at) - line_start);

  const process_result again = p.generate("out");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(says(again, "soong: cache hit ")) << again.err;
  EXPECT_TRUE(says(again, note_line)) << again.err;
}

/// The project with a table that has no primary key, asked for CRUD functions in alpha.sql:
/// the server stage warns about it on every run. With `front_end_note`, gamma.sql also holds
/// an unannotated statement, which the front end reports before the warning.
struct warning_project : project {
  explicit warning_project(bool front_end_note) {
    dir.write("schema.sql", std::string(schema) + "CREATE TABLE events (at timestamptz NOT NULL);\n");
    dir.write("sql/alpha.sql", "-- soong:crud events\n" + two_queries("alpha"));
    if (front_end_note) dir.write("sql/gamma.sql", two_queries("gamma") + "\nSELECT 1;\n");
  }

  /// `soong generate` into `out` with the cache and without -v: what a build prints.
  [[nodiscard]] process_result quiet(const std::string& out) const {
    return run({"generate", "--schema", "schema.sql", "--queries", "sql", "--out", out,
                "--cache-dir", "cache"});
  }
};

/// `err` without the progress lines -v adds ("soong: typing ...", "soong: wrote ...").
std::string without_progress(const std::string& err) {
  std::istringstream lines(err);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("soong: ")) kept += line + "\n";
  }
  return kept;
}

TEST(typing_cache, every_kind_of_hit_prints_the_warnings_of_the_run_that_stored_it) {
  for (const bool front_end_note : {false, true}) {
    SCOPED_TRACE(front_end_note ? "with a front-end note" : "front end quiet");
    const warning_project p(front_end_note);
    const process_result cold = p.quiet("out");
    ASSERT_EQ(cold.exit_code, 0) << cold.err;
    ASSERT_TRUE(says(cold, "sql/alpha.sql:1:15: warning: table public.events has no primary key"))
        << cold.err;
    EXPECT_EQ(says(cold, "gamma.sql:"), front_end_note) << cold.err;

    // The outputs record: same command line, the output folder unchanged.
    const process_result unchanged = p.quiet("out");
    ASSERT_EQ(unchanged.exit_code, 0) << unchanged.err;
    EXPECT_EQ(unchanged.err, cold.err);
    const process_result unchanged_verbose = p.generate("out");
    EXPECT_TRUE(says(unchanged_verbose, " (outputs unchanged)\n")) << unchanged_verbose.err;
    EXPECT_EQ(without_progress(unchanged_verbose.err), cold.err);

    // The run's IR entry: another output folder is another command line.
    const process_result from_ir = p.quiet("out2");
    ASSERT_EQ(from_ir.exit_code, 0) << from_ir.err;
    EXPECT_EQ(from_ir.err, cold.err);
    const process_result from_ir_verbose = p.generate("out3");
    EXPECT_TRUE(says(from_ir_verbose, "soong: cache hit ")) << from_ir_verbose.err;
    EXPECT_FALSE(says(from_ir_verbose, "(outputs unchanged)")) << from_ir_verbose.err;
    EXPECT_FALSE(says(from_ir_verbose, "starting the type oracle")) << from_ir_verbose.err;
    EXPECT_EQ(without_progress(from_ir_verbose.err), cold.err);
  }
}

TEST(typing_cache, a_per_file_hit_prints_what_a_run_without_the_cache_prints) {
  const warning_project p(true);
  ASSERT_EQ(p.quiet("out").exit_code, 0);
  p.dir.write("sql/beta.sql", two_queries("beta") + "\n-- name: betaCount :one\nSELECT 1;\n");
  const process_result edited = p.generate("out");
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  EXPECT_TRUE(says(edited, typing_line(3, 7))) << edited.err;
  const process_result fresh = p.generate("fresh", false);
  ASSERT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_TRUE(says(fresh, "warning: table public.events has no primary key")) << fresh.err;
  EXPECT_EQ(without_progress(edited.err), fresh.err);
}

/// The per-file entry of `query_file` in the project's cache folder, as JSON, and its path.
std::pair<fs::path, nlohmann::json> file_entry(const project& p, const std::string& query_file) {
  for (const auto& e : fs::directory_iterator(p.dir.path() / "cache")) {
    if (!e.path().string().ends_with(".file.json")) continue;
    std::ifstream in(e.path());
    nlohmann::json entry = nlohmann::json::parse(in);
    if (entry.at("file") == query_file) return {e.path(), entry};
  }
  ADD_FAILURE() << "no cache entry for " << query_file;
  return {};
}

// No check that runs while a query is typed warns yet; the findings a file entry holds are
// printed where that file's typing would have printed them, after the run's own findings and
// in the order of the files.
TEST(typing_cache, a_query_files_entry_replays_its_typing_findings_in_file_order) {
  const warning_project p(false);
  ASSERT_EQ(p.quiet("out").exit_code, 0);
  for (const std::string name : {"gamma", "alpha"}) {
    auto [path, entry] = file_entry(p, "sql/" + name + ".sql");
    ASSERT_FALSE(path.empty());
    EXPECT_EQ(entry.at("diagnostics"), nlohmann::json::array()) << "nothing found while typing";
    entry["diagnostics"].push_back({{"level", "warning"},
                                    {"location", {{"file", "sql/" + name + ".sql"},
                                                  {"line", 0},
                                                  {"column", 0}}},
                                    {"message", "found while typing " + name},
                                    {"code", ""},
                                    {"length", 1},
                                    {"source_line", ""},
                                    {"notes", nlohmann::json::array()}});
    std::ofstream(path) << entry.dump();
  }
  p.dir.write("sql/beta.sql", two_queries("beta") + "\n-- name: betaCount :one\nSELECT 1;\n");
  const process_result edited = p.quiet("out");
  ASSERT_EQ(edited.exit_code, 0) << edited.err;
  const std::size_t crud = edited.err.find("has no primary key");
  const std::size_t alpha = edited.err.find("sql/alpha.sql: warning: found while typing alpha\n");
  const std::size_t gamma = edited.err.find("sql/gamma.sql: warning: found while typing gamma\n");
  ASSERT_NE(alpha, std::string::npos) << edited.err;
  ASSERT_NE(gamma, std::string::npos) << edited.err;
  EXPECT_LT(crud, alpha) << edited.err;
  EXPECT_LT(alpha, gamma) << edited.err;
  // Stored with the run: printed again by the outputs record and by the run's IR entry.
  EXPECT_EQ(p.quiet("out").err, edited.err);
  EXPECT_EQ(p.quiet("out2").err, edited.err);
}

}  // namespace
