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

}  // namespace
}  // namespace soong::gen
