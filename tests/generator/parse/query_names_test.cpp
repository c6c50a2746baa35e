#include "parse/query_names.hpp"

#include <gtest/gtest.h>

#include "diag/render.hpp"
#include "parse/query_file_parser.hpp"

namespace soong::gen {
namespace {

TEST(query_names, duplicates_across_files_point_at_the_second_with_a_note_at_the_first) {
  const source_file a("sql/users.sql", "-- name: GetUser :one\nSELECT 1;\n");
  const source_file b(
      "sql/more/users.sql",
      "-- name: ListUsers :many\nSELECT 2;\n\n--   name: GetUser :one\nSELECT 3;\n");
  diagnostics diags;
  query_name_registry names;
  names.add(a, parse_query_file(a, diags), diags);
  names.add(b, parse_query_file(b, diags), diags);
  EXPECT_EQ(render(diags),
            "sql/more/users.sql:4:12: error: duplicate query name \"GetUser\" [SOONG005]\n"
            "    4 | --   name: GetUser :one\n"
            "      |            ^~~~~~~\n"
            "sql/users.sql:1:10: note: query \"GetUser\" is first defined here\n"
            "    1 | -- name: GetUser :one\n"
            "      |          ^~~~~~~\n");
}

TEST(query_names, distinct_names_are_fine) {
  const source_file a("a.sql", "-- name: A :one\nSELECT 1;\n-- name: B :one\nSELECT 1;\n");
  diagnostics diags;
  query_name_registry names;
  names.add(a, parse_query_file(a, diags), diags);
  EXPECT_TRUE(diags.all().empty());
}

TEST(query_names, names_differing_in_case_are_distinct) {
  const source_file a("a.sql",
                      "-- name: GetUser :one\nSELECT 1;\n-- name: getUser :one\nSELECT 1;\n");
  diagnostics diags;
  query_name_registry names;
  names.add(a, parse_query_file(a, diags), diags);
  EXPECT_FALSE(diags.has_errors());
}

}  // namespace
}  // namespace soong::gen
