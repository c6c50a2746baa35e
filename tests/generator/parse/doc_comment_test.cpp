// A query's description: the comment block touching its `-- name:` line from above, and the
// comments between that line and the statement.

#include "parse/doc_comment.hpp"

#include <gtest/gtest.h>

#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

// The doc of each annotated statement of `text`, in order.
std::vector<std::string> docs_of(std::string_view text) {
  const auto r = testing::parse_text(text);
  EXPECT_EQ(r.rendered, "");
  std::vector<std::string> out;
  for (const parsed_statement& s : r.file.statements) out.push_back(s.doc);
  return out;
}

TEST(query_doc_comment, takes_the_block_above_the_name_line) {
  EXPECT_EQ(docs_of("-- Finds a user.\n-- By id.\n-- name: GetUser :one\nSELECT 1;\n"),
            std::vector<std::string>{"Finds a user.\nBy id."});
}

TEST(query_doc_comment, takes_comments_right_after_the_name_line) {
  EXPECT_EQ(docs_of("-- name: GetUser :one\n-- Finds a user.\nSELECT 1;\n"),
            std::vector<std::string>{"Finds a user."});
}

TEST(query_doc_comment, joins_above_and_after_in_file_order) {
  EXPECT_EQ(docs_of("-- Above.\n-- name: A :one\n/* After,\n * two lines. */\nSELECT 1;\n"),
            std::vector<std::string>{"Above.\nAfter,\ntwo lines."});
}

TEST(query_doc_comment, is_empty_without_comments) {
  EXPECT_EQ(docs_of("-- name: A :one\nSELECT 1;\n"), std::vector<std::string>{""});
}

TEST(query_doc_comment, a_blank_line_separates_a_file_header_from_the_description) {
  EXPECT_EQ(docs_of("-- Queries about users.\n\n-- name: A :one\nSELECT 1;\n"
                    "-- Second.\n-- name: B :one\nSELECT 2;\n"),
            (std::vector<std::string>{"", "Second."}));
}

TEST(query_doc_comment, leaves_out_directives_and_comments_ending_the_previous_line) {
  EXPECT_EQ(docs_of("-- name: A :one\nSELECT 1; -- about A\n-- name: B :one\n"
                    "-- soong:route primary\n-- Reads B.\nSELECT 2;\n"),
            (std::vector<std::string>{"", "Reads B."}));
}

TEST(query_doc_comment, keeps_a_hostile_comment_as_text) {
  // Nested block comments and `*/` are PostgreSQL's business; the emitter writes `///` lines,
  // which no comment text can end.
  EXPECT_EQ(docs_of("/* a /* nested */ b */\n-- name: A :one\n-- ends with \\\nSELECT 1;\n"),
            std::vector<std::string>{"a /* nested */ b\nends with \\"});
}

TEST(comment_text, strips_markers_and_blank_edges) {
  EXPECT_EQ(comment_text("--   spaced  "), "spaced");
  EXPECT_EQ(comment_text("---- Section ----"), "Section ----");
  EXPECT_EQ(comment_text("/*\n * One.\n *\n * Two.\n */"), "One.\n\nTwo.");
  EXPECT_EQ(comment_text("/**/"), "");
}

}  // namespace
}  // namespace soong::gen
