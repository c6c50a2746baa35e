// The application corpus, live: C++ generated at build time from tests/app_corpus/queries runs
// against a real PostgreSQL filled by seed.sql, whose rows put a NULL in every nullable column
// and make every outer join NULL-extended. Every generated function is called (vector, streaming
// and JSON variants of reads), so a non-optional field receiving NULL throws
// soong::unexpected_null and fails the test (soundness). The queries listed in
// known_unsound.txt are expected to throw instead, so that list cannot go stale.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "feed.sql.hpp"
#include "messaging.sql.hpp"
#include "moderation.sql.hpp"
#include "notifications.sql.hpp"
#include "query_corpus.hpp"
#include "reports.sql.hpp"
#include "social.sql.hpp"
#include "users.sql.hpp"
#include "writes.sql.hpp"

namespace {
namespace db = app_corpus::db;
using namespace std::chrono;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

// Precision pins: columns the reviewer proved non-null through outer joins, aggregates, CASE and
// conditions stay non-optional (a regression to std::optional would not compile).
static_assert(!is_optional<decltype(db::home_feed_row::message)>);
static_assert(is_optional<decltype(db::home_feed_row::handle)>);
static_assert(!is_optional<decltype(db::public_feed_by_handle_row::handle)>);
static_assert(!is_optional<decltype(db::user_profile_row::activity_count)>);
static_assert(!is_optional<decltype(db::user_settings_or_defaults_row::timezone)>);
static_assert(!is_optional<decltype(db::get_user_by_cognito_id_row::cognito_user_id)>);
static_assert(!is_optional<decltype(db::notification_texts_row::text)>);
static_assert(is_optional<decltype(db::notification_texts_row::badge)>);
static_assert(!is_optional<decltype(db::report_age_row::last_touched)>);
static_assert(!is_optional<decltype(db::delete_activity_row::user_id)>);
static_assert(is_optional<decltype(db::upsert_daily_stats_row::minutes_active)>);
static_assert(!is_optional<decltype(db::top_liked_per_author_row::message)>);
static_assert(!is_optional<decltype(db::report_counts_per_activity_row::has_open)>);
static_assert(is_optional<decltype(db::posts_per_user_rollup_row::handle)>);

/// The value of a column whether soong types it optional or not: the columns soong is still
/// cautious about (known_imprecise.txt) may become non-optional as the analysis improves.
template <class T>
[[nodiscard]] const auto& value_of(const T& column) {
  if constexpr (is_optional<T>) {
    return column.value();
  } else {
    return column;
  }
}

[[nodiscard]] sys_days day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / std::chrono::day{d}};
}

[[nodiscard]] soong::timestamptz at(int y, unsigned m, unsigned d, int hour = 0) {
  return soong::timestamptz{day(y, m, d) + hours{hour}};
}

/// Whether known_unsound.txt lists `query` (then its generated code is expected to throw).
[[nodiscard]] bool listed_unsound(const std::string& query) {
  for (const auto& line :
       soong::testing::reviewed_lines(SOONG_APP_CORPUS_DIR "/known_unsound.txt")) {
    if (line.rfind(query + ":", 0) == 0) return true;
  }
  return false;
}

/// Each test gets its own database with the corpus schema and seed rows.
class app_corpus : public ::testing::Test {
 protected:
  soong::connection conn{soong::testing::seeded_corpus_database(SOONG_APP_CORPUS_DIR)};
};

