// Golden tests: every folder below tests/golden is a case with schema.sql, one or more query
// files, and either expected/ (the exact files `soong generate` writes) or
// expected_stderr.txt (the exact diagnostics of a failing run). The runner generates into a
// temp folder and compares byte for byte.
//
// SOONG_ACCEPT_GOLDEN=1 rewrites the expected files from the current output instead (review
// the diff before committing it). Every expected header and source is also compiled in the
// test build (CMakeLists.txt: golden_expected_code), so accepted output is valid C++.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "scratch_folder.hpp"
#include "soong_process.hpp"

namespace {
namespace fs = std::filesystem;
using soong::testing::file_snapshot;
using soong::testing::snapshot_files;

const fs::path golden_dir = SOONG_GOLDEN_DIR;

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(golden_dir)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool accepting() {
  const char* value = std::getenv("SOONG_ACCEPT_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

/// `soong generate` arguments for a case: every .sql file but the schema is a query file.
std::vector<std::string> generate_args(const std::string& name, const fs::path& out) {
  std::vector<std::string> queries;
  for (const auto& entry : fs::directory_iterator(golden_dir / name)) {
    const std::string file = entry.path().filename().string();
    if (entry.is_regular_file() && entry.path().extension() == ".sql" && file != "schema.sql")
      queries.push_back(file);
  }
  std::sort(queries.begin(), queries.end());
  // One namespace per case: all expected sources are linked into one library.
  std::vector<std::string> args = {"generate",        "--schema",    "schema.sql",
                                   "--out",           out.string(),  "--namespace",
                                   "golden::" + name, "--cache-dir", SOONG_GOLDEN_CACHE_DIR};
  for (const auto& q : queries) {
    args.push_back("--queries");
    args.push_back(q);
  }
  return args;
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class golden : public ::testing::TestWithParam<std::string> {};

TEST_P(golden, output_matches_expected) {
  const std::string name = GetParam();
  const fs::path case_dir = golden_dir / name;
  const soong::testing::scratch_folder tmp("soong-golden");
  const fs::path out = tmp.path() / "out";
  const auto result = soong::testing::run_soong(generate_args(name, out), case_dir,
                                                {{"TMPDIR", tmp.path().string()}});
  const file_snapshot produced = snapshot_files(out);

  if (accepting()) {
    fs::remove_all(case_dir / "expected");
    fs::remove(case_dir / "expected_stderr.txt");
    if (result.exit_code == 0) {
      for (const auto& [path, text] : produced) write_text(case_dir / "expected" / path, text);
    } else {
      write_text(case_dir / "expected_stderr.txt", result.err);
    }
    GTEST_SKIP() << "accepted new output for " << name;
  }

  if (fs::exists(case_dir / "expected_stderr.txt")) {
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, soong::testing::read_file_text(case_dir / "expected_stderr.txt"));
    EXPECT_TRUE(produced.empty()) << "a failing run wrote files";
    return;
  }
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  const file_snapshot expected = snapshot_files(case_dir / "expected");
  ASSERT_FALSE(expected.empty()) << name << " has neither expected/ nor expected_stderr.txt; "
                                 << "run with SOONG_ACCEPT_GOLDEN=1";
  for (const auto& [path, text] : expected) {
    const auto it = produced.find(path);
    if (it == produced.end()) {
      ADD_FAILURE() << name << ": " << path << " was not generated";
    } else {
      EXPECT_EQ(it->second, text) << name << ": " << path
                                  << " differs (SOONG_ACCEPT_GOLDEN=1 accepts the new output)";
    }
  }
  for (const auto& [path, text] : produced) {
    EXPECT_TRUE(expected.count(path)) << name << ": unexpected file " << path;
  }
}

INSTANTIATE_TEST_SUITE_P(cases, golden, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
