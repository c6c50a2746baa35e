// Unit tests of the code writer and the shared file pieces (raw strings, doc comments).

#include "emit/code_writer.hpp"

#include <gtest/gtest.h>

#include "emit/file_layout.hpp"

namespace soong::gen {
namespace {

TEST(code_writer, indents_blocks_by_two_spaces) {
  code_writer w;
  w.block("namespace a {", [&] {
    w.block(
        "struct b {", [&] { w.linef("int {};", "x"); }, "};");
  });
  EXPECT_EQ(w.text(), "namespace a {\n  struct b {\n    int x;\n  };\n}\n");
}

TEST(code_writer, fills_named_holes) {
  code_writer w;
  w.linef("{type} {name};", fmt::arg("type", "int"), fmt::arg("name", "id"));
  EXPECT_EQ(w.take(), "int id;\n");
  EXPECT_EQ(w.text(), "");
}

TEST(code_writer, empty_lines_carry_no_indentation_and_blank_lines_do_not_pile_up) {
  code_writer w;
  w.blank();  // nothing written yet: no leading blank line
  w.indent();
  w.line("a");
  w.line("");
  w.blank();
  w.line("b");
  w.blank();
  w.blank();
  w.dedent();
  EXPECT_EQ(w.text(), "  a\n\n  b\n\n");
}

TEST(code_writer, raw_text_is_not_reindented) {
  code_writer w;
  w.indent();
  w.raw("R\"(\n  x\n)\"");
  w.line(";");
  EXPECT_EQ(w.text(), "R\"(\n  x\n)\"  ;\n");
}

TEST(code_writer, unbalanced_dedent_is_a_bug) {
  code_writer w;
  EXPECT_THROW(w.dedent(), std::logic_error);
}

TEST(raw_string_literal, picks_a_delimiter_that_does_not_occur_in_the_text) {
  EXPECT_EQ(raw_string_literal("SELECT 1"), "R\"sql(SELECT 1)sql\"");
  EXPECT_EQ(raw_string_literal("SELECT ')sql\"'"), "R\"sql1(SELECT ')sql\"')sql1\"");
  EXPECT_EQ(raw_string_literal("')sql\"' ')sql1\"'"), "R\"sql2(')sql\"' ')sql1\"')sql2\"");
}

TEST(cpp_string_literal, escapes_quotes_backslashes_and_control_bytes) {
  EXPECT_EQ(cpp_string_literal("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(cpp_string_literal("x\n1"), "\"x\\0121\"");
}

TEST(write_doc_comment, never_ends_a_line_with_a_backslash) {
  code_writer w;
  write_doc_comment(w, "path C:\\\n\nend");
  EXPECT_EQ(w.text(), "/// path C:\n///\n/// end\n");
}

TEST(write_doc_comment, keeps_hostile_text_inside_the_comment) {
  code_writer w;
  // `*/` ends nothing in a `//` comment; a lone CR would end the line comment, so it becomes a
  // line break; a backslash before trailing blanks still splices; control and non-UTF-8 bytes
  // are replaced.
  write_doc_comment(w, "x */ int bad;\rint worse; \\ \t\n\x01\xff\xfe end");
  EXPECT_EQ(w.text(),
            "/// x */ int bad;\n/// int worse;\n///  \xEF\xBF\xBD\xEF\xBF\xBD"
            " end\n");
}

TEST(with_description, puts_the_description_before_what_the_generator_says) {
  EXPECT_EQ(with_description("Users.", "A row."), "Users.\n\nA row.");
  EXPECT_EQ(with_description("", "A row."), "A row.");
}

TEST(strip_statement_end, removes_the_semicolon_and_trailing_space) {
  EXPECT_EQ(strip_statement_end("SELECT 1;\n"), "SELECT 1");
  EXPECT_EQ(strip_statement_end("SELECT 1"), "SELECT 1");
}

}  // namespace
}  // namespace soong::gen