TEST_F(app_corpus, user_queries) {
  const auto ada = SOONG_CORPUS_ONE(get_user_by_handle, "ada");
  ASSERT_TRUE(ada);
  EXPECT_EQ(ada->display_name, "Ada Lovelace");
  const auto bob = SOONG_CORPUS_ONE(get_user_by_handle, "bob");
  ASSERT_TRUE(bob);
  EXPECT_FALSE(bob->display_name);
  EXPECT_FALSE(bob->bio);
  EXPECT_FALSE(SOONG_CORPUS_ONE(get_user_by_handle, "nobody"));
  const auto by_cognito = SOONG_CORPUS_ONE(get_user_by_cognito_id, "cog-cy");
  ASSERT_TRUE(by_cognito);
  EXPECT_EQ(by_cognito->status, db::account_status::suspended);
  EXPECT_FALSE(by_cognito->avatar_url);
  const auto by_uuid = SOONG_CORPUS_ONE(get_user_by_uuid,
                                        soong::uuid::parse("00000000-0000-0000-0000-000000000002"));
  ASSERT_TRUE(by_uuid);
  EXPECT_EQ(by_uuid->handle, "bob");

  const auto profile = SOONG_CORPUS_ONE(user_profile, {.viewer_id = 2, .handle = "ada"});
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->activity_count, 2);
  EXPECT_EQ(profile->followers, 2);
  EXPECT_EQ(profile->following, 1);
  EXPECT_TRUE(profile->viewer_follows);
  const auto dee_profile = SOONG_CORPUS_ONE(user_profile, {.viewer_id = 1, .handle = "dee"});
  ASSERT_TRUE(dee_profile);
  EXPECT_EQ(dee_profile->name, "Dee");
  EXPECT_FALSE(dee_profile->bio);
  EXPECT_EQ(dee_profile->activity_count, 0);

  for (const char* handle : {"ada", "dee"}) {
    const auto object = SOONG_CORPUS_ONE(user_profile_object, handle);
    ASSERT_TRUE(object);
    EXPECT_EQ(value_of(object->profile)["handle"], handle);
  }
  EXPECT_EQ(value_of(db::user_profile_object(conn, "ada")->activities).size(), 2u);
  EXPECT_TRUE(value_of(db::user_profile_object(conn, "dee")->activities).empty());

  for (const std::int64_t id : {1, 2, 3, 4}) {
    static_cast<void>(SOONG_CORPUS_ONE(user_with_settings, id));
    static_cast<void>(SOONG_CORPUS_ONE(user_settings_or_defaults, id));
    static_cast<void>(SOONG_CORPUS_ONE(user_last_login, id));
  }
  const auto no_settings = db::user_with_settings(conn, 4);
  ASSERT_TRUE(no_settings);
  EXPECT_FALSE(no_settings->theme);
  EXPECT_FALSE(no_settings->email_digest);
  const auto defaults = db::user_settings_or_defaults(conn, 4);
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->timezone, "UTC");
  EXPECT_FALSE(defaults->lang);
  EXPECT_EQ(db::user_settings_or_defaults(conn, 1)->lang, "en");
  EXPECT_EQ(db::user_last_login(conn, 2),
            std::optional<std::optional<soong::timestamptz>>(std::optional<soong::timestamptz>{}));

  EXPECT_EQ(SOONG_CORPUS_MANY(search_users, {}).size(), 4u);
  EXPECT_EQ(SOONG_CORPUS_MANY(search_users, {.status = db::account_status::active}).size(), 3u);
  EXPECT_EQ(SOONG_CORPUS_MANY(search_users, {.status = std::nullopt, .handle_prefix = "d"}).size(),
            1u);
  EXPECT_EQ(SOONG_CORPUS_MANY(search_users, {.status = std::nullopt,
                                             .handle_prefix = std::nullopt,
                                             .joined_after = at(2024, 2, 1)})
                .size(),
            2u);
  const auto page = SOONG_CORPUS_MANY(users_page, {.id = 1, .limit = 2});
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].id, 2);
  const auto offset_page = SOONG_CORPUS_MANY(users_offset_page, {.page_size = 2, .page_offset = 2});
  ASSERT_EQ(offset_page.size(), 2u);
  EXPECT_EQ(offset_page[0].total, 4);

  const auto names = SOONG_CORPUS_MANY(user_display_names);
  ASSERT_EQ(names.size(), 4u);
  EXPECT_EQ(names[1].label, "@bob");
  EXPECT_EQ(names[1].initial, "B");
  EXPECT_FALSE(names[1].bio_length);
  const auto ages = SOONG_CORPUS_MANY(user_ages);
  ASSERT_EQ(ages.size(), 4u);
  EXPECT_EQ(ages[2].age_years, std::optional<std::int32_t>(34));
  EXPECT_FALSE(ages[1].age_years);
  EXPECT_EQ(ages[0].joined_day, "2024-01-01");
  const auto by_status = SOONG_CORPUS_MANY(users_by_status);
  ASSERT_EQ(by_status.size(), 2u);
  EXPECT_EQ(by_status[0].users, 3);
  EXPECT_EQ(SOONG_CORPUS_MANY(users_by_ids, std::vector<std::int64_t>{1, 4, 9}).size(), 2u);
  const auto by_handles =
      SOONG_CORPUS_MANY(users_by_handles, std::vector<std::string>{"dee", "nobody", "ada"});
  ASSERT_EQ(by_handles.size(), 2u);
  EXPECT_EQ(by_handles[0].handle, "dee");
  EXPECT_EQ(by_handles[1].position, std::optional<std::int64_t>(3));
  EXPECT_EQ(SOONG_CORPUS_ONE(handle_taken, "ADA"), std::optional<bool>(true));
  EXPECT_EQ(SOONG_CORPUS_ONE(handle_taken, "zed"), std::optional<bool>(false));
  EXPECT_EQ(SOONG_CORPUS_ONE(count_active_users), std::optional<std::int64_t>(3));
  const auto inactive = SOONG_CORPUS_MANY(inactive_users, at(2024, 3, 1));
  ASSERT_EQ(inactive.size(), 3u);
  EXPECT_EQ(inactive[0].reason, "never");
  EXPECT_EQ(inactive[1].reason, "stale");
  EXPECT_EQ(SOONG_CORPUS_MANY(user_email_domain)[0].domain, "example.com");
  EXPECT_EQ(SOONG_CORPUS_MANY(users_without_settings).size(), 1u);
  const auto anti = SOONG_CORPUS_MANY(user_settings_anti);
  ASSERT_EQ(anti.size(), 1u);
  EXPECT_FALSE(anti[0].theme);
}

