// README.md's "End to end in 30 lines" is true: its SQL is the query in sql/, its declarations
// are in generated/, and its calling code compiles (it is #included below, cut out of README.md
// by tests/docs/CMakeLists.txt) and runs against a seeded Cruddur database.

#include <gtest/gtest.h>

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <soong/soong.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cruddur_database.hpp"  // tests/examples: read_source_file, seeded_database
#include "readme_call_includes.inc"

namespace {

using cruddur_test::read_source_file;

/// The body of the first fenced block of `language` after `heading` in README.md.
std::string readme_block(const std::string& heading, const std::string& language, int nth = 0) {
  const std::string readme = read_source_file("README.md");
  std::size_t at = readme.find(heading);
  if (at == std::string::npos) throw std::runtime_error("README.md has no " + heading);
  const std::string fence = "```" + language + "\n";
  for (int i = 0; i <= nth; ++i) {
    at = readme.find(fence, at);
    if (at == std::string::npos) throw std::runtime_error("README.md: missing " + fence);
    at += fence.size();
  }
  return readme.substr(at, readme.find("```", at) - at);
}

/// `text` without `--` (SQL) or `//` (C++) comments and without any whitespace: what is left
/// must match exactly, whatever the layout.
std::string without_layout(const std::string& text, const std::string& comment) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    line = line.substr(0, line.find(comment));
    for (const char c : line) {
      if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
    }
  }
  return out;
}

TEST(readme, sql_is_the_query_in_sql_activities) {
  EXPECT_EQ(without_layout(readme_block("## End to end in 30 lines", "sql"), "--"),
            without_layout(read_source_file("sql/activities/create.sql"), "--"));
}

TEST(readme, declarations_are_those_in_generated) {
  const std::string header =
      without_layout(read_source_file("generated/activities/create.sql.hpp"), "//");
  const std::string declarations =
      without_layout(readme_block("## End to end in 30 lines", "cpp", 0), "//");
  ASSERT_FALSE(declarations.empty());
  std::istringstream statements(declarations);
  for (std::string statement; std::getline(statements, statement, ';');) {
    EXPECT_NE(header.find(statement), std::string::npos)
        << "README declares `" << statement << "`, generated/activities/create.sql.hpp does not";
  }
}

TEST(readme, calling_code_runs_against_postgresql) {
  const std::string conninfo = cruddur_test::seeded_database();
  ASSERT_EQ(::setenv("DATABASE_URL", conninfo.c_str(), 1), 0);

  std::ostringstream printed;
  std::streambuf* const console = std::cout.rdbuf(printed.rdbuf());
  try {
#include "readme_call_body.inc"
    std::cout.rdbuf(console);
    EXPECT_NE(feed.find(uuid.to_string()), std::string::npos) << feed;
  } catch (...) {
    std::cout.rdbuf(console);
    throw;
  }
  EXPECT_NE(printed.str().find("hello by andrewbrown\n"), std::string::npos) << printed.str();
}

}  // namespace
