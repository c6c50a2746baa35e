// The app corpus, live: moderation and search (queries/moderation.sql) against the seeded database.
// Every generated function of the file is called; a NULL in a non-optional field throws
// soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "moderation.sql.hpp"

namespace app_corpus_live {
namespace {

// Precision pins: columns proved non-null stay non-optional (a regression to std::optional
// would not compile); nullable ones stay optional.
static_assert(!is_optional<decltype(db::report_age_row::last_touched)>);
static_assert(!is_optional<decltype(db::report_counts_per_activity_row::has_open)>);

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

}  // namespace
}  // namespace app_corpus_live