TEST_F(app_corpus, feed_queries) {
  const auto home = SOONG_CORPUS_MANY(home_feed);
  ASSERT_EQ(home.size(), 3u);
  EXPECT_FALSE(home[0].handle);  // the orphaned activity
  EXPECT_TRUE(home[1].reply_to_uuid);
  const auto objects = SOONG_CORPUS_ONE(home_feed_objects);
  ASSERT_TRUE(objects);
  ASSERT_EQ(objects->size(), 1u);
  const auto& replies = (*objects)[0]["replies"];
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

TEST_F(app_corpus, messaging_queries) {
  const auto conversations = SOONG_CORPUS_MANY(conversations_of_user, 1);
  ASSERT_EQ(conversations.size(), 2u);
  EXPECT_FALSE(conversations[0].title);  // conversation 2, newest message
  EXPECT_FALSE(conversations[0].last_sender);
  EXPECT_EQ(SOONG_CORPUS_MANY(unread_counts).size(), 5u);
  const auto silent_member = SOONG_CORPUS_MANY(conversations_of_user, 4);
  ASSERT_EQ(silent_member.size(), 1u);
  EXPECT_FALSE(silent_member[0].last_body);
  const auto messages = SOONG_CORPUS_MANY(conversation_messages, 1);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_FALSE(messages[0].attachment_url);
  EXPECT_TRUE(messages[1].edited);
  EXPECT_FALSE(SOONG_CORPUS_MANY(conversation_messages, 2).at(0).sender_handle);
  EXPECT_EQ(SOONG_CORPUS_MANY(conversation_messages_page, {.conversation_id = 1, .page_size = 1})
                .at(0)
                .id,
            2);
  EXPECT_EQ(SOONG_CORPUS_MANY(conversation_messages_page,
                              {.conversation_id = 1, .before_id = 2, .page_size = 5})
                .size(),
            1u);
  const auto object = SOONG_CORPUS_ONE(conversation_object, 1);
  ASSERT_TRUE(object);
  EXPECT_EQ((*object)["members"].size(), 2u);
  EXPECT_EQ((*object)["messages"].size(), 2u);
  const auto empty = SOONG_CORPUS_ONE(conversation_object, 3);
  ASSERT_TRUE(empty);
  EXPECT_TRUE((*empty)["messages"].empty());
  ASSERT_TRUE(SOONG_CORPUS_ONE(conversation_object, 2));
  const auto titles = SOONG_CORPUS_MANY(conversation_titles);
  ASSERT_EQ(titles.size(), 4u);
  EXPECT_EQ(titles[1].display_title, "ada, cy");
  EXPECT_FALSE(titles[3].display_title);  // no title and no members
  const auto empty_ones = SOONG_CORPUS_MANY(empty_conversations);
  ASSERT_EQ(empty_ones.size(), 2u);
  EXPECT_FALSE(empty_ones[1].title);
  const auto stats = SOONG_CORPUS_MANY(conversation_stats);
  ASSERT_EQ(stats.size(), 4u);
  EXPECT_EQ(stats[0].attachments, 1);
  EXPECT_FALSE(stats[2].first_sent_at);
  EXPECT_EQ(stats[1].senders, 0);
  EXPECT_EQ(SOONG_CORPUS_MANY(messages_from_gone_senders).size(), 1u);
  const auto found = SOONG_CORPUS_MANY(search_messages, "TEAM");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].snippet, "hi team");
  EXPECT_EQ(SOONG_CORPUS_MANY(members_without_messages).size(), 3u);
  const auto lag = SOONG_CORPUS_MANY(last_read_lag);
  ASSERT_EQ(lag.size(), 5u);
  EXPECT_FALSE(lag[1].behind_by);
  EXPECT_EQ(SOONG_CORPUS_MANY(message_day_buckets).size(), 2u);

  EXPECT_EQ(db::mark_conversation_read(conn, {.conversation_id = 1, .user_id = 2}), 1);
  const auto sent = db::send_message(conn, {.conversation_id = 3, .body = "first"});
  ASSERT_TRUE(sent);
  EXPECT_FALSE(sent->edited_at);
  EXPECT_TRUE(db::send_message_json(
      conn, {.conversation_id = 3, .sender_id = 4, .body = "second", .attachment_url = "a.png"}));
  const auto edited = db::edit_message(conn, {.id = 1, .body = "hi all", .sender_id = 1});
  ASSERT_TRUE(edited);
  EXPECT_FALSE(edited->attachment_url);
  EXPECT_FALSE(db::edit_message(conn, {.id = 3, .body = "x", .sender_id = 1}));
  const auto deleted = db::delete_message(conn, 3);
  ASSERT_TRUE(deleted);
  EXPECT_FALSE(deleted->sender_id);
  EXPECT_FALSE(db::delete_message_json(conn, 3));
  const std::vector<db::add_conversation_members_params> members = {
      {.conversation_id = 3, .user_id = 1}, {.conversation_id = 3, .user_id = 1}};
  db::add_conversation_members(conn, members);
  const auto started =
      db::start_conversation(conn, {.title = std::nullopt, .first_user = 2, .second_user = 4});
  ASSERT_TRUE(started);
  EXPECT_FALSE(started->title);
  EXPECT_EQ(started->members, 2);
  EXPECT_TRUE(db::start_conversation_json(conn, {.title = "t", .first_user = 1, .second_user = 3}));
}

