#include <nlohmann/json.hpp>

#include "cruddur/home_activities.hpp"
#include "cruddur/user_activities.hpp"
#include "cruddur_database.hpp"

namespace {

using cruddur_test::cruddur_database;

TEST_F(cruddur_database, home_feed_is_the_seed_newest_first_built_by_postgresql) {
  const auto result = cruddur::api::home_activities(conn_);
  EXPECT_EQ(result.status, 200);
  const auto feed = nlohmann::json::parse(result.body);
  ASSERT_TRUE(feed.is_array());
  ASSERT_EQ(feed.size(), 3u);
  // seed.sql: londo now, bayko an hour ago, andrewbrown two hours ago.
  EXPECT_EQ(feed[0]["handle"], "londo");
  EXPECT_EQ(feed[1]["handle"], "bayko");
  EXPECT_EQ(feed[2]["handle"], "andrewbrown");
  EXPECT_EQ(feed[1]["display_name"], "Andrew Bayko");
  EXPECT_EQ(feed[1]["message"], "I am the other Andrew.");
  EXPECT_EQ(feed[1]["replies_count"], 0);
  EXPECT_TRUE(feed[1]["reply_to_activity_uuid"].is_null());
  EXPECT_EQ(feed[1]["uuid"].get<std::string>().size(), 36u);
}

TEST_F(cruddur_database, user_activities_lists_only_that_user) {
  const auto result = cruddur::api::user_activities(conn_, "bayko");
  EXPECT_EQ(result.status, 200);
  const auto rows = nlohmann::json::parse(result.body);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["handle"], "bayko");
  EXPECT_EQ(rows[0]["message"], "I am the other Andrew.");
}

TEST_F(cruddur_database, user_activities_of_an_unknown_handle_is_an_empty_array) {
  const auto result = cruddur::api::user_activities(conn_, "nobody_here");
  EXPECT_EQ(result.status, 200);
  EXPECT_EQ(nlohmann::json::parse(result.body), nlohmann::json::array());
}

TEST_F(cruddur_database, user_activities_of_a_blank_handle_is_a_named_error) {
  const auto result = cruddur::api::user_activities(conn_, "");
  EXPECT_EQ(result.status, 422);
  EXPECT_EQ(nlohmann::json::parse(result.body),
            (nlohmann::json{{"errors", {"user_handle_blank"}}}));
}

}  // namespace
