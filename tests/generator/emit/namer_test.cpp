// Unit tests of the naming policy (generator/src/emit/namer.hpp).

#include "emit/namer.hpp"

#include <gtest/gtest.h>

namespace soong::gen {
namespace {

TEST(snake_case, splits_words_at_case_changes) {
  EXPECT_EQ(naming::snake_case("GetUser"), "get_user");
  EXPECT_EQ(naming::snake_case("getUserByID"), "get_user_by_id");
  EXPECT_EQ(naming::snake_case("HTTPStatus"), "http_status");
  EXPECT_EQ(naming::snake_case("ListV2Users"), "list_v2_users");
  EXPECT_EQ(naming::snake_case("already_snake"), "already_snake");
}

TEST(snake_case, replaces_what_cannot_be_in_an_identifier) {
  EXPECT_EQ(naming::snake_case("?column?"), "column");
  EXPECT_EQ(naming::snake_case("in progress"), "in_progress");
  EXPECT_EQ(naming::snake_case("very--happy!"), "very_happy");
  EXPECT_EQ(naming::snake_case("1st"), "_1st");
  EXPECT_EQ(naming::snake_case("caf\xc3\xa9"), "caf");
  EXPECT_EQ(naming::snake_case("!!"), "unnamed");
}

TEST(identifier, escapes_keywords_and_names_the_generated_code_uses) {
  EXPECT_EQ(naming::identifier("class"), "class_");
  EXPECT_EQ(naming::identifier("Delete"), "delete_");
  EXPECT_EQ(naming::identifier("and"), "and_");
  EXPECT_EQ(naming::identifier("detail"), "detail_");
  EXPECT_EQ(naming::identifier("std"), "std_");
  EXPECT_EQ(naming::identifier("classes"), "classes");
  EXPECT_EQ(naming::identifier("user"), "user");
}

TEST(singular, follows_the_documented_english_rules) {
  EXPECT_EQ(naming::singular("users"), "user");
  EXPECT_EQ(naming::singular("activities"), "activity");
  EXPECT_EQ(naming::singular("addresses"), "address");
  EXPECT_EQ(naming::singular("boxes"), "box");
  EXPECT_EQ(naming::singular("matches"), "match");
  EXPECT_EQ(naming::singular("wishes"), "wish");
  EXPECT_EQ(naming::singular("status"), "status");
  EXPECT_EQ(naming::singular("analysis"), "analysis");
  EXPECT_EQ(naming::singular("class"), "class");
  EXPECT_EQ(naming::singular("user_profiles"), "user_profile");
  EXPECT_EQ(naming::singular("data"), "data");
  EXPECT_EQ(naming::singular("people"), "people");
  EXPECT_EQ(naming::singular("bus"), "bus");
}

TEST(name_scope, deduplicates_with_numbered_suffixes_in_call_order) {
  name_scope scope;
  EXPECT_EQ(scope.claim("id"), "id");
  EXPECT_EQ(scope.claim("id"), "id_2");
  EXPECT_EQ(scope.claim("id"), "id_3");
  EXPECT_EQ(scope.claim("id_2"), "id_2_2");
  scope.reserve("conn");
  EXPECT_TRUE(scope.contains("conn"));
  EXPECT_EQ(scope.claim("conn"), "conn_2");
}

TEST(name_scope, drops_a_keyword_escape_before_the_suffix) {
  name_scope scope;
  EXPECT_EQ(scope.claim("class_"), "class_");
  EXPECT_EQ(scope.claim("class_"), "class_2");
}

TEST(join, never_doubles_the_separator) {
  EXPECT_EQ(naming::join("get_user", "row"), "get_user_row");
  EXPECT_EQ(naming::join("delete_", "statement"), "delete_statement");
  EXPECT_EQ(naming::join("audit", "_1st"), "audit_1st");
  EXPECT_EQ(naming::type_name("audit", "1st"), "audit_1st");
  EXPECT_EQ(naming::type_name("public", "class"), "class_");
}

TEST(name_query, derives_every_name_from_the_function_name) {
  name_scope scope;
  const query_names all = name_query(
      scope, "GetUser", {.json_variant = true, .params_struct = true, .row_struct = true});
  EXPECT_EQ(all.function, "get_user");
  EXPECT_EQ(all.json_function, "get_user_json");
  EXPECT_EQ(all.params_struct, "get_user_params");
  EXPECT_EQ(all.row_struct, "get_user_row");
  EXPECT_EQ(all.statement, "get_user_statement");
  EXPECT_EQ(all.json_statement, "get_user_json_statement");
  EXPECT_EQ(all.read_row, "read_get_user_row");
  EXPECT_EQ(all.param_types, "get_user_param_types");
  EXPECT_EQ(all.column_types, "get_user_column_types");
  EXPECT_EQ(all.json_column_types, "get_user_json_column_types");
  EXPECT_EQ(all.copy_statement, "get_user_copy");
  EXPECT_EQ(all.copy_columns, "get_user_copy_columns");

  const query_names none = name_query(scope, "Ping", {});
  EXPECT_EQ(none.function, "ping");
  EXPECT_EQ(none.json_function, "");
  EXPECT_EQ(none.params_struct, "");
  EXPECT_EQ(none.row_struct, "");
  EXPECT_EQ(none.json_statement, "");
}

TEST(name_query, keyword_names_never_give_double_underscores) {
  name_scope scope;
  const query_names del = name_query(
      scope, "Delete", {.json_variant = true, .params_struct = true, .row_struct = true});
  EXPECT_EQ(del.function, "delete_");
  EXPECT_EQ(del.json_function, "delete_json");
  EXPECT_EQ(del.params_struct, "delete_params");
  EXPECT_EQ(del.row_struct, "delete_row");
  EXPECT_EQ(del.statement, "delete_statement");
  EXPECT_EQ(del.read_row, "read_delete_row");
  EXPECT_EQ(del.param_types, "delete_param_types");
  EXPECT_EQ(del.column_types, "delete_column_types");
  EXPECT_EQ(del.copy_statement, "delete_copy");
  // The same name again is numbered after the escape is dropped.
  EXPECT_EQ(name_query(scope, "delete", {}).function, "delete_2");
}

}  // namespace
}  // namespace soong::gen
