// C++ reserves identifiers that contain `__` or start with `_` and a capital letter
// ([lex.name]); generated code must never declare or use one. This test reads every expected
// golden output and the checked-in generated/ folder, skips comments and string literals (SQL
// text and column names may contain anything), and fails on each reserved identifier it finds.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scratch_folder.hpp"

namespace {
namespace fs = std::filesystem;

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9'); }

bool is_reserved_identifier(std::string_view id) {
  return id.find("__") != std::string_view::npos ||
         (id.size() >= 2 && id[0] == '_' && id[1] >= 'A' && id[1] <= 'Z');
}

/// Index just past the literal that starts at `i` (a quote), honouring escapes.
std::size_t skip_quoted(std::string_view text, std::size_t i) {
  const char quote = text[i];
  for (++i; i < text.size() && text[i] != quote; ++i) {
    if (text[i] == '\\') ++i;
  }
  return i + 1;
}

/// Index just past the raw string literal whose `"` is at `i` (`R"delim( ... )delim"`).
std::size_t skip_raw_string(std::string_view text, std::size_t i) {
  const std::size_t open = text.find('(', i);
  if (open == std::string_view::npos) return text.size();
  const std::string close = ")" + std::string(text.substr(i + 1, open - i - 1)) + "\"";
  const std::size_t end = text.find(close, open);
  return end == std::string_view::npos ? text.size() : end + close.size();
}

/// Every reserved identifier in C++ source `text`, outside comments and literals.
std::vector<std::string> reserved_identifiers(std::string_view text) {
  std::vector<std::string> found;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (text.substr(i, 2) == "//") {
      const std::size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (text.substr(i, 2) == "/*") {
      const std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == '"' || c == '\'') {
      i = skip_quoted(text, i);
    } else if (is_identifier_start(c)) {
      std::size_t end = i;
      while (end < text.size() && is_identifier_char(text[end])) ++end;
      const std::string_view id = text.substr(i, end - i);
      if (end < text.size() && text[end] == '"' && id.ends_with('R')) {
        i = skip_raw_string(text, end);  // R"(...)", u8R"(...)"
        continue;
      }
      if (is_reserved_identifier(id)) found.emplace_back(id);
      i = end;
    } else if (c >= '0' && c <= '9') {
      while (i < text.size() && (is_identifier_char(text[i]) || text[i] == '\'')) ++i;
    } else {
      ++i;
    }
  }
  return found;
}

std::vector<fs::path> generated_sources() {
  std::vector<fs::path> files;
  const auto add_tree = [&](const fs::path& root) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".hpp" || ext == ".cpp")) {
        files.push_back(entry.path());
      }
    }
  };
  for (const auto& entry : fs::directory_iterator(SOONG_GOLDEN_DIR)) {
    if (fs::is_directory(entry.path() / "expected")) add_tree(entry.path() / "expected");
  }
  add_tree(SOONG_GENERATED_DIR);
  return files;
}

// The samples start with a capital letter, so the repository's own grep for lower-case names
// with a double underscore in generated code and golden outputs does not report them.
TEST(reserved_identifiers, scanner_finds_them_outside_comments_and_literals) {
  EXPECT_EQ(reserved_identifiers("int Delete__Row = 1; auto _Bad = 2;"),
            (std::vector<std::string>{"Delete__Row", "_Bad"}));
  EXPECT_EQ(reserved_identifiers("int _1st_row, x_y; // A__B\n/* C__D */ f(\"E__F\", 'g');"),
            std::vector<std::string>{});
  EXPECT_EQ(reserved_identifiers("auto s = R\"sql(SELECT \"A__B\" FROM t)sql\"; int H__I;"),
            std::vector<std::string>{"H__I"});
  EXPECT_EQ(reserved_identifiers("auto s = \"quote \\\" A__B\"; int ok = 0x1'000;"),
            std::vector<std::string>{});
}

TEST(reserved_identifiers, none_in_golden_outputs_or_generated_folder) {
  const std::vector<fs::path> files = generated_sources();
  // Both trees hold many files; an empty list means a path is wrong, not that all is well.
  ASSERT_GE(files.size(), 10u);
  for (const fs::path& file : files) {
    for (const std::string& id : reserved_identifiers(soong::testing::read_file_text(file))) {
      ADD_FAILURE() << file.string() << " uses the reserved identifier " << id
                    << " (C++ reserves names with `__` or starting with `_` and a capital; "
                       "generated names come from generator/src/emit/namer.hpp)";
    }
  }
}

}  // namespace
