// The app corpus, live: direct messages (queries/messaging.sql) against the seeded database.
// Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "messaging.sql.hpp"

namespace app_corpus_live {
namespace {

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
  EXPECT_FALSE(sent.edited_at);
  EXPECT_FALSE(
      db::send_message_json(
          conn, {.conversation_id = 3, .sender_id = 4, .body = "second", .attachment_url = "a.png"})
          .empty());
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

}  // namespace
}  // namespace app_corpus_live
