// A project that add_subdirectory()s soong: it configures, builds and runs against a real
// PostgreSQL, and its Ninja build regenerates exactly what an edit requires.
//
// The project is built once per test binary (all of soong is compiled inside it); the tests
// then edit query files in a copy of the project and rebuild. Each test leaves the build as
// it found it: complete and up to date.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "consumer_build.hpp"
#include "server_start_counter.hpp"
#include "test_server.hpp"

namespace {
namespace fs = std::filesystem;
using namespace soong::cmake_testing;

const std::string original_notes_output = "1 first note\n2 second note\n";

class subdirectory_consumer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    work_ = fresh_work_dir("subdirectory");
    copy_consumer_projects(work_);
    configured_ = configure(work_ / "subdirectory_consumer", build_dir(),
                            "-DSOONG_SOURCE_DIR=" + shell_quoted(soong_source_dir().string()));
    if (configured_.exit_code == 0) {
      built_ = build(build_dir(), "-j2");
    }
  }

  void SetUp() override {
    ASSERT_EQ(configured_.exit_code, 0) << configured_.output;
    ASSERT_EQ(built_.exit_code, 0) << built_.output;
  }

  static fs::path build_dir() { return work_ / "build"; }
  static fs::path queries_dir() { return work_ / "consumer" / "sql" / "notes"; }
  static fs::path generated_dir() { return build_dir() / "consumer_db_generated"; }

  /// Runs the consumer program on a fresh database holding the consumer's schema.
  static command_result run_consumer() {
    const std::string conninfo = soong::testing::fresh_database();
    soong::testing::run_sql(conninfo, read_text(work_ / "consumer" / "sql" / "schema.sql"));
    return run_command(shell_quoted((build_dir() / "consumer").string()) + " " +
                       shell_quoted(conninfo));
  }

  static fs::path work_;
  static command_result configured_;
  static command_result built_;
};

fs::path subdirectory_consumer::work_;
command_result subdirectory_consumer::configured_;
command_result subdirectory_consumer::built_;

TEST_F(subdirectory_consumer, builds_and_runs_generated_queries) {
  const command_result run = run_consumer();
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, original_notes_output);
}

TEST_F(subdirectory_consumer, builds_nothing_of_soongs_own_tests_examples_or_lint) {
  // Options default to off when soong is not the top-level project.
  const std::string cache = read_text(build_dir() / "CMakeCache.txt");
  for (const char* option : {"SOONG_BUILD_TESTS:BOOL=OFF", "SOONG_BUILD_EXAMPLES:BOOL=OFF",
                             "SOONG_BUILD_LINT:BOOL=OFF"}) {
    EXPECT_NE(cache.find(option), std::string::npos) << option;
  }
}

TEST_F(subdirectory_consumer, no_op_build_runs_nothing) {
  const command_result rebuilt = build(build_dir(), "-- -d explain");
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  EXPECT_NE(rebuilt.output.find("ninja: no work to do."), std::string::npos) << rebuilt.output;
  EXPECT_EQ(ran_steps(rebuilt.output), std::vector<std::string>{}) << rebuilt.output;
}

TEST_F(subdirectory_consumer, editing_one_query_file_regenerates_and_recompiles_only_its_output) {
  const fs::path add_note = queries_dir() / "add_note.sql";
  const std::string original = read_text(add_note);
  const auto times_before = modification_times(generated_dir());

  // A change whose effect the program shows: bodies are stored in upper case.
  std::string edited = original;
  const std::string value = "VALUES (@body)";
  ASSERT_NE(edited.find(value), std::string::npos) << edited;
  edited.replace(edited.find(value), value.size(), "VALUES (upper(@body))");
  write_text(add_note, edited);

  // A typing cache kept from an earlier run (SOONG_TEST_REUSE_BUILDS) may know this edit.
  fs::remove_all(build_dir() / "soong-cache");
  const server_start_counter servers;
  const command_result rebuilt = build(build_dir(), "", servers.environment());
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  // The target's one generation step runs (over both files, on one server) ...
  EXPECT_EQ(generation_steps(rebuilt.output),
            std::set<std::string>{
                "soong: consumer_db: generating notes/add_note.sql, notes/list_notes.sql"})
      << rebuilt.output;
  EXPECT_EQ(servers.starts(), 1U) << rebuilt.output;
  // ... but rewrites only the bytes that changed: the SQL text is in the file's .cpp, its
  // header keeps its bytes, so Ninja recompiles that one .cpp and nothing that includes the
  // header (main.cpp).
  EXPECT_EQ(compiled_objects(rebuilt.output),
            std::set<std::string>{
                "CMakeFiles/consumer_db.dir/consumer_db_generated/notes/add_note.sql.cpp.o"})
      << rebuilt.output;

  // The other file's outputs, schema.hpp, the target's prepare_all and the edited file's
  // header keep their timestamps.
  const auto times_after = modification_times(generated_dir());
  // schema.hpp, consumer_db.prepare_all.hpp and .cpp, and each query file's .hpp and .cpp
  ASSERT_EQ(times_before.size(), 7U);
  for (const auto& [file, time] : times_before) {
    const bool regenerated = file == "notes/add_note.sql.cpp";
    EXPECT_EQ(times_after.at(file) != time, regenerated) << file;
  }
  EXPECT_NE(read_text(generated_dir() / "notes" / "add_note.sql.cpp").find("upper("),
            std::string::npos);

  const command_result run = run_consumer();
  EXPECT_EQ(run.output, "1 FIRST NOTE\n2 SECOND NOTE\n");

  write_text(add_note, original);
  const command_result restored = build(build_dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_EQ(run_consumer().output, original_notes_output);
}

TEST_F(subdirectory_consumer, deleted_outputs_come_back_from_the_typing_cache_without_a_server) {
  const fs::path removed = generated_dir() / "notes" / "list_notes.sql.cpp";
  const std::string contents = read_text(removed);
  fs::remove(removed);

  const server_start_counter servers;
  const command_result rebuilt = build(build_dir(), "", servers.environment());
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  EXPECT_EQ(servers.starts(), 0U) << rebuilt.output;
  EXPECT_EQ(read_text(removed), contents);
}

TEST_F(subdirectory_consumer, sql_error_fails_the_build_with_a_file_line_col_diagnostic) {
  const fs::path add_note = queries_dir() / "add_note.sql";
  const std::string original = read_text(add_note);
  const auto times_before = modification_times(generated_dir());
  write_text(add_note,
             "-- name: AddNote :one\n"
             "INSERT INTO notes (bdy)\n"
             "VALUES (@body)\n"
             "RETURNING id;\n");

  const command_result broken = build(build_dir());
  EXPECT_NE(broken.exit_code, 0) << broken.output;
  EXPECT_NE(broken.output.find(add_note.string() + ":2:20: error: column \"bdy\" of relation "
                                                   "\"notes\" does not exist"),
            std::string::npos)
      << broken.output;
  EXPECT_NE(broken.output.find("FAILED: "), std::string::npos) << broken.output;
  // The step writes all of the target's files or none.
  EXPECT_EQ(modification_times(generated_dir()), times_before);

  write_text(add_note, original);
  const command_result restored = build(build_dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
}

}  // namespace
