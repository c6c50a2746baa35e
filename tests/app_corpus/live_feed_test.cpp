// The app corpus, live: the activity feed (queries/feed.sql) against the seeded database.
// Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "feed.sql.hpp"

namespace app_corpus_live {
namespace {

// Precision pins: columns proved non-null stay non-optional (a regression to std::optional
// would not compile); nullable ones stay optional.
static_assert(!is_optional<decltype(db::home_feed_row::message)>);
static_assert(is_optional<decltype(db::home_feed_row::handle)>);
static_assert(!is_optional<decltype(db::public_feed_by_handle_row::handle)>);
static_assert(!is_optional<decltype(db::top_liked_per_author_row::message)>);

TEST_F(app_corpus, feed_queries) {
  const auto home = SOONG_CORPUS_MANY(home_feed);
  ASSERT_EQ(home.size(), 3u);
  EXPECT_FALSE(home[0].handle);  // the orphaned activity
  EXPECT_TRUE(home[1].reply_to_uuid);
  const auto objects = SOONG_CORPUS_ONE(home_feed_objects);
  ASSERT_EQ(objects.size(), 1u);
  const auto& replies = objects[0]["replies"];
  ASSERT_EQ(replies.size(), 3u);                // the followers-only reply is included too
  EXPECT_TRUE(replies[1]["handle"].is_null());  // by a deleted user
  const auto activity =
      SOONG_CORPUS_ONE(activity_object, soong::uuid::parse("00000000-0000-0000-0000-0000000000a2"));
  ASSERT_TRUE(activity);
  EXPECT_FALSE(activity->display_name);
  EXPECT_FALSE(SOONG_CORPUS_ONE(activity_object,
                                soong::uuid::parse("00000000-0000-0000-0000-0000000000a3")));
  const auto with_replies = SOONG_CORPUS_ONE(activity_with_replies, 1);
  ASSERT_TRUE(with_replies && with_replies->replies);
  EXPECT_EQ(with_replies->reply_count, 3);
  const auto without_replies = SOONG_CORPUS_ONE(activity_with_replies, 3);
  ASSERT_TRUE(without_replies);
  EXPECT_FALSE(without_replies->replies);
  EXPECT_EQ(SOONG_CORPUS_MANY(user_activities, "ada").size(), 2u);
  EXPECT_EQ(SOONG_CORPUS_MANY(feed_for_viewer, 2).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(feed_for_viewer, 1).size(), 3u);
  const auto first_page = SOONG_CORPUS_MANY(feed_page, {.page_size = 2});
  ASSERT_EQ(first_page.size(), 2u);
  EXPECT_EQ(first_page[0].id, 5);
  const auto next_page =
      SOONG_CORPUS_MANY(feed_page, {.before_created_at = first_page[1].created_at,
                                    .before_id = first_page[1].id,
                                    .page_size = 10});
  EXPECT_EQ(next_page.size(), 3u);
  const auto view = SOONG_CORPUS_MANY(public_feed_view);
  ASSERT_EQ(view.size(), 3u);
  EXPECT_FALSE(view[0].display_name);
  EXPECT_EQ(SOONG_CORPUS_MANY(public_feed_by_handle, "bob").size(), 1u);
  const auto thread = SOONG_CORPUS_MANY(activity_thread, 5);
  ASSERT_EQ(thread.size(), 2u);
  EXPECT_EQ(thread[1].depth, 1);
  EXPECT_FALSE(thread[1].reply_to_id);
  const auto orphan_thread = SOONG_CORPUS_MANY(activity_thread, 3);
  ASSERT_EQ(orphan_thread.size(), 2u);
  EXPECT_FALSE(orphan_thread[0].handle);
  const auto tagged = SOONG_CORPUS_MANY(activities_with_tag_names);
  ASSERT_EQ(tagged.size(), 5u);
  EXPECT_EQ(tagged[0].tag_list, "cpp, sql");
  EXPECT_FALSE(tagged[2].tag_list);
  EXPECT_TRUE(value_of(tagged[2].tag_names).empty());
  EXPECT_EQ(SOONG_CORPUS_MANY(activities_tagged_with, "sql").size(), 2u);
  EXPECT_EQ(SOONG_CORPUS_MANY(untagged_activities).size(), 3u);
  const auto active = SOONG_CORPUS_MANY(active_activities, at(2024, 6, 1));
  ASSERT_EQ(active.size(), 4u);
  EXPECT_FALSE(active[0].time_left);
  EXPECT_TRUE(active[1].time_left);
  const auto likers = SOONG_CORPUS_MANY(activity_likers);
  ASSERT_EQ(likers.size(), 6u);
  EXPECT_FALSE(likers[3].liker);
  const auto latest = SOONG_CORPUS_MANY(latest_reply_per_activity);
  ASSERT_EQ(latest.size(), 5u);
  EXPECT_EQ(latest[0].reply_id, std::optional<std::int64_t>(5));
  EXPECT_FALSE(latest[1].reply_id);
  EXPECT_EQ(SOONG_CORPUS_MANY(top_liked_per_author).size(), 3u);
  const auto snippets = SOONG_CORPUS_MANY(activity_snippets);
  ASSERT_EQ(snippets.size(), 5u);
  EXPECT_EQ(snippets[0].world_at, 8);
  EXPECT_EQ(snippets[0].kebab, "hello-world");
  const auto card = SOONG_CORPUS_ONE(activity_author_card, 3);
  ASSERT_TRUE(card);
  EXPECT_FALSE(card->author_row);
  EXPECT_TRUE(card->author["handle"].is_null());
  EXPECT_TRUE(db::activity_author_card(conn, 1)->author_row);
  EXPECT_EQ(SOONG_CORPUS_MANY(activities_since, std::nullopt).size(), 5u);
  EXPECT_EQ(SOONG_CORPUS_MANY(activities_since, at(2024, 3, 3)).size(), 2u);
  EXPECT_EQ(SOONG_CORPUS_MANY(replies_to).size(), 3u);
}

}  // namespace
}  // namespace app_corpus_live
