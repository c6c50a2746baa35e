#include "diag/source_file.hpp"

#include <gtest/gtest.h>

namespace soong::gen {
namespace {

TEST(source_file, first_byte_is_line_one_column_one) {
  const source_file file("a.sql", "SELECT 1;\n");
  const source_location at = file.location_of(0);
  EXPECT_EQ(at.file, "a.sql");
  EXPECT_EQ(at.line, 1);
  EXPECT_EQ(at.column, 1);
}

TEST(source_file, counts_lines_after_newlines) {
  const source_file file("a.sql", "a\nbc\n\ndef");
  EXPECT_EQ(file.location_of(3).line, 2);  // 'c'
  EXPECT_EQ(file.location_of(3).column, 2);
  EXPECT_EQ(file.location_of(5).line, 3);  // the empty line
  EXPECT_EQ(file.location_of(7).line, 4);  // 'e'
  EXPECT_EQ(file.location_of(7).column, 2);
}

TEST(source_file, columns_count_code_points_not_bytes) {
  // "é" and "日" are 2 and 3 bytes in UTF-8.
  const source_file file("a.sql", "-- é日x");
  EXPECT_EQ(file.location_of(8).column, 6);  // 'x' is byte 8, code point 6
}

TEST(source_file, offsets_past_the_end_are_clamped) {
  const source_file file("a.sql", "ab\ncd");
  EXPECT_EQ(file.location_of(100).line, 2);
  EXPECT_EQ(file.location_of(100).column, 3);
}

TEST(source_file, line_text_has_no_terminator) {
  const source_file file("a.sql", "one\r\ntwo\nthree");
  EXPECT_EQ(file.line_text(1), "one");
  EXPECT_EQ(file.line_text(2), "two");
  EXPECT_EQ(file.line_text(3), "three");
  EXPECT_EQ(file.line_text(4), "");
  EXPECT_EQ(file.line_text(0), "");
}

TEST(code_points, count_and_position_agree) {
  const std::string text = "aé日b";
  EXPECT_EQ(code_point_count(text), 4u);
  EXPECT_EQ(byte_offset_of_position(text, 1), 0u);
  EXPECT_EQ(byte_offset_of_position(text, 2), 1u);
  EXPECT_EQ(byte_offset_of_position(text, 3), 3u);
  EXPECT_EQ(byte_offset_of_position(text, 4), 6u);
  EXPECT_EQ(byte_offset_of_position(text, 5), 7u);
  EXPECT_EQ(byte_offset_of_position(text, 99), 7u);
  EXPECT_EQ(byte_offset_of_position(text, 0), 0u);
}

}  // namespace
}  // namespace soong::gen

namespace soong::gen {
namespace {

TEST(source_file, byte_order_mark_is_not_a_column) {
  const source_file file("a.sql", "\xEF\xBB\xBFSELECT x;\nSELECT y;");
  EXPECT_TRUE(file.has_byte_order_mark());
  EXPECT_EQ(file.line_text(1), "SELECT x;");
  EXPECT_EQ(file.location_of(3).column, 1);   // 'S'
  EXPECT_EQ(file.location_of(10).column, 8);  // 'x'
  EXPECT_EQ(file.location_of(13).column, 1);  // line 2 'S'
  EXPECT_EQ(file.location_of(13).line, 2);
}

}  // namespace
}  // namespace soong::gen
