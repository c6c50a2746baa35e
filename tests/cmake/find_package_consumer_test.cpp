// soong installed with `cmake --install`, then used by a separate project through
// find_package(soong): the package config, the exported targets and add_sql_queries() work
// from the install prefix alone, and the consumer's program runs against a real PostgreSQL.
//
// The soong this build folder holds is installed once per test binary into
// work/find_package/prefix, as a user installs it after building: `cmake --install <build>`.

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "consumer_build.hpp"
#include "server_start_counter.hpp"
#include "test_server.hpp"

namespace {
namespace fs = std::filesystem;
using namespace soong::cmake_testing;

/// Consumer code gets the usual warnings but not -Werror: a warning fails the test with the
/// line that caused it instead of hiding the rest of the build.
const std::string consumer_flags = "'-DCMAKE_CXX_FLAGS=-Wall -Wextra'";

class find_package_consumer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    servers_ = std::make_unique<server_start_counter>();
    work_ = fresh_work_dir("find_package");
    copy_consumer_projects(work_);
    steps_ = install_soong() && build_consumer();
  }

  void SetUp() override { ASSERT_TRUE(steps_) << log_; }

  static fs::path prefix() { return work_ / "prefix"; }
  static fs::path consumer_build_dir() { return work_ / "consumer-build"; }

  /// Runs one setup step, keeping its output for the failure message.
  static bool step(const command_result& result) {
    log_ += result.output;
    return result.exit_code == 0;
  }

  static bool install_soong() { return step(install(soong_build_dir(), prefix())); }

  static bool build_consumer() {
    // Cold even when SOONG_TEST_REUSE_BUILDS keeps the work folder: the build is small, and
    // the server count is about a build folder without a typing cache.
    fs::remove_all(consumer_build_dir());
    return step(configure(
               work_ / "consumer", consumer_build_dir(),
               "-DCMAKE_PREFIX_PATH=" + shell_quoted(prefix().string()) + " " + consumer_flags)) &&
           step(consumer_build_ = build(consumer_build_dir(), "-j2", servers_->environment())) &&
           (cold_build_server_starts_ = servers_->starts(), true);
  }

  static std::unique_ptr<server_start_counter> servers_;
  static fs::path work_;
  static bool steps_;
  static std::string log_;
  static command_result consumer_build_;
  static std::size_t cold_build_server_starts_;
};

std::unique_ptr<server_start_counter> find_package_consumer::servers_;
fs::path find_package_consumer::work_;
bool find_package_consumer::steps_ = false;
std::string find_package_consumer::log_;
command_result find_package_consumer::consumer_build_;
std::size_t find_package_consumer::cold_build_server_starts_ = 0;

TEST_F(find_package_consumer, install_holds_package_config_generator_runtime_and_headers) {
  EXPECT_TRUE(fs::is_regular_file(prefix() / "bin" / "soong"));
  EXPECT_TRUE(fs::is_regular_file(prefix() / "include" / "soong" / "soong.hpp"));
  bool config = false;
  bool add_sql_queries = false;
  bool runtime_library = false;
  for (const auto& entry : fs::recursive_directory_iterator(prefix())) {
    const std::string name = entry.path().filename().string();
    config = config || name == "soongConfig.cmake";
    add_sql_queries = add_sql_queries || name == "SoongAddSqlQueries.cmake";
    runtime_library = runtime_library || name == "libsoong_runtime.a";
  }
  EXPECT_TRUE(config);
  EXPECT_TRUE(add_sql_queries);
  EXPECT_TRUE(runtime_library);
}

