// soong installed with `cmake --install`, then used by a separate project through
// find_package(soong): the package config, the exported targets and add_sql_queries() work
// from the install prefix alone, and the consumer's program runs against a real PostgreSQL.
//
// The soong this build folder holds is installed once per test binary into
// work/find_package/prefix, as a user installs it after building: `cmake --install <build>`.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "consumer_build.hpp"
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
    return step(configure(
               work_ / "consumer", consumer_build_dir(),
               "-DCMAKE_PREFIX_PATH=" + shell_quoted(prefix().string()) + " " + consumer_flags)) &&
           step(consumer_build_ = build(consumer_build_dir(), "-j2"));
  }

  static fs::path work_;
  static bool steps_;
  static std::string log_;
  static command_result consumer_build_;
};

fs::path find_package_consumer::work_;
bool find_package_consumer::steps_ = false;
std::string find_package_consumer::log_;
command_result find_package_consumer::consumer_build_;

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
            (std::set<std::string>{"soong: schema types for consumer_db",
                                   "soong: consumer_db: generating notes/add_note.sql",
                                   "soong: consumer_db: generating notes/list_notes.sql"}))
      << consumer_build_.output;
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
