// diff_snapshots and its text/JSON forms on hand-built snapshots: the rules that do not need
// a server (matching by name or definition, column order, enum label order, sorting).
#include "drift/snapshot_diff.hpp"

#include <gtest/gtest.h>

#include "drift/difference_format.hpp"

namespace {

using namespace soong::gen::drift;

catalog_snapshot users_table() {
  catalog_snapshot s;
  relation_snapshot users{"public", "users", "table", "", {}};
  users.columns = {{"id", "integer", true, "", "", "ALWAYS", 1},
                   {"handle", "text", true, "", "", "", 2},
                   {"bio", "text", false, "", "", "", 3}};
  s.relations.push_back(users);
  s.constraints.push_back({"public", "users", "users_pkey", "PRIMARY KEY (id)"});
  s.indexes.push_back(
      {"public", "users", "users_handle_idx", "CREATE INDEX ON public.users USING btree (handle)"});
  s.enums.push_back({"public", "mood", {"sad", "ok", "happy"}});
  s.extensions.push_back({"plpgsql", "1.0"});
  return s;
}

std::vector<std::string> lines(const std::vector<difference>& diffs) {
  std::vector<std::string> out;
  for (const auto& d : diffs) out.push_back(difference_text(d));
  return out;
}

TEST(drift_diff, equal_snapshots_have_no_differences) {
  EXPECT_TRUE(diff_snapshots(users_table(), users_table()).empty());
}

TEST(drift_diff, extension_versions_are_not_compared) {
  catalog_snapshot live = users_table();
  live.extensions[0].version = "1.1";
  EXPECT_TRUE(diff_snapshots(users_table(), live).empty());
}

TEST(drift_diff, every_column_aspect_is_its_own_line_and_lines_are_sorted) {
  catalog_snapshot live = users_table();
  auto& id = live.relations[0].columns[0];
  id.type = "bigint";
  id.not_null = false;
  id.identity.clear();
  live.relations[0].columns[2].default_expr = "'none'::text";
  EXPECT_EQ(lines(diff_snapshots(users_table(), live)),
            (std::vector<std::string>{
                "column public.users.bio: no default in schema.sql, default 'none'::text in "
                "database",
                "column public.users.id: NOT NULL in schema.sql, nullable in database",
                "column public.users.id: identity ALWAYS in schema.sql, no identity in database",
                "column public.users.id: type integer in schema.sql, type bigint in database"}));
}

TEST(drift_diff, constraints_match_by_definition_when_names_are_ignored) {
  catalog_snapshot live = users_table();
  live.constraints[0].name = "users_primary";
  live.indexes[0].name = "by_handle";
  EXPECT_EQ(diff_snapshots(users_table(), live).size(), 4U);
  EXPECT_TRUE(diff_snapshots(users_table(), live, {.ignore_names = true}).empty());
  // Still drift when the definition differs, names ignored or not.
  live.constraints[0].definition = "PRIMARY KEY (handle)";
  EXPECT_EQ(lines(diff_snapshots(users_table(), live, {.ignore_names = true})),
            (std::vector<std::string>{"constraint public.users.users_pkey: PRIMARY KEY (id) in "
                                      "schema.sql, missing in database",
                                      "constraint public.users.users_primary: not in schema.sql, "
                                      "PRIMARY KEY (handle) in database"}));
}

TEST(drift_diff, changed_constraint_definition_with_the_same_name) {
  catalog_snapshot live = users_table();
  live.constraints[0].definition = "PRIMARY KEY (id, handle)";
  EXPECT_EQ(lines(diff_snapshots(users_table(), live)),
            (std::vector<std::string>{"constraint public.users.users_pkey: PRIMARY KEY (id) in "
                                      "schema.sql, PRIMARY KEY (id, handle) in database"}));
}

TEST(drift_diff, column_order_counts_only_with_strict_order_and_only_common_columns) {
  catalog_snapshot live = users_table();
  auto& cols = live.relations[0].columns;
  std::swap(cols[1], cols[2]);
  cols.push_back({"extra", "text", false, "", "", "", 4});
  EXPECT_EQ(
      lines(diff_snapshots(users_table(), live)),
      (std::vector<std::string>{"column public.users.extra: not in schema.sql, text in database"}));
  EXPECT_EQ(lines(diff_snapshots(users_table(), live, {.strict_order = true})),
            (std::vector<std::string>{
                "column public.users.extra: not in schema.sql, text in database",
                "table public.users: columns (id, handle, bio) in schema.sql, columns (id, bio, "
                "handle) in database"}));
}

TEST(drift_diff, an_appended_enum_label_is_not_an_order_change) {
  catalog_snapshot live = users_table();
  live.enums[0].labels.push_back("ecstatic");
  EXPECT_EQ(lines(diff_snapshots(users_table(), live)),
            (std::vector<std::string>{"enum public.mood: no label 'ecstatic' in schema.sql, "
                                      "label 'ecstatic' in database"}));
}

TEST(drift_diff, a_table_replaced_by_a_view_is_a_kind_change) {
  catalog_snapshot live = users_table();
  live.relations[0].kind = "view";
  live.relations[0].view_definition = "SELECT 1 AS id";
  EXPECT_EQ(
      lines(diff_snapshots(users_table(), live)),
      (std::vector<std::string>{"table public.users: table in schema.sql, view in database"}));
}

TEST(drift_diff, json_has_null_for_the_side_that_lacks_the_object) {
  catalog_snapshot live = users_table();
  live.indexes.clear();
  const auto json = differences_json(diff_snapshots(users_table(), live));
  EXPECT_EQ(json["drift"], true);
  ASSERT_EQ(json["differences"].size(), 1U);
  const auto& d = json["differences"][0];
  EXPECT_EQ(d["kind"], "missing");
  EXPECT_EQ(d["object_type"], "index");
  EXPECT_EQ(d["object"], "public.users.users_handle_idx");
  EXPECT_TRUE(d["aspect"].is_null());
  EXPECT_EQ(d["expected"], "CREATE INDEX ON public.users USING btree (handle)");
  EXPECT_TRUE(d["actual"].is_null());
  EXPECT_EQ(differences_json({}),
            (nlohmann::json{{"drift", false}, {"differences", nlohmann::json::array()}}));
}

}  // namespace
