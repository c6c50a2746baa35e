#include "diag/render.hpp"

#include <gtest/gtest.h>

namespace soong::gen {
namespace {

// The example in docs/diagnostics.md, byte for byte.
TEST(render, matches_the_house_style_example) {
  const source_file file("sql/activities/home.sql",
                         "SELECT\n  activities.uuid,\n  users.handle,\n  users.nme,\nFROM x");
  const std::size_t at = file.text().find("users.nme");
  const diagnostic d =
      make_diagnostic(file, at, 9, severity::error, "column \"nme\" does not exist", "42703");
  EXPECT_EQ(render(d),
            "sql/activities/home.sql:4:3: error: column \"nme\" does not exist [42703]\n"
            "    4 |   users.nme,\n"
            "      |   ^~~~~~~~~\n");
}

TEST(render, underline_is_clipped_to_the_first_line) {
  const source_file file("q.sql", "SELECT 'a\nb'");
  const diagnostic d = make_diagnostic(file, 7, 5, severity::warning, "w", "SOONG999");
  EXPECT_EQ(render(d),
            "q.sql:1:8: warning: w [SOONG999]\n"
            "    1 | SELECT 'a\n"
            "      |        ^~\n");
}

TEST(render, zero_length_still_shows_a_caret) {
  const source_file file("q.sql", "SELECT");
  const diagnostic d = make_diagnostic(file, 6, 0, severity::error, "end", "42601");
  EXPECT_EQ(render(d),
            "q.sql:1:7: error: end [42601]\n"
            "    1 | SELECT\n"
            "      |       ^\n");
}

TEST(render, caret_copies_tabs_and_counts_code_points) {
  const source_file file("q.sql", "\tSELECT 'é', nme");
  const diagnostic d =
      make_diagnostic(file, file.text().find("nme"), 3, severity::error, "bad", "42703");
  EXPECT_EQ(render(d),
            "q.sql:1:14: error: bad [42703]\n"
            "    1 | \tSELECT 'é', nme\n"
            "      | \t            ^~~\n");
}

TEST(render, wide_line_numbers_widen_the_gutter) {
  std::string text;
  for (int i = 0; i < 123456; ++i) text += "\n";
  text += "x";
  const source_file file("q.sql", text);
  const diagnostic d = make_diagnostic(file, text.size() - 1, 1, severity::error, "m", "C");
  EXPECT_EQ(render(d),
            "q.sql:123457:1: error: m [C]\n"
            "123457 | x\n"
            "       | ^\n");
}

TEST(render, notes_follow_their_error_and_have_no_code_brackets) {
  const source_file file("q.sql", "a\nb");
  diagnostic d = make_diagnostic(file, 2, 1, severity::error, "second", "SOONG005");
  d.notes.push_back(make_diagnostic(file, 0, 1, severity::note, "first"));
  EXPECT_EQ(render(d),
            "q.sql:2:1: error: second [SOONG005]\n"
            "    2 | b\n"
            "      | ^\n"
            "q.sql:1:1: note: first\n"
            "    1 | a\n"
            "      | ^\n");
}

TEST(render, without_a_line_only_the_header_is_printed) {
  diagnostic d =
      make_file_diagnostic("schema.sql", severity::error, "no server binaries found", "SOONG100");
  EXPECT_EQ(render(d), "schema.sql: error: no server binaries found [SOONG100]\n");
  d.location.file.clear();
  EXPECT_EQ(render(d), "error: no server binaries found [SOONG100]\n");
}

TEST(diagnostics, counts_errors_only) {
  diagnostics all;
  const source_file file("q.sql", "x");
  all.add(make_diagnostic(file, 0, 1, severity::note, "n", "SOONG009"));
  all.add(make_diagnostic(file, 0, 1, severity::warning, "w"));
  EXPECT_FALSE(all.has_errors());
  all.add(make_diagnostic(file, 0, 1, severity::error, "e", "42601"));
  EXPECT_TRUE(all.has_errors());
  EXPECT_EQ(all.error_count(), 1u);
  EXPECT_EQ(all.all().size(), 3u);
}

}  // namespace
}  // namespace soong::gen
