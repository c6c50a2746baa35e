#include <gtest/gtest.h>

#include "parse/annotation_reader.hpp"
#include "parse/closest_match.hpp"
#include "parse_test_support.hpp"

namespace soong::gen {
namespace {

annotation_reading read(const std::string& comment, diagnostics& diags) {
  const source_file file("q.sql", comment);
  return read_annotation(file, 0, comment.size(), diags);
}

TEST(annotation, reads_line_comment) {
  diagnostics diags;
  const annotation_reading r = read("-- name: GetUser :one", diags);
  ASSERT_EQ(r.status, annotation_status::valid);
  EXPECT_EQ(r.value.name, "GetUser");
  EXPECT_EQ(r.value.cmd, command::one);
  EXPECT_EQ(r.value.location.line, 1);
  EXPECT_EQ(r.value.location.column, 1);
  EXPECT_EQ(r.value.name_offset, 9u);
  EXPECT_FALSE(diags.has_errors());
}

TEST(annotation, reads_block_comment_and_every_command) {
  for (const command_info& row : command_table) {
    const command cmd = row.cmd;
    diagnostics diags;
    const std::string name(row.name);
    const annotation_reading r = read("/* name: Q_" + name + " :" + name + " */", diags);
    ASSERT_EQ(r.status, annotation_status::valid) << name;
    EXPECT_EQ(r.value.cmd, cmd);
    EXPECT_EQ(r.value.name, "Q_" + name);
  }
}

TEST(annotation, tolerates_extra_blanks_and_uses_only_the_first_line) {
  diagnostics diags;
  const annotation_reading r = read("/*   name:GetUser   :many\n  returns users */", diags);
  ASSERT_EQ(r.status, annotation_status::valid);
  EXPECT_EQ(r.value.name, "GetUser");
  EXPECT_EQ(r.value.cmd, command::many);
}

TEST(annotation, ordinary_comments_are_not_annotations) {
  diagnostics diags;
  EXPECT_EQ(read("-- returns the user", diags).status, annotation_status::not_annotation);
  EXPECT_EQ(read("-- name of the user", diags).status, annotation_status::not_annotation);
  EXPECT_EQ(read("-- names: x", diags).status, annotation_status::not_annotation);
  EXPECT_EQ(read("/* nothing */", diags).status, annotation_status::not_annotation);
  EXPECT_TRUE(diags.all().empty());
}

TEST(annotation, malformed_ones_are_reported_once) {
  diagnostics diags;
  EXPECT_EQ(read("-- name: GetUser :first", diags).status, annotation_status::invalid);
  EXPECT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.all()[0].code, "SOONG002");
}

TEST(command_table, names_round_trip) {
  for (const command_info& row : command_table) {
    EXPECT_EQ(command_from_string(row.name), row.cmd);
    EXPECT_EQ(to_string(row.cmd), row.name);
    EXPECT_EQ(&info(row.cmd), &row);
  }
  EXPECT_FALSE(command_from_string("One"));
  EXPECT_FALSE(command_from_string(":one"));
  EXPECT_EQ(command_table.size(), 9u);
}

TEST(command_table, properties_are_the_documented_ones) {
  // README's command table: which commands read rows, take a span of items, and pipeline.
  std::string rows, items, pipelined, json;
  for (const command_info& row : command_table) {
    if (row.returns_rows) rows += ":" + std::string(row.name) + " ";
    if (row.takes_items) items += ":" + std::string(row.name) + " ";
    if (row.pipelined) pipelined += ":" + std::string(row.name) + " ";
    if (row.json_variant) json += ":" + std::string(row.name) + " ";
    EXPECT_FALSE(row.description.empty()) << row.name;
  }
  EXPECT_EQ(rows, ":one :many :batchone :batchmany ");
  EXPECT_EQ(items, ":copyfrom :batchexec :batchone :batchmany ");
  EXPECT_EQ(pipelined, ":batchexec :batchone :batchmany ");
  EXPECT_EQ(json, ":one :many ");
}

TEST(is_identifier, accepts_only_identifiers) {
  EXPECT_TRUE(is_identifier("GetUser"));
  EXPECT_TRUE(is_identifier("_x1"));
  EXPECT_FALSE(is_identifier("1x"));
  EXPECT_FALSE(is_identifier("get-user"));
  EXPECT_FALSE(is_identifier(""));
  EXPECT_FALSE(is_identifier("naïve"));
}

TEST(statements, annotation_applies_to_the_statement_after_it) {
  const auto r = testing::parse_text(
      "-- Fetch one user.\n-- name: GetUser :one\nSELECT 1;\n\n/* name: ListUsers :many */\n"
      "  SELECT 2");
  ASSERT_EQ(r.file.statements.size(), 2u);
  EXPECT_EQ(r.rendered, "");
  const parsed_statement& first = r.file.statements[0];
  ASSERT_TRUE(first.annot);
  EXPECT_EQ(first.annot->name, "GetUser");
  EXPECT_EQ(first.annot->location.line, 2);
  // The statement's location is its first token, not the comment.
  EXPECT_EQ(first.location.line, 3);
  EXPECT_EQ(first.location.column, 1);
  EXPECT_EQ(first.sql, "SELECT 1");
  const parsed_statement& second = r.file.statements[1];
  ASSERT_TRUE(second.annot);
  EXPECT_EQ(second.annot->cmd, command::many);
  EXPECT_EQ(second.location.line, 6);
  EXPECT_EQ(second.location.column, 3);
  EXPECT_EQ(second.sql, "SELECT 2");
  EXPECT_TRUE(second.tree.contains("SelectStmt"));
}

TEST(statements, unannotated_statements_are_kept_with_a_note) {
  const auto r = testing::parse_text("CREATE TABLE t (id int);\n-- name: A :exec\nDELETE FROM t;");
  ASSERT_EQ(r.file.statements.size(), 2u);
  EXPECT_FALSE(r.file.statements[0].annot);
  EXPECT_TRUE(r.file.statements[0].tree.contains("CreateStmt"));
  EXPECT_FALSE(r.diags.has_errors());
  EXPECT_EQ(r.rendered,
            "q.sql:1:1: note: statement has no '-- name: <QueryName> :<command>' annotation; no "
            "code is generated for it [SOONG009]\n"
            "    1 | CREATE TABLE t (id int);\n"
            "      | ^~~~~~\n");
}

}  // namespace
}  // namespace soong::gen

namespace soong::gen {
namespace {

TEST(closest_match, edit_distance_counts_single_edits) {
  EXPECT_EQ(edit_distance("one", "one"), 0u);
  EXPECT_EQ(edit_distance("onee", "one"), 1u);
  EXPECT_EQ(edit_distance("exce", "exec"), 2u);
  EXPECT_EQ(edit_distance("", "many"), 4u);
}

TEST(closest_match, suggests_only_plausible_typos) {
  const std::vector<std::string> names{"one", "many", "exec", "execrows"};
  EXPECT_EQ(closest_match("exce", names), "exec");
  EXPECT_EQ(closest_match("execrow", names), "execrows");
  EXPECT_EQ(closest_match("mnay", names), "many");
  EXPECT_FALSE(closest_match("frobnicate", names));
  EXPECT_FALSE(closest_match("all", names));
}

}  // namespace
}  // namespace soong::gen