TEST_F(find_package_consumer, consumer_generates_with_the_installed_soong) {
  // The build rules run the installed generator, not anything from the source tree.
  const std::string rules = read_text(consumer_build_dir() / "build.ninja");
  EXPECT_NE(rules.find((prefix() / "bin" / "soong").string() + " generate"), std::string::npos);
  EXPECT_EQ(rules.find(soong_source_dir().string() + "/runtime"), std::string::npos);
  EXPECT_EQ(generation_steps(consumer_build_.output),
            (std::set<std::string>{
                "soong: consumer_db: generating notes/add_note.sql, notes/list_notes.sql"}))
      << consumer_build_.output;
}

TEST_F(find_package_consumer, cold_build_types_every_query_file_on_one_server) {
  // Two query files and the schema's types: one generator run, one throwaway PostgreSQL (the
  // build folder's typing cache starts empty).
  EXPECT_EQ(cold_build_server_starts_, 1U) << consumer_build_.output;
}

TEST_F(find_package_consumer, makefiles_build_regenerates_after_an_edit_and_then_rests) {
  const fs::path build_dir = work_ / "consumer-make-build";
  fs::remove_all(build_dir);
  const command_result configured =
      configure(work_ / "consumer", build_dir,
                "-DCMAKE_PREFIX_PATH=" + shell_quoted(prefix().string()) + " " + consumer_flags,
                build_tool::makefiles);
  ASSERT_EQ(configured.exit_code, 0) << configured.output;
  const command_result built = build(build_dir, "-j2");
  ASSERT_EQ(built.exit_code, 0) << built.output;
  const fs::path program = build_dir / "consumer";
  const auto run_program = [&] {
    const std::string conninfo = soong::testing::fresh_database();
    soong::testing::run_sql(conninfo, read_text(work_ / "consumer" / "sql" / "schema.sql"));
    return run_command(shell_quoted(program.string()) + " " + shell_quoted(conninfo));
  };
  EXPECT_EQ(run_program().output, "1 first note\n2 second note\n");

  const fs::path add_note = work_ / "consumer" / "sql" / "notes" / "add_note.sql";
  const std::string original = read_text(add_note);
  std::string edited = original;
  const std::string value = "VALUES (@body)";
  ASSERT_NE(edited.find(value), std::string::npos) << edited;
  edited.replace(edited.find(value), value.size(), "VALUES (upper(@body))");
  write_text(add_note, edited);

  const command_result rebuilt = build(build_dir, "-j2");
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  EXPECT_EQ(generation_steps(rebuilt.output),
            (std::set<std::string>{
                "soong: consumer_db: generating notes/add_note.sql, notes/list_notes.sql"}))
      << rebuilt.output;
  EXPECT_EQ(run_program().output, "1 FIRST NOTE\n2 SECOND NOTE\n");

  // Make has no restat: the step's stamp keeps it from running again and again.
  const command_result again = build(build_dir, "-j2");
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(generation_steps(again.output), std::set<std::string>{}) << again.output;
  EXPECT_EQ(compiled_objects(again.output), std::set<std::string>{}) << again.output;

  write_text(add_note, original);
  const command_result restored = build(build_dir, "-j2");
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_EQ(run_program().output, "1 first note\n2 second note\n");
}

TEST_F(find_package_consumer, consumer_compiles_without_warnings) {
  EXPECT_EQ(consumer_build_.output.find("warning:"), std::string::npos) << consumer_build_.output;
}

TEST_F(find_package_consumer, consumer_runs_generated_queries_against_postgresql) {
  const std::string conninfo = soong::testing::fresh_database();
  soong::testing::run_sql(conninfo, read_text(work_ / "consumer" / "sql" / "schema.sql"));
  const command_result run = run_command(
      shell_quoted((consumer_build_dir() / "consumer").string()) + " " + shell_quoted(conninfo));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output, "1 first note\n2 second note\n");
}

TEST_F(find_package_consumer, consumer_program_reports_a_bad_connection) {
  const command_result run = run_command(
      shell_quoted((consumer_build_dir() / "consumer").string()) + " 'host=/nonexistent-dir'");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_TRUE(run.output.starts_with("error: ")) << run.output;
}

}  // namespace