TEST_F(app_corpus, moderation_queries) {
  const auto open = SOONG_CORPUS_MANY(open_reports);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_FALSE(open[0].author_handle);
  const auto with_resolver = SOONG_CORPUS_MANY(reports_with_resolver);
  ASSERT_EQ(with_resolver.size(), 2u);
  EXPECT_EQ(with_resolver[0].state, "pending");
  EXPECT_FALSE(with_resolver[0].resolver_handle);
  EXPECT_EQ(SOONG_CORPUS_MANY(resolved_reports).size(), 1u);
  const auto per_activity = SOONG_CORPUS_MANY(report_counts_per_activity);
  ASSERT_EQ(per_activity.size(), 5u);
  EXPECT_FALSE(per_activity[0].has_open);  // no reports: bool_or over a NULL-extended row
  EXPECT_TRUE(per_activity[2].has_open);
  const auto timeline = SOONG_CORPUS_MANY(admin_timeline);
  ASSERT_EQ(timeline.size(), 11u);
  EXPECT_FALSE(timeline.back().at);
  EXPECT_EQ(SOONG_CORPUS_MANY(search_everything, "d").size(), 3u);  // ada, dee, unused
  const auto cloud = SOONG_CORPUS_MANY(tag_cloud);
  ASSERT_EQ(cloud.size(), 3u);
  EXPECT_FALSE(cloud[1].description);
  EXPECT_EQ(cloud[2].uses, 0);
  EXPECT_EQ(SOONG_CORPUS_MANY(words_in_messages).size(), 5u);
  EXPECT_EQ(SOONG_CORPUS_MANY(activity_with_optional_tag, std::nullopt).size(), 5u);
  EXPECT_EQ(SOONG_CORPUS_MANY(activity_with_optional_tag, "cpp").size(), 1u);
  const auto full = SOONG_CORPUS_MANY(users_and_settings_full);
  ASSERT_EQ(full.size(), 4u);
  EXPECT_FALSE(full[1].settings_user_id);
  EXPECT_FALSE(full[3].user_id);  // cy is suspended
  const auto to_review = SOONG_CORPUS_MANY(accounts_to_review);
  ASSERT_EQ(to_review.size(), 3u);
  EXPECT_EQ(to_review[2].handle, "dee");
  EXPECT_FALSE(to_review[2].activity_id);
  EXPECT_EQ(SOONG_CORPUS_MANY(expiring_soon, at(2029, 12, 28)).size(), 1u);
  const auto ages = SOONG_CORPUS_MANY(report_age, at(2024, 3, 10));
  ASSERT_EQ(ages.size(), 2u);
  EXPECT_EQ(ages[0].last_touched, at(2024, 3, 2, 9));
  EXPECT_EQ(SOONG_CORPUS_MANY(user_counts_by_domain).at(0).handles, "ada,bob,cy,dee");
  const auto reporters = SOONG_CORPUS_MANY(reporter_stats);
  ASSERT_EQ(reporters.size(), 2u);
  EXPECT_FALSE(reporters[1].last_resolved);
  EXPECT_EQ(db::delete_resolved_reports(conn, at(2025, 1, 1)), 1);
}

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
  ASSERT_TRUE(badge);
  EXPECT_EQ(badge->unread, 0);
  EXPECT_FALSE(badge->newest);
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

