-- Reporting: window functions, grouping sets (ROLLUP, CUBE, GROUPING SETS), running totals,
-- calendars from generate_series and period-over-period comparisons.

-- name: PostsPerUserRollup :many
SELECT u.status, u.handle, count(a.id) AS posts, GROUPING(u.status, u.handle) AS level
FROM users u
LEFT JOIN activities a ON a.user_id = u.id
GROUP BY ROLLUP (u.status, u.handle)
ORDER BY u.status NULLS LAST, u.handle NULLS LAST;

-- name: VisibilityCube :many
SELECT a.visibility, (a.reply_to_id IS NOT NULL) AS is_reply, count(*) AS activities,
       sum(a.likes_count) AS likes
FROM activities a
GROUP BY CUBE (a.visibility, (a.reply_to_id IS NOT NULL))
ORDER BY 1 NULLS LAST, 2 NULLS LAST;

-- name: StatsGroupingSets :many
SELECT day, user_id, sum(posts) AS posts, sum(minutes_active) AS minutes,
       GROUPING(day) = 1 AS all_days, GROUPING(user_id) = 1 AS all_users
FROM daily_stats
GROUP BY GROUPING SETS ((day), (user_id), ())
ORDER BY day NULLS LAST, user_id NULLS LAST;

-- name: StatsRollupLabels :many
SELECT coalesce(to_char(day, 'YYYY-MM-DD'), 'all days') AS day_label,
       sum(likes_received) AS likes
FROM daily_stats
GROUP BY ROLLUP (day)
ORDER BY day NULLS LAST;

-- name: RunningPostTotals :many
SELECT user_id, day, posts,
       sum(posts) OVER (PARTITION BY user_id ORDER BY day) AS running_posts,
       lag(posts) OVER (PARTITION BY user_id ORDER BY day) AS previous_posts,
       lead(day) OVER (PARTITION BY user_id ORDER BY day) AS next_day,
       row_number() OVER (PARTITION BY user_id ORDER BY day) AS nth_day
FROM daily_stats
ORDER BY user_id, day;

-- name: LikesRanking :many
SELECT a.id, a.likes_count,
       rank() OVER w AS rnk,
       dense_rank() OVER w AS dense,
       percent_rank() OVER w AS pct,
       ntile(2) OVER w AS half,
       first_value(a.id) OVER w AS leader
FROM activities a
WINDOW w AS (ORDER BY a.likes_count DESC)
ORDER BY a.likes_count DESC, a.id;

-- name: MinutesMovingAverage :many
SELECT user_id, day, minutes_active,
       avg(minutes_active) OVER (PARTITION BY user_id ORDER BY day
                                 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving_avg,
       max(minutes_active) OVER (PARTITION BY user_id) AS best
FROM daily_stats
ORDER BY user_id, day;

-- name: DailyCalendar :many
-- One row per day in the range, zero when nothing was posted.
SELECT d::date AS day, coalesce(sum(s.posts), 0) AS posts, count(s.user_id) AS active_users
FROM generate_series(@from_day::date, @to_day::date, interval '1 day') AS d
LEFT JOIN daily_stats s ON s.day = d::date
GROUP BY d
ORDER BY d;

-- name: SignupsPerMonth :many
SELECT date_trunc('month', created_at) AS month, count(*) AS signups,
       sum(count(*)) OVER (ORDER BY date_trunc('month', created_at)) AS cumulative
FROM users
GROUP BY 1
ORDER BY 1;

-- name: TopPosterPerDay :many
SELECT day, user_id, posts
FROM (
  SELECT day, user_id, posts,
         row_number() OVER (PARTITION BY day ORDER BY posts DESC, user_id) AS rn
  FROM daily_stats
) ranked
WHERE rn = 1
ORDER BY day;

-- name: ActivityShareOfUser :many
SELECT a.user_id, a.id,
       a.likes_count::numeric / nullif(sum(a.likes_count) OVER (PARTITION BY a.user_id), 0) AS share
FROM activities a
ORDER BY a.id;

-- name: StatsTotals :one
SELECT count(*) AS rows, sum(posts) AS posts, avg(minutes_active) AS avg_minutes,
       max(day) AS last_day, min(day) AS first_day,
       count(*) FILTER (WHERE minutes_active IS NULL) AS days_without_minutes
FROM daily_stats;

-- name: StatsPerUserHaving :many
SELECT user_id, sum(posts) AS posts, avg(minutes_active) AS avg_minutes,
       bool_and(posts > 0) AS posted_every_day
FROM daily_stats
GROUP BY user_id
HAVING sum(posts) >= $1
ORDER BY user_id;

-- name: DayOverDay :many
SELECT cur.day, cur.user_id, cur.posts, prev.posts AS posts_day_before,
       cur.posts - prev.posts AS change
FROM daily_stats cur
LEFT JOIN daily_stats prev ON prev.user_id = cur.user_id AND prev.day = cur.day - 1
ORDER BY cur.day, cur.user_id;

-- name: WeekdayActivity :many
SELECT extract(isodow FROM created_at)::int AS weekday, count(*) AS activities
FROM activities
GROUP BY 1
ORDER BY 1;

-- name: NotificationKindsPerUser :many
SELECT u.handle, n.kind, count(n.id) AS notifications
FROM users u
LEFT JOIN notifications n ON n.user_id = u.id
GROUP BY u.handle, n.kind
ORDER BY u.handle, n.kind NULLS LAST;

-- name: PercentilesOfLikes :one
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY likes_count) AS median_likes,
       mode() WITHIN GROUP (ORDER BY visibility) AS common_visibility
FROM activities;

-- name: StatsPerDayWithRank :many
SELECT day, sum(posts) AS posts,
       rank() OVER (ORDER BY sum(posts) DESC) AS rnk,
       sum(sum(posts)) OVER () AS grand_total
FROM daily_stats
GROUP BY day
ORDER BY day;

-- name: CumeDistOfMinutes :many
SELECT user_id, day, cume_dist() OVER (ORDER BY minutes_active NULLS FIRST) AS cume,
       nth_value(minutes_active, 2) OVER (ORDER BY day ROWS BETWEEN UNBOUNDED PRECEDING
                                          AND UNBOUNDED FOLLOWING) AS second_minutes
FROM daily_stats
ORDER BY user_id, day;

-- name: HourHistogram :many
SELECT h AS hour, count(a.id) AS activities
FROM generate_series(0, 23) AS h
LEFT JOIN activities a ON extract(hour FROM a.created_at AT TIME ZONE 'UTC') = h
GROUP BY h
ORDER BY h;
