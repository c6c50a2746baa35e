// The app corpus, live: profiles and account lookups (queries/users.sql) against the seeded
// database. Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "users.sql.hpp"

namespace app_corpus_live {
namespace {

// Precision pins: columns proved non-null stay non-optional (a regression to std::optional
// would not compile); nullable ones stay optional.
static_assert(!is_optional<decltype(db::user_profile_row::activity_count)>);
static_assert(!is_optional<decltype(db::user_settings_or_defaults_row::timezone)>);
static_assert(!is_optional<decltype(db::get_user_by_cognito_id_row::cognito_user_id)>);

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
  // A :one of one nullable column: a row (user 2 exists) whose value is NULL.
  const auto last_login = db::user_last_login(conn, 2);
  ASSERT_TRUE(last_login);
  EXPECT_FALSE(last_login->last_login_at);

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

}  // namespace
}  // namespace app_corpus_live