TEST_F(app_corpus, report_queries) {
  const auto rollup = SOONG_CORPUS_MANY(posts_per_user_rollup);
  ASSERT_EQ(rollup.size(), 7u);
  EXPECT_FALSE(rollup.back().status);
  EXPECT_EQ(rollup.back().posts, 4);
  if (listed_unsound("VisibilityCube")) {
    EXPECT_THROW(static_cast<void>(db::visibility_cube(conn)), soong::unexpected_null);
  } else {
    EXPECT_EQ(SOONG_CORPUS_MANY(visibility_cube).size(), 10u);
  }
  const auto sets = SOONG_CORPUS_MANY(stats_grouping_sets);
  ASSERT_EQ(sets.size(), 7u);
  EXPECT_TRUE(sets.back().all_days && sets.back().all_users);
  EXPECT_EQ(SOONG_CORPUS_MANY(stats_rollup_labels).back().day_label, "all days");
  const auto running = SOONG_CORPUS_MANY(running_post_totals);
  ASSERT_EQ(running.size(), 4u);
  EXPECT_FALSE(running[0].previous_posts);
  EXPECT_EQ(running[1].running_posts, std::optional<std::int64_t>(1));
  const auto ranking = SOONG_CORPUS_MANY(likes_ranking);
  ASSERT_EQ(ranking.size(), 5u);
  EXPECT_EQ(ranking[4].rnk, 3);
  EXPECT_EQ(ranking[4].leader, std::optional<std::int64_t>(1));
  const auto moving = SOONG_CORPUS_MANY(minutes_moving_average);
  ASSERT_EQ(moving.size(), 4u);
  EXPECT_FALSE(moving[2].best);  // bob never has minutes
  const auto calendar =
      SOONG_CORPUS_MANY(daily_calendar, {.from_day = day(2024, 2, 29), .to_day = day(2024, 3, 4)});
  ASSERT_EQ(calendar.size(), 5u);
  EXPECT_EQ(calendar[0].posts, 0);
  EXPECT_EQ(calendar[1].active_users, 2);
  EXPECT_EQ(value_of(SOONG_CORPUS_MANY(signups_per_month).back().cumulative).str(), "4");
  EXPECT_EQ(SOONG_CORPUS_MANY(top_poster_per_day).size(), 3u);
  const auto share = SOONG_CORPUS_MANY(activity_share_of_user);
  ASSERT_EQ(share.size(), 5u);
  EXPECT_FALSE(share[2].user_id);
  EXPECT_FALSE(share[4].share);  // cy's only activity has no likes
  const auto totals = SOONG_CORPUS_ONE(stats_totals);
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->days_without_minutes, 1);
  EXPECT_EQ(totals->last_day, std::optional<soong::date>(day(2024, 3, 3)));
  EXPECT_EQ(SOONG_CORPUS_MANY(stats_per_user_having, 1).size(), 3u);
  const auto day_over_day = SOONG_CORPUS_MANY(day_over_day);
  ASSERT_EQ(day_over_day.size(), 4u);
  EXPECT_EQ(day_over_day[2].change, std::optional<std::int32_t>(-1));
  EXPECT_FALSE(day_over_day[0].posts_day_before);
  EXPECT_FALSE(SOONG_CORPUS_MANY(weekday_activity).empty());
  const auto kinds = SOONG_CORPUS_MANY(notification_kinds_per_user);
  ASSERT_EQ(kinds.size(), 5u);
  EXPECT_FALSE(kinds[3].kind);  // cy has none
  const auto percentiles = SOONG_CORPUS_ONE(percentiles_of_likes);
  ASSERT_TRUE(percentiles);
  EXPECT_EQ(percentiles->median_likes, std::optional<double>(0.0));
  EXPECT_EQ(value_of(SOONG_CORPUS_MANY(stats_per_day_with_rank).at(0).grand_total).str(), "3");
  EXPECT_EQ(SOONG_CORPUS_MANY(cume_dist_of_minutes).size(), 4u);
  const auto hours = SOONG_CORPUS_MANY(hour_histogram);
  ASSERT_EQ(hours.size(), 24u);
  EXPECT_EQ(hours[9].activities, 3);
}

