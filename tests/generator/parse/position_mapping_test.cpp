#include <gtest/gtest.h>

#include "parse/offset_map.hpp"
#include "parse/server_position.hpp"
#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

TEST(offset_map, maps_copied_and_replaced_text) {
  //                    0123456789012345678
  const std::string f = "xx SELECT @abc, 1";
  const rewritten_text r = apply_edits(f, 3, f.size() - 3, {{10, 14, "$1"}});
  EXPECT_EQ(r.text, "SELECT $1, 1");
  EXPECT_EQ(r.offsets.original_offset(0), 3u);   // 'S'
  EXPECT_EQ(r.offsets.original_offset(7), 10u);  // '$' -> '@'
  EXPECT_EQ(r.offsets.original_offset(8), 10u);  // '1' of $1 -> '@'
  EXPECT_EQ(r.offsets.original_offset(9), 14u);  // ','
  EXPECT_EQ(r.offsets.original_offset(11), 16u);
  EXPECT_EQ(r.offsets.original_offset(12), 17u);  // end of text -> end of original
}

TEST(offset_map, deletions_shift_later_text) {
  const std::string f = "AS \"a!\", b";
  const rewritten_text r = apply_edits(f, 0, f.size(), {{5, 6, ""}});
  EXPECT_EQ(r.text, "AS \"a\", b");
  EXPECT_EQ(r.offsets.original_offset(5), 6u);  // closing quote
  EXPECT_EQ(r.offsets.original_offset(8), 9u);  // 'b'
}

// The server reports 1-based character positions in the SQL it received (the rewritten SQL).
TEST(server_position, maps_through_rewriting_and_multibyte_text) {
  const std::string text =
      "-- name: Q :one\n"
      "SELECT 'héllo wörld', @first_name,\n"
      "       users.nme\n"
      "FROM users WHERE id = @id";
  const auto r = testing::parse_text(text);
  ASSERT_EQ(r.rendered, "");
  ASSERT_EQ(r.file.statements.size(), 1u);
  const parsed_statement& s = r.file.statements[0];
  ASSERT_EQ(s.rewritten_sql,
            "SELECT 'héllo wörld', $1,\n       users.nme\nFROM users WHERE id = $2");
  // Where PostgreSQL would point for `column users.nme does not exist`: the character
  // position of "users.nme" in the rewritten SQL.
  const std::string rewritten_prefix = "SELECT 'héllo wörld', $1,\n       ";
  const int position = static_cast<int>(code_point_count(rewritten_prefix)) + 1;
  const source_file file("q.sql", text);
  const diagnostic d = diagnostic_at_server_position(file, s, position, severity::error,
                                                     "column users.nme does not exist", "42703");
  EXPECT_EQ(render(d),
            "q.sql:3:8: error: column users.nme does not exist [42703]\n"
            "    3 |        users.nme\n"
            "      |        ^~~~~\n");
  // A position inside a rewritten parameter points at the parameter as written.
  const int param_position = static_cast<int>(code_point_count("SELECT 'héllo wörld', $")) + 1;
  const source_location at = file.location_of(file_offset_of_server_position(s, param_position));
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 23);
  // After the first rewritten parameter, positions shift back by the name's length.
  const std::size_t id_offset =
      file_offset_of_server_position(s, static_cast<int>(code_point_count(s.rewritten_sql)));
  EXPECT_EQ(file.location_of(id_offset).line, 4);
  EXPECT_EQ(file.location_of(id_offset).column, 23);
}

TEST(server_position, a_rewritten_parameter_is_underlined_as_written) {
  const std::string text = "-- name: Q :one\nSELECT 1 WHERE x = sqlc.arg(x) OR y=%(y)s";
  const auto r = testing::parse_text(text);
  ASSERT_EQ(r.file.statements.size(), 1u);
  const parsed_statement& s = r.file.statements[0];
  ASSERT_EQ(s.rewritten_sql, "SELECT 1 WHERE x = $1 OR y=$2");
  const source_file file("q.sql", text);
  const int second = static_cast<int>(s.rewritten_sql.find("$2")) + 1;
  EXPECT_EQ(
      render(diagnostic_at_server_position(file, s, second, severity::error,
                                           "operator does not exist: text = integer", "42883")),
      "q.sql:2:37: error: operator does not exist: text = integer [42883]\n"
      "    2 | SELECT 1 WHERE x = sqlc.arg(x) OR y=%(y)s\n"
      "      |                                     ^~~~~\n");
  const int first = static_cast<int>(s.rewritten_sql.find("$1")) + 1;
  EXPECT_EQ(diagnostic_at_server_position(file, s, first, severity::error, "m", "c").length, 11u);
}

TEST(server_position, no_position_means_the_first_token) {
  const auto r = testing::parse_text("\n\n  -- name: Q :one\n  SELECT 1");
  ASSERT_EQ(r.file.statements.size(), 1u);
  const source_file file("q.sql", "\n\n  -- name: Q :one\n  SELECT 1");
  const diagnostic d = diagnostic_at_server_position(file, r.file.statements[0], 0, severity::error,
                                                     "boom", "XX000");
  EXPECT_EQ(render(d),
            "q.sql:4:3: error: boom [XX000]\n"
            "    4 |   SELECT 1\n"
            "      |   ^~~~~~\n");
}

}  // namespace
}  // namespace soong::gen
