// The app corpus, live: reports with grouping sets and window functions (queries/reports.sql)
// against the seeded database. Every generated function of the file is called; a NULL in a
// non-optional field throws soong::unexpected_null and fails the test.

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app_corpus_live.hpp"
#include "reports.sql.hpp"

namespace app_corpus_live {
namespace {

// Precision pins: columns proved non-null stay non-optional (a regression to std::optional
// would not compile); nullable ones stay optional.
static_assert(is_optional<decltype(db::posts_per_user_rollup_row::handle)>);

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
  EXPECT_EQ(totals.days_without_minutes, 1);
  EXPECT_EQ(totals.last_day, std::optional<soong::date>(day(2024, 3, 3)));
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
  EXPECT_EQ(percentiles.median_likes, std::optional<double>(0.0));
  EXPECT_EQ(value_of(SOONG_CORPUS_MANY(stats_per_day_with_rank).at(0).grand_total).str(), "3");
  EXPECT_EQ(SOONG_CORPUS_MANY(cume_dist_of_minutes).size(), 4u);
  const auto hours = SOONG_CORPUS_MANY(hour_histogram);
  ASSERT_EQ(hours.size(), 24u);
  EXPECT_EQ(hours[9].activities, 3);
}

}  // namespace
}  // namespace app_corpus_live
