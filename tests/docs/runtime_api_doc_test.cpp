// docs/runtime-api.md's "Complete example of generated code" quotes a golden test case byte for
// byte, so it cannot drift from what soong emits: golden_test keeps the golden files equal to
// soong's output, and this test keeps the document's blocks equal to the golden files.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_files.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path source_dir = SOONG_SOURCE_DIR;

using soong::testing::read_file;

/// The fenced blocks of `language` in the section of `document` that starts at `heading`
/// (up to the next `## ` heading), in order, each with its final newline.
std::vector<std::string> section_blocks(const std::string& document, const std::string& heading,
                                        const std::string& language) {
  std::vector<std::string> blocks;
  const std::size_t start = document.find("\n" + heading + "\n");
  if (start == std::string::npos) return blocks;
  const std::size_t end = document.find("\n## ", start + heading.size());
  const std::string section = document.substr(start, end - start);
  const std::string fence = "\n```" + language + "\n";
  for (std::size_t at = section.find(fence); at != std::string::npos;
       at = section.find(fence, at)) {
    at += fence.size();
    const std::size_t close = section.find("\n```", at - 1);
    if (close == std::string::npos) break;
    blocks.push_back(section.substr(at, close + 1 - at));
    at = close + 4;
  }
  return blocks;
}

const std::string heading = "## 9. Complete example of generated code";
const fs::path golden_case = source_dir / "tests/golden/two_files";

TEST(runtime_api_doc, complete_example_quotes_the_golden_query_file) {
  const auto sql = section_blocks(read_file(source_dir / "docs/runtime-api.md"), heading, "sql");
  ASSERT_EQ(sql.size(), 1u) << "expected one sql block under \"" << heading << "\"";
  EXPECT_EQ(sql[0], read_file(golden_case / "users.sql"));
}

TEST(runtime_api_doc, complete_example_quotes_the_golden_header_and_source) {
  const auto cpp = section_blocks(read_file(source_dir / "docs/runtime-api.md"), heading, "cpp");
  ASSERT_EQ(cpp.size(), 2u) << "expected the header and the source under \"" << heading << "\"";
  EXPECT_EQ(cpp[0], read_file(golden_case / "expected/users.sql.hpp"))
      << "docs/runtime-api.md quotes an old users.sql.hpp: paste the golden file again";
  EXPECT_EQ(cpp[1], read_file(golden_case / "expected/users.sql.cpp"))
      << "docs/runtime-api.md quotes an old users.sql.cpp: paste the golden file again";
}

TEST(runtime_api_doc, block_extraction_finds_blocks_and_stops_at_the_next_heading) {
  const std::string doc =
      "## 1. A\n\n```cpp\nnot this\n```\n" + heading +
      "\n\ntext\n\n```cpp\nint a;\n\nint b;\n```\n\n```sql\nSELECT 1;\n```\n\n```cpp\nx\n```\n"
      "\n## 10. Next\n\n```cpp\nnor this\n```\n";
  EXPECT_EQ(section_blocks(doc, heading, "cpp"),
            (std::vector<std::string>{"int a;\n\nint b;\n", "x\n"}));
  EXPECT_EQ(section_blocks(doc, heading, "sql"), std::vector<std::string>{"SELECT 1;\n"});
  EXPECT_TRUE(section_blocks(doc, "## 2. Missing", "cpp").empty());
}

}  // namespace
