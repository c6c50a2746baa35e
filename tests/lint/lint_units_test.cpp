// Unit tests of soong-lint's pure parts: allow(...) comments, the generated doc comment reference,
// and the printed format.

#include <gtest/gtest.h>

#include "finding.hpp"
#include "generated_query.hpp"
#include "suppression.hpp"

namespace {

using soong::lint::check;

TEST(line_allows, names_the_check_in_a_list) {
  EXPECT_TRUE(soong::lint::line_allows("f(x);  // soong-lint: allow(raw-sql)", check::raw_sql));
  EXPECT_TRUE(
      soong::lint::line_allows("// soong-lint: allow(dead-query, raw-sql) why", check::raw_sql));
  EXPECT_TRUE(soong::lint::line_allows("-- soong-lint: allow(dead-query)", check::dead_query));
  EXPECT_FALSE(soong::lint::line_allows("// soong-lint: allow(dead-query)", check::raw_sql));
  EXPECT_FALSE(soong::lint::line_allows("// soong-lint: allow(raw-sql-ish)", check::raw_sql));
  EXPECT_FALSE(soong::lint::line_allows("// soong-lint: allow(raw-sql", check::raw_sql));
  EXPECT_FALSE(soong::lint::line_allows("f(x);", check::raw_sql));
}

TEST(parse_query_reference, reads_a_reference_split_over_doc_lines) {
  const auto origin = soong::lint::parse_query_reference(
      "/// Calls `on_row` with each row in turn. `HomeActivities :many`,\n"
      "/// activities/home.sql:3.");
  ASSERT_TRUE(origin.has_value());
  EXPECT_EQ(origin->query_name, "HomeActivities");
  EXPECT_EQ(origin->command, "many");
  EXPECT_EQ(origin->sql_file, "activities/home.sql");
  EXPECT_EQ(origin->sql_line, 3u);
}

TEST(parse_query_reference, ignores_other_doc_comments) {
  EXPECT_FALSE(soong::lint::parse_query_reference("/// Decodes row `i` of a GetItem result."));
  EXPECT_FALSE(soong::lint::parse_query_reference("/// A row returned by GetItem."));
}

TEST(format_finding, prints_compiler_format_with_notes) {
  soong::lint::finding f;
  f.kind = check::dead_query;
  f.where = {"sql/a.sql", 3, 1};
  f.message = "query A is never called";
  f.notes.push_back({{"src/b.cpp", 7, 2}, "see here"});
  EXPECT_EQ(soong::lint::format_finding(f),
            "sql/a.sql:3:1: warning: query A is never called [soong-dead-query]\n"
            "src/b.cpp:7:2: note: see here\n");
}

}  // namespace
