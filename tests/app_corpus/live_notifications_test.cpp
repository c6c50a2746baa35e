// The app corpus, live: notifications (queries/notifications.sql) against the seeded database.
// Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "notifications.sql.hpp"

namespace app_corpus_live {
namespace {

// Precision pins: columns proved non-null stay non-optional (a regression to std::optional
// would not compile); nullable ones stay optional.
static_assert(!is_optional<decltype(db::notification_texts_row::text)>);
static_assert(is_optional<decltype(db::notification_texts_row::badge)>);

TEST_F(app_corpus, notification_queries) {
  const auto mine = SOONG_CORPUS_MANY(notifications_of_user, 1);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_FALSE(mine[0].activity_message);
  EXPECT_TRUE(mine[0].read_at);
  const auto bobs = SOONG_CORPUS_MANY(notifications_of_user, 2);
  ASSERT_EQ(bobs.size(), 1u);
  EXPECT_FALSE(bobs[0].actor_handle);
  const auto texts = SOONG_CORPUS_MANY(notification_texts);
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0].text, "bob liked your post");
  EXPECT_FALSE(texts[1].badge);
  const auto badge = SOONG_CORPUS_ONE(unread_badge, 4);
  EXPECT_EQ(badge.unread, 0);
  EXPECT_FALSE(badge.newest);
  const auto per_user = SOONG_CORPUS_MANY(unread_per_user);
  ASSERT_EQ(per_user.size(), 4u);
  EXPECT_FALSE(per_user[3].newest);
  const auto objects = SOONG_CORPUS_MANY(notification_objects);
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_FALSE(objects[1].activity);
  EXPECT_FALSE(objects[2].actor);
  EXPECT_EQ(SOONG_CORPUS_MANY(notifications_of_kinds,
                              std::vector<db::notification_kind>{db::notification_kind::like,
                                                                 db::notification_kind::mention})
                .size(),
            2u);
  EXPECT_EQ(SOONG_CORPUS_MANY(notifications_by_optional_kind, {}).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(notifications_by_optional_kind, {.user_id = 1}).size(), 2u);
  const auto ages = SOONG_CORPUS_MANY(notification_ages);
  ASSERT_EQ(ages.size(), 3u);
  EXPECT_FALSE(ages[0].time_to_read);
  EXPECT_EQ(ages[1].slow, std::optional<bool>(false));
  const auto kinds = SOONG_CORPUS_MANY(notification_kind_counts);
  ASSERT_EQ(kinds.size(), 4u);
  EXPECT_EQ(kinds[1].notifications, 0);  // reply
  EXPECT_EQ(SOONG_CORPUS_MANY(latest_notification_per_user).size(), 2u);

  const auto read = db::mark_one_read(conn, 3);
  ASSERT_TRUE(read);
  EXPECT_FALSE(read->actor_id);
  EXPECT_EQ(db::mark_notifications_read(conn, {.user_id = 1, .read_at = at(2024, 4, 1)}), 1);
  const auto gone = db::delete_notification(conn, {.id = 2, .user_id = 1});
  ASSERT_TRUE(gone);
  EXPECT_FALSE(gone->activity_id);
  EXPECT_EQ(db::notify_followers(conn, 1), 2);
}

}  // namespace
}  // namespace app_corpus_live
