// The app corpus, live: writes, upserts, batches and COPY (queries/writes.sql) against the seeded
// database. Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "feed.sql.hpp"
#include "notifications.sql.hpp"
#include "users.sql.hpp"
#include "writes.sql.hpp"

namespace app_corpus_live {
namespace {

// Precision pins: columns proved non-null stay non-optional (a regression to std::optional
// would not compile); nullable ones stay optional.
static_assert(!is_optional<decltype(db::delete_activity_row::user_id)>);
static_assert(is_optional<decltype(db::upsert_daily_stats_row::minutes_active)>);

TEST_F(app_corpus, write_queries_and_every_command) {
  const auto created = db::create_user(
      conn, {.handle = "eve", .email = "eve@example.com", .display_name = std::nullopt});
  EXPECT_FALSE(created.display_name);
  EXPECT_FALSE(created.last_login_at);
  EXPECT_EQ(created.status, db::account_status::active);
  const auto activity = db::create_activity(conn, {.handle = "nobody", .message = "lost"});
  EXPECT_FALSE(activity.user_id);
  EXPECT_FALSE(db::create_activity_json(
                   conn, {.handle = "eve", .message = "hi", .expires_at = at(2031, 1, 1)})
                   .empty());
  const auto reply = db::create_reply(conn, {.user_id = 2, .message = "re", .reply_to_id = 1});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->parent_replies, std::optional<std::int32_t>(3));
  const auto top_level = db::create_reply(conn, {.user_id = std::nullopt, .message = "top"});
  ASSERT_TRUE(top_level);
  EXPECT_FALSE(top_level->parent_replies);
  const auto like = db::like_activity(conn, {.user_id = 4, .activity_id = 3});
  EXPECT_TRUE(like.inserted);
  EXPECT_EQ(like.likes_count, std::optional<std::int32_t>(1));
  const auto again = db::like_activity(conn, {.user_id = 4, .activity_id = 3});
  EXPECT_FALSE(again.inserted);
  EXPECT_FALSE(again.likes_count);
  EXPECT_EQ(db::unlike_activity(conn, {.user_id = 4, .activity_id = 3}), 1);

  const auto settings =
      db::upsert_settings(conn, {.user_id = 4, .theme = "dark", .timezone = std::nullopt});
  EXPECT_EQ(settings.inserted, std::optional<bool>(true));
  EXPECT_FALSE(settings.timezone);
  const auto updated = db::upsert_settings(
      conn, {.user_id = 1, .theme = "light", .preferences = nlohmann::json{{"lang", "fr"}}});
  EXPECT_EQ(updated.inserted, std::optional<bool>(false));
  EXPECT_EQ(updated.timezone, "Europe/London");
  const auto stats = db::upsert_daily_stats(conn, {.day = day(2024, 3, 1), .user_id = 2});
  EXPECT_EQ(stats.posts, 2);
  EXPECT_EQ(stats.minutes_active->str(), "0.00");
  const auto fresh = db::upsert_daily_stats(conn, {.day = day(2024, 3, 9), .user_id = 2});
  EXPECT_FALSE(fresh.minutes_active);
  const auto tag = db::upsert_tag(conn, {.name = "cpp", .description = std::nullopt});
  EXPECT_FALSE(tag.description);
  EXPECT_FALSE(db::upsert_tag_json(conn, {.name = "new", .description = "d"}).empty());
  const auto follow = db::follow_2(conn, {.follower_id = 4, .followee_id = 1});
  EXPECT_FALSE(follow.muted);
  EXPECT_EQ(db::follow_2(conn, {.follower_id = 4, .followee_id = 1}).muted, false);
  EXPECT_FALSE(db::follow_if_missing(conn, {.follower_id = 4, .followee_id = 1}));
  EXPECT_TRUE(db::follow_if_missing(conn, {.follower_id = 4, .followee_id = 2}));
  EXPECT_EQ(db::unfollow(conn, {.follower_id = 4, .followee_id = 2}), 1);
  const auto muted =
      db::mute_follow(conn, {.muted = std::nullopt, .follower_id = 1, .followee_id = 2});
  ASSERT_TRUE(muted);
  EXPECT_FALSE(muted->muted);