TEST_F(app_corpus, write_queries_and_every_command) {
  const auto created = db::create_user(
      conn, {.handle = "eve", .email = "eve@example.com", .display_name = std::nullopt});
  ASSERT_TRUE(created);
  EXPECT_FALSE(created->display_name);
  EXPECT_FALSE(created->last_login_at);
  EXPECT_EQ(created->status, db::account_status::active);
  const auto activity = db::create_activity(conn, {.handle = "nobody", .message = "lost"});
  ASSERT_TRUE(activity);
  EXPECT_FALSE(activity->user_id);
  EXPECT_TRUE(db::create_activity_json(
      conn, {.handle = "eve", .message = "hi", .expires_at = at(2031, 1, 1)}));
  const auto reply = db::create_reply(conn, {.user_id = 2, .message = "re", .reply_to_id = 1});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->parent_replies, std::optional<std::int32_t>(3));
  const auto top_level = db::create_reply(conn, {.user_id = std::nullopt, .message = "top"});
  ASSERT_TRUE(top_level);
  EXPECT_FALSE(top_level->parent_replies);
  const auto like = db::like_activity(conn, {.user_id = 4, .activity_id = 3});
  ASSERT_TRUE(like);
  EXPECT_TRUE(like->inserted);
  EXPECT_EQ(like->likes_count, std::optional<std::int32_t>(1));
  const auto again = db::like_activity(conn, {.user_id = 4, .activity_id = 3});
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->inserted);
  EXPECT_FALSE(again->likes_count);
  EXPECT_EQ(db::unlike_activity(conn, {.user_id = 4, .activity_id = 3}), 1);

  const auto settings =
      db::upsert_settings(conn, {.user_id = 4, .theme = "dark", .timezone = std::nullopt});
  ASSERT_TRUE(settings);
  EXPECT_EQ(settings->inserted, std::optional<bool>(true));
  EXPECT_FALSE(settings->timezone);
  const auto updated = db::upsert_settings(
      conn, {.user_id = 1, .theme = "light", .preferences = nlohmann::json{{"lang", "fr"}}});
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->inserted, std::optional<bool>(false));
  EXPECT_EQ(updated->timezone, "Europe/London");
  const auto stats = db::upsert_daily_stats(conn, {.day = day(2024, 3, 1), .user_id = 2});
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->posts, 2);
  EXPECT_EQ(stats->minutes_active->str(), "0.00");
  const auto fresh = db::upsert_daily_stats(conn, {.day = day(2024, 3, 9), .user_id = 2});
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(fresh->minutes_active);
  const auto tag = db::upsert_tag(conn, {.name = "cpp", .description = std::nullopt});
  ASSERT_TRUE(tag);
  EXPECT_FALSE(tag->description);
  EXPECT_TRUE(db::upsert_tag_json(conn, {.name = "new", .description = "d"}));
  const auto follow = db::follow_2(conn, {.follower_id = 4, .followee_id = 1});
  ASSERT_TRUE(follow);
  EXPECT_FALSE(follow->muted);
  EXPECT_EQ(db::follow_2(conn, {.follower_id = 4, .followee_id = 1})->muted, false);
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
  EXPECT_EQ(db::unread_badge(conn, 4)->unread, 2);
  const std::vector<db::create_tags_params> tags = {{.name = "t1"},
                                                    {.name = "t2", .description = "two"}};
  const auto created_tags = db::create_tags(conn, tags);
  ASSERT_EQ(created_tags.size(), 2u);
  ASSERT_TRUE(created_tags[0]);
  EXPECT_FALSE(created_tags[0]->description);
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
