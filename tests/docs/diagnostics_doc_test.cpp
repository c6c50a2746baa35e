// docs/diagnostics.md documents every SOONG code the generator can raise, and the codes live in
// one list: generator/src/diag/codes.hpp. A code added to the list without a row in the table,
// a constant left out of the list, or a code spelled as a literal elsewhere in the generator
// fails here.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "diag/codes.hpp"
#include "test_files.hpp"

namespace {
namespace fs = std::filesystem;

const fs::path source_dir = SOONG_SOURCE_DIR;

using soong::testing::read_file;

std::set<std::string> listed_codes() {
  return {std::begin(soong::gen::codes::all_soong_codes),
          std::end(soong::gen::codes::all_soong_codes)};
}

/// Every "SOONGnnn" string literal in `text`.
std::set<std::string> code_literals(const std::string& text) {
  static const std::regex literal("\"(SOONG[0-9]+)\"");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), literal);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

TEST(diagnostics_doc, every_listed_code_has_a_row_in_the_table) {
  const std::string doc = read_file(source_dir / "docs/diagnostics.md");
  ASSERT_FALSE(listed_codes().empty());
  for (const std::string& code : listed_codes()) {
    EXPECT_NE(doc.find("| `" + code + "` |"), std::string::npos)
        << code << " (generator/src/diag/codes.hpp) has no row in docs/diagnostics.md";
  }
}

TEST(diagnostics_doc, every_code_constant_is_in_the_list) {
  const std::set<std::string> constants =
      code_literals(read_file(source_dir / "generator/src/diag/codes.hpp"));
  EXPECT_EQ(constants, listed_codes())
      << "codes.hpp defines a code that all_soong_codes does not list, or the other way round";
}

TEST(diagnostics_doc, no_generator_source_spells_a_code_itself) {
  const fs::path codes_header = source_dir / "generator/src/diag/codes.hpp";
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir / "generator")) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    ++files;
    if (fs::equivalent(entry.path(), codes_header)) continue;
    for (const std::string& code : code_literals(read_file(entry.path()))) {
      ADD_FAILURE() << entry.path().string() << " spells \"" << code
                    << "\"; name it in generator/src/diag/codes.hpp and use the name";
    }
  }
  EXPECT_GT(files, 50) << "the generator's sources were not found";
}

}  // namespace