  const auto profile = db::update_profile(
      conn, {.bio = std::nullopt, .display_name = "Cy C", .cognito_user_id = "cog-cy"});
  ASSERT_TRUE(profile);
  EXPECT_FALSE(profile->bio);
  EXPECT_EQ(profile->cognito_user_id, "cog-cy");
  const auto partial = db::update_profile_partial(conn, {.bio = "new bio", .id = 2});
  ASSERT_TRUE(partial);
  EXPECT_FALSE(partial->display_name);
  EXPECT_EQ(partial->bio, "new bio");
  const auto login = db::record_login(conn, {.id = 2, .last_login_at = std::nullopt});
  ASSERT_TRUE(login);
  EXPECT_FALSE(login->last_login_at);
  const auto suspended = db::suspend_user(conn, "bob");
  ASSERT_TRUE(suspended);
  EXPECT_FALSE(suspended->display_name);
  EXPECT_FALSE(db::suspend_user(conn, "bob"));
  const auto removed = db::delete_activity(
      conn, {.uuid = soong::uuid::parse("00000000-0000-0000-0000-0000000000a4"), .user_id = 1});
  ASSERT_TRUE(removed);
  EXPECT_FALSE(removed->reply_to_id);
  EXPECT_EQ(db::delete_expired_activities(conn, at(2025, 1, 1)), 0);
  const soong::result archived = db::archive_old_notifications(conn, at(2025, 1, 1));
  EXPECT_EQ(archived.affected_rows(), 1);
  const auto moved = db::move_stats_to_user(conn, {.from_user = 3, .to_user = 1});
  ASSERT_EQ(moved.size(), 1u);
  EXPECT_EQ(moved[0].minutes_active->str(), "7.25");
  const auto resolved =
      db::resolve_report(conn, {.id = 1, .resolved_by = 3, .resolution = std::nullopt});
  ASSERT_TRUE(resolved);
  EXPECT_FALSE(resolved->resolution);
  EXPECT_EQ(resolved->moderator, "cy");
  db::tag_activity(conn, {.activity_id = 3, .tag_names = {"sql", "unused", "missing"}});
  EXPECT_EQ(db::activities_tagged_with(conn, "unused").size(), 1u);

  const std::vector<db::import_activities_params> imported = {
      {.user_id = std::nullopt,
       .message = "imported",
       .visibility = db::visibility::private_,
       .created_at = at(2024, 1, 5)},
      {.user_id = 1,
       .message = "imported too",
       .visibility = db::visibility::public_,
       .expires_at = at(2030, 1, 1),
       .created_at = at(2024, 1, 6)}};
  EXPECT_EQ(db::import_activities(conn, imported), 2);
  const std::vector<db::import_daily_stats_params> days = {
      {.day = day(2024, 4, 1), .user_id = 4, .posts = 1, .likes_received = 0},
      {.day = day(2024, 4, 2),
       .user_id = 4,
       .posts = 0,
       .likes_received = 2,
       .minutes_active = soong::numeric("1.5")}};
  EXPECT_EQ(db::import_daily_stats(conn, days), 2);
  const std::vector<db::create_notifications_params> notifications = {
      {.user_id = 4, .kind = db::notification_kind::follow, .actor_id = 1},
      {.user_id = 4, .kind = db::notification_kind::reply, .activity_id = 1}};
  db::create_notifications(conn, notifications);
  EXPECT_EQ(db::unread_badge(conn, 4).unread, 2);
  const std::vector<db::create_tags_params> tags = {{.name = "t1"},
                                                    {.name = "t2", .description = "two"}};
  const auto created_tags = db::create_tags(conn, tags);
  ASSERT_EQ(created_tags.size(), 2u);
  EXPECT_FALSE(created_tags[0].description);
  const std::vector<std::int64_t> authors = {1, 3, 4, 99};
  const auto per_author = db::recent_activities_of_users(conn, authors);
  ASSERT_EQ(per_author.size(), 4u);
  EXPECT_EQ(per_author[0].size(), 2u);
  EXPECT_FALSE(per_author[0][0].expires_at);
  EXPECT_TRUE(per_author[3].empty());
  EXPECT_EQ(db::bump_repost_count(conn, soong::uuid::parse("00000000-0000-0000-0000-0000000000a1")),
            1);
  const auto cleared = db::clear_expiry(conn, at(2031, 1, 1));
  ASSERT_EQ(cleared.size(), 2u);
  EXPECT_FALSE(cleared[0].expires_at);
  db::purge_user(conn, 4);
  EXPECT_FALSE(db::get_user_by_handle(conn, "dee"));
}

}  // namespace
}  // namespace app_corpus_live
