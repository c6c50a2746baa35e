// The app corpus, live: the social graph (queries/social.sql) against the seeded database.
// Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "social.sql.hpp"

namespace app_corpus_live {
namespace {

TEST_F(app_corpus, social_queries) {
  const auto followers = SOONG_CORPUS_MANY(followers, 1);
  ASSERT_EQ(followers.size(), 2u);
  EXPECT_FALSE(followers[1].display_name);  // bob
  EXPECT_FALSE(followers[1].muted);
  EXPECT_EQ(SOONG_CORPUS_MANY(following, 2).at(0).muted, false);
  const auto counts = SOONG_CORPUS_MANY(follow_counts);
  ASSERT_EQ(counts.size(), 4u);
  EXPECT_EQ(counts[0].followers, 2);
  EXPECT_EQ(counts[3].following, 0);
  EXPECT_EQ(SOONG_CORPUS_MANY(mutual_follows).size(), 1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(follow_suggestions, 3).size(), 1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(users_not_following, 1).size(), 2u);
  EXPECT_EQ(SOONG_CORPUS_ONE(is_following, {.follower_id = 1, .followee_id = 2}),
            std::optional<bool>(true));
  const auto relation = SOONG_CORPUS_ONE(follow_relation, {.me = 4, .other = 1});
  ASSERT_TRUE(relation);
  EXPECT_FALSE(relation->i_follow_since);
  EXPECT_FALSE(relation->follows_me_since);
  EXPECT_TRUE(SOONG_CORPUS_ONE(follow_relation, {.me = 1, .other = 2})->i_muted);
  const auto graph = SOONG_CORPUS_MANY(follow_graph_full);
  ASSERT_FALSE(graph.empty());
  EXPECT_FALSE(graph.back().follower_id);  // a like without a follow
  EXPECT_TRUE(
      std::any_of(graph.begin(), graph.end(), [](const auto& row) { return !row.liker_id; }));
  const auto liked = SOONG_CORPUS_MANY(liked_by_viewer, 2);
  ASSERT_EQ(liked.size(), 5u);
  EXPECT_TRUE(liked[0].liked);
  EXPECT_FALSE(liked[1].liked);
  EXPECT_FALSE(liked[1].liked_at);
  EXPECT_EQ(SOONG_CORPUS_MANY(likers_of, 1).size(), 1u);
  const auto drift = SOONG_CORPUS_MANY(like_counts_from_table);
  ASSERT_EQ(drift.size(), 5u);
  EXPECT_EQ(drift[0].drift, 1);
  const auto recent = SOONG_CORPUS_MANY(recent_likes_per_user);
  ASSERT_EQ(recent.size(), 4u);
  EXPECT_FALSE(recent[3].activity_id);  // dee liked nothing
  EXPECT_EQ(SOONG_CORPUS_MANY(followers_of_followers).size(), 3u);
  const auto most = SOONG_CORPUS_MANY(most_followed);
  ASSERT_EQ(most.size(), 4u);
  EXPECT_EQ(most[0].handle, "ada");
  EXPECT_EQ(SOONG_CORPUS_MANY(muted_follows).size(), 1u);
  const auto states = SOONG_CORPUS_MANY(follow_muted_state);
  ASSERT_EQ(states.size(), 3u);
  EXPECT_EQ(states[1].state, "default");
  EXPECT_EQ(SOONG_CORPUS_MANY(likes_on_my_activities, 1).size(), 1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(users_who_liked_any, std::vector<std::int64_t>{1, 2}).size(), 3u);
}

}  // namespace
}  // namespace app_corpus_live
