#include "cruddur/create_activity.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cruddur/home_activities.hpp"
#include "cruddur/user_activities.hpp"
#include "cruddur_database.hpp"

namespace {

using cruddur::api::create_activity;
using cruddur::api::create_activity_request;
using cruddur_test::count_rows;
using cruddur_test::cruddur_database;
using namespace std::chrono_literals;

// A fixed "now" with whole seconds, so the expiry PostgreSQL prints is known exactly.
const soong::local_timestamp fixed_now =
    std::chrono::local_days{std::chrono::year{2030} / 1 / 2} + 3h + 4min + 5s;

std::string repeat(const std::string& piece, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text += piece;
  return text;
}

TEST_F(cruddur_database, a_created_activity_is_returned_and_then_leads_the_feed_and_user_list) {
  const auto result = create_activity(
      conn_, {.handle = "andrewbrown", .message = "Hello from C++", .ttl = "7-days"}, fixed_now);
  ASSERT_EQ(result.status, 200) << result.body;
  const auto object = nlohmann::json::parse(result.body);
  EXPECT_EQ(object["handle"], "andrewbrown");
  EXPECT_EQ(object["display_name"], "Andrew Brown");
  EXPECT_EQ(object["message"], "Hello from C++");
  EXPECT_EQ(object["expires_at"], "2030-01-09T03:04:05");
  const std::string uuid = object["uuid"];
  EXPECT_EQ(count_rows(conn_, "public.activities"), 4);

  const auto feed = nlohmann::json::parse(cruddur::api::home_activities(conn_).body);
  ASSERT_EQ(feed.size(), 4u);
  EXPECT_EQ(feed[0]["uuid"], uuid);
  EXPECT_EQ(feed[0]["message"], "Hello from C++");

  const auto mine = nlohmann::json::parse(cruddur::api::user_activities(conn_, "andrewbrown").body);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0]["uuid"], uuid);
  EXPECT_EQ(mine[1]["message"], "This was imported as seed data!");
}

TEST_F(cruddur_database, every_ttl_sets_its_expiry) {
  const std::vector<std::pair<std::string, std::string>> ttls{
      {"30-days", "2030-02-01T03:04:05"},  {"7-days", "2030-01-09T03:04:05"},
      {"3-days", "2030-01-05T03:04:05"},   {"1-day", "2030-01-03T03:04:05"},
      {"12-hours", "2030-01-02T15:04:05"}, {"3-hours", "2030-01-02T06:04:05"},
      {"1-hour", "2030-01-02T04:04:05"}};
  for (const auto& [ttl, expected] : ttls) {
    const auto result =
        create_activity(conn_, {.handle = "londo", .message = "ttl " + ttl, .ttl = ttl}, fixed_now);
    ASSERT_EQ(result.status, 200) << ttl << ": " << result.body;
    EXPECT_EQ(nlohmann::json::parse(result.body)["expires_at"], expected) << ttl;
  }
}

struct invalid_case {
  const char* what;
  create_activity_request request;
  std::vector<std::string> errors;
};

TEST_F(cruddur_database, each_validation_error_is_named_422_and_inserts_nothing) {
  const std::vector<invalid_case> cases{
      {"empty message", {"andrewbrown", "", "1-day"}, {"message_blank"}},
      {"whitespace message", {"andrewbrown", " \t\n ", "1-day"}, {"message_blank"}},
      {"281 ASCII characters",
       {"andrewbrown", repeat("a", 281), "1-day"},
       {"message_exceed_max_chars"}},
      {"281 three-byte characters",
       {"andrewbrown", repeat("\u20ac", 281), "1-day"},
       {"message_exceed_max_chars"}},
      {"invalid UTF-8", {"andrewbrown", "bad \xC3\x28 byte", "1-day"}, {"message_not_utf8"}},
      {"empty handle", {"", "hi", "1-day"}, {"user_handle_blank"}},
      {"empty ttl", {"andrewbrown", "hi", ""}, {"ttl_blank"}},
      {"unknown ttl", {"andrewbrown", "hi", "2-days"}, {"ttl_unknown"}},
      {"everything wrong",
       {"", "", "forever"},
       {"user_handle_blank", "ttl_unknown", "message_blank"}},
  };
  for (const auto& c : cases) {
    const auto result = create_activity(conn_, c.request, fixed_now);
    EXPECT_EQ(result.status, 422) << c.what;
    EXPECT_EQ(nlohmann::json::parse(result.body), (nlohmann::json{{"errors", c.errors}})) << c.what;
  }
  EXPECT_EQ(count_rows(conn_, "public.activities"), 3);
}

TEST_F(cruddur_database, the_limit_counts_code_points_not_bytes) {
  // 280 four-byte characters are 1120 bytes but exactly at the limit.
  const std::string emoji_280 = repeat("\U0001F600", 280);
  const auto result =
      create_activity(conn_, {.handle = "bayko", .message = emoji_280, .ttl = "1-hour"}, fixed_now);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(nlohmann::json::parse(result.body)["message"], emoji_280);
  EXPECT_EQ(count_rows(conn_, "public.activities"), 4);
}

TEST_F(cruddur_database, an_unknown_handle_is_a_named_error_and_inserts_nothing) {
  const auto result =
      create_activity(conn_, {.handle = "ghost", .message = "boo", .ttl = "1-day"}, fixed_now);
  EXPECT_EQ(result.status, 422);
  EXPECT_EQ(nlohmann::json::parse(result.body),
            (nlohmann::json{{"errors", {"user_handle_unknown"}}}));
  EXPECT_EQ(count_rows(conn_, "public.activities"), 3);
}

TEST(create_activity_request_parsing, reads_fields_and_rejects_non_objects) {
  const auto request = cruddur::api::parse_create_activity_request(
      R"({"handle":"londo","message":"hi","ttl":"1-day","extra":1})");
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->handle, "londo");
  EXPECT_EQ(request->message, "hi");
  EXPECT_EQ(request->ttl, "1-day");
  const auto numbers = cruddur::api::parse_create_activity_request(R"({"message":42})");
  ASSERT_TRUE(numbers.has_value());
  EXPECT_EQ(numbers->message, "");
  EXPECT_FALSE(cruddur::api::parse_create_activity_request("not json").has_value());
  EXPECT_FALSE(cruddur::api::parse_create_activity_request("[1,2]").has_value());
}

TEST(count_code_points, counts_utf8_and_rejects_malformed_text) {
  EXPECT_EQ(cruddur::api::count_code_points("abc"), 3u);
  EXPECT_EQ(cruddur::api::count_code_points("\u00e9\u20ac\U0001F600"), 3u);
  EXPECT_EQ(cruddur::api::count_code_points(""), 0u);
  EXPECT_FALSE(cruddur::api::count_code_points("\xC0\xAF").has_value());      // overlong '/'
  EXPECT_FALSE(cruddur::api::count_code_points("\xED\xA0\x80").has_value());  // surrogate
  EXPECT_FALSE(cruddur::api::count_code_points("\xE2\x82").has_value());      // truncated
}

}  // namespace
