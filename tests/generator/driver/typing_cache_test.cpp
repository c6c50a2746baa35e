// The typing cache, end to end through the executable and a real throwaway server: what an
// edit retypes (only the edited file's queries), and every change that must not be answered
// from the cache (schema, options, generator build). Each cached result is compared with a
// run without the cache, so a stale type fails the test whatever the verbose lines say.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
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

}  // namespace
