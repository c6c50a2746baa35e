// soong-lint run for real over tests/lint/corpus (seeded findings, suppressed lines, clean code)
// and over the Cruddur example. Findings are asserted exactly: file:line:col and check.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lint_run.hpp"

namespace {

namespace fs = std::filesystem;
using soong::lint_test::run_lint;
using soong::lint_test::warning_lines;
using soong::lint_test::write_compile_commands;

const fs::path source_dir = SOONG_SOURCE_DIR;
const fs::path corpus = source_dir / "tests/lint/corpus";
const fs::path work_dir = SOONG_LINT_WORK_DIR;

std::vector<fs::path> common_includes() {
  return {source_dir / "runtime/include", SOONG_POSTGRESQL_INCLUDE_DIR};
}

/// compile_commands.json for `files` of the corpus (its generated headers on the include path).
fs::path corpus_database(const std::string& name, const std::vector<std::string>& files) {
  const fs::path dir = work_dir / name;
  std::vector<fs::path> paths;
  for (const std::string& f : files) paths.push_back(corpus / f);
  std::vector<fs::path> includes = common_includes();
  includes.push_back(corpus / "generated");
  write_compile_commands(dir, paths, includes);
  return dir;
}

std::string unchecked_warning(const std::string& where, const std::string& query) {
  return where + ": warning: result of " + query +
         " (:one) used without checking it holds a row; it is empty when no row matches "
         "[soong-unchecked-optional]";
}

std::string raw_sql_warning(const std::string& where, const std::string& function) {
  return where + ": warning: SQL built at run time passed to " + function +
         "; use a generated query function (soong generate) or a string literal [soong-raw-sql]";
}

const std::vector<std::string> corpus_files = {"src/raw_sql_findings.cpp", "src/clean_calls.cpp",
                                               "src/suppressed.cpp", "src/unchecked_optional.cpp",
                                               "generated/shop/items.sql.cpp"};

TEST(lint, whole_corpus_reports_exactly_the_seeded_findings) {
  const fs::path db = corpus_database("whole_corpus", corpus_files);
  const auto result = run_lint({"-p", db.string(), "--sql-root", "sql"}, corpus);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const std::vector<std::string> expected = {
      // RenameItem is called nowhere; ArchiveItems neither, but its .sql allows it. GetItem (only
      // its _json variant), ListItems (only the row-callback overload), CountItems (through a
      // function pointer) and DeleteItem (in a template never instantiated) are used.
      "sql/shop/items.sql:19:1: warning: query RenameItem is never called [soong-dead-query]",
      raw_sql_warning("src/raw_sql_findings.cpp:13:34", "soong::execute_sql"),     // "..." + table
      raw_sql_warning("src/raw_sql_findings.cpp:20:34", "soong::execute_sql"),     // sql += ...
      raw_sql_warning("src/raw_sql_findings.cpp:24:31", "soong::execute_script"),  // fmt::format
      raw_sql_warning("src/raw_sql_findings.cpp:28:31", "soong::execute_script"),  // a parameter
      raw_sql_warning("src/raw_sql_findings.cpp:34:34", "soong::execute_sql"),     // mutable global
      raw_sql_warning("src/suppressed.cpp:15:31", "soong::execute_script"),  // allow(dead-query)
      unchecked_warning("src/unchecked_optional.cpp:14:10", "GetItem"),      // row->title
      unchecked_warning("src/unchecked_optional.cpp:17:63", "CountItems"),   // *count_items()
      unchecked_warning("src/unchecked_optional.cpp:20:32", "GetItem"),      // get_item().value()
      unchecked_warning("src/unchecked_optional.cpp:20:48", "GetItem"),      // *get_item_json()
  };
  EXPECT_EQ(warning_lines(result.out), expected) << result.out;
  // Every raw-sql warning carries a note pointing at the generated-function alternative.
  EXPECT_NE(result.out.find("src/raw_sql_findings.cpp:13:34: note: put the statement in a .sql "
                            "file under a '-- name: <Name> :one|:many|:exec' annotation and call "
                            "the generated function"),
            std::string::npos)
      << result.out;
}

TEST(lint, clean_code_has_no_findings) {
  const fs::path db = corpus_database("clean_only", corpus_files);
  const auto result =
      run_lint({"-p", db.string(), (corpus / "src/clean_calls.cpp").string()}, corpus);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(lint, listed_files_skip_dead_query_which_needs_the_whole_program) {
  const fs::path db = corpus_database("listed", corpus_files);
  const auto result = run_lint(
      {"-p", db.string(), "--sql-root", "sql", (corpus / "src/raw_sql_findings.cpp").string()},
      corpus);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const auto warnings = warning_lines(result.out);
  ASSERT_EQ(warnings.size(), 5u) << result.out;
  for (const std::string& w : warnings) {
    EXPECT_TRUE(w.starts_with("src/raw_sql_findings.cpp:")) << w;
  }
}

TEST(lint, checks_option_selects_checks) {
  const fs::path db = corpus_database("dead_only", corpus_files);
  const auto result =
      run_lint({"-p", db.string(), "--sql-root", "sql", "--checks=dead-query"}, corpus);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.out,
            "sql/shop/items.sql:19:1: warning: query RenameItem is never called "
            "[soong-dead-query]\n");
}

TEST(lint, tool_errors_exit_2) {
  const fs::path dir = work_dir / "broken";
  fs::create_directories(dir);
  std::ofstream(dir / "broken.cpp") << "int main( { return 0; }\n";
  write_compile_commands(dir, {dir / "broken.cpp"}, {});
  const auto broken = run_lint({"-p", dir.string()}, dir);
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("could not be parsed"), std::string::npos) << broken.err;

  const auto unknown = run_lint({"-p", dir.string(), "--checks=raw-sql,typo"}, dir);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown check 'typo'"), std::string::npos) << unknown.err;
}

TEST(lint, cruddur_example_is_clean) {
  const fs::path example = source_dir / "examples/cruddur";
  ASSERT_TRUE(fs::is_directory(example)) << example << " is missing";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(example)) {
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  }
  for (const auto& entry : fs::recursive_directory_iterator(source_dir / "generated")) {
    if (entry.path().string().ends_with(".sql.cpp")) files.push_back(entry.path());
  }
  std::vector<fs::path> includes = common_includes();
  includes.push_back(source_dir / "generated");
  includes.push_back(example / "include");
  const fs::path db = work_dir / "cruddur";
  write_compile_commands(db, files, includes);
  // All three checks, dead-query included: the example calls every Cruddur query (handlers,
  // profile update, and the maintenance jobs).
  const auto result = run_lint({"-p", db.string(), "--sql-root", "sql"}, source_dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
}

}  // namespace
