-- Writes: sign-up, posting, likes and follows with counters kept in data-modifying CTEs, upserts
-- with RETURNING, updates and deletes returning rows, batches and COPY.

-- name: CreateUser :one
INSERT INTO users (handle, email, display_name, cognito_user_id)
VALUES (@handle, @email, @display_name, @cognito_user_id)
RETURNING id, uuid, handle, display_name, status, created_at, last_login_at;

-- name: CreateActivity :one
-- soong:json on
-- Creates an activity for the user with the given handle (NULL user when the handle is unknown).
INSERT INTO activities (user_id, message, expires_at)
VALUES ((SELECT id FROM users WHERE handle = @handle LIMIT 1), @message, @expires_at)
RETURNING uuid, user_id, created_at;

-- name: CreateReply :one
-- Inserts a reply and bumps the parent's counter in one statement.
WITH reply AS (
  INSERT INTO activities (user_id, message, reply_to_id) VALUES ($1, $2, $3)
  RETURNING id, reply_to_id, created_at
), bumped AS (
  UPDATE activities SET replies_count = replies_count + 1
  WHERE id = (SELECT reply_to_id FROM reply)
  RETURNING id, replies_count
)
SELECT reply.id, reply.created_at, bumped.replies_count AS parent_replies
FROM reply
LEFT JOIN bumped ON bumped.id = reply.reply_to_id;

-- name: LikeActivity :one
-- Adds a like once and keeps the counter; `inserted` is false when it was already liked.
WITH new_like AS (
  INSERT INTO likes (user_id, activity_id) VALUES ($1, $2)
  ON CONFLICT DO NOTHING
  RETURNING activity_id
), counted AS (
  UPDATE activities SET likes_count = likes_count + 1
  WHERE id IN (SELECT activity_id FROM new_like)
  RETURNING likes_count
)
SELECT EXISTS (SELECT 1 FROM new_like) AS inserted,
       (SELECT likes_count FROM counted) AS likes_count;

-- name: UnlikeActivity :execrows
WITH gone AS (
  DELETE FROM likes WHERE user_id = $1 AND activity_id = $2 RETURNING activity_id
)
UPDATE activities SET likes_count = likes_count - 1
WHERE id IN (SELECT activity_id FROM gone);

-- name: UpsertSettings :one
INSERT INTO user_settings (user_id, theme, timezone, preferences)
VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id) DO UPDATE
SET theme = excluded.theme,
    timezone = coalesce(excluded.timezone, user_settings.timezone),
    preferences = excluded.preferences
RETURNING user_id, theme, email_digest, timezone, preferences, (xmax = 0) AS inserted;

-- name: UpsertDailyStats :one
INSERT INTO daily_stats (day, user_id, posts, minutes_active)
VALUES ($1, $2, 1, $3)
ON CONFLICT (day, user_id) DO UPDATE
SET posts = daily_stats.posts + 1,
    minutes_active = coalesce(daily_stats.minutes_active, 0) + coalesce(excluded.minutes_active, 0)
RETURNING day, user_id, posts, minutes_active;

-- name: UpsertTag :one
-- soong:json on
INSERT INTO tags (name, description) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET description = coalesce(excluded.description, tags.description)
RETURNING id, name, description;

-- name: Follow :one
INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)
ON CONFLICT (follower_id, followee_id) DO UPDATE SET muted = false
RETURNING follower_id, followee_id, muted, created_at;

-- name: FollowIfMissing :one
INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2)
ON CONFLICT DO NOTHING
RETURNING created_at;

-- name: Unfollow :execrows
DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2;

-- name: MuteFollow :one
UPDATE follows SET muted = sqlc.narg(muted)
WHERE follower_id = @follower_id AND followee_id = @followee_id
RETURNING follower_id, followee_id, muted;

-- name: UpdateProfile :one
UPDATE users
SET bio = @bio, display_name = @display_name
WHERE cognito_user_id = @cognito_user_id
RETURNING handle, display_name, bio, cognito_user_id;

-- name: UpdateProfilePartial :one
-- A NULL argument keeps the current value.
UPDATE users
SET display_name = coalesce(sqlc.narg(display_name), display_name),
    bio = coalesce(sqlc.narg(bio), bio),
    avatar_url = coalesce(sqlc.narg(avatar_url), avatar_url)
WHERE id = @id
RETURNING id, display_name, bio, avatar_url;

-- name: RecordLogin :one
UPDATE users SET last_login_at = $2 WHERE id = $1
RETURNING id, last_login_at, created_at;

-- name: SuspendUser :one
UPDATE users SET status = 'suspended' WHERE handle = $1 AND status = 'active'
RETURNING id, status, display_name;

-- name: DeleteActivity :one
DELETE FROM activities WHERE uuid = $1 AND user_id = $2
RETURNING id, message, user_id, reply_to_id;

-- name: DeleteExpiredActivities :execrows
DELETE FROM activities WHERE expires_at IS NOT NULL AND expires_at < $1;

-- name: PurgeUser :exec
DELETE FROM users WHERE id = $1;

-- name: ArchiveOldNotifications :execresult
DELETE FROM notifications WHERE read_at < $1;

-- name: MoveStatsToUser :many
-- Merges one user's statistics into another's: rows deleted and re-inserted in one statement.
WITH moved AS (
  DELETE FROM daily_stats WHERE user_id = @from_user RETURNING day, posts, likes_received, minutes_active
)
INSERT INTO daily_stats (day, user_id, posts, likes_received, minutes_active)
SELECT day, @to_user, posts, likes_received, minutes_active FROM moved
ON CONFLICT (day, user_id) DO UPDATE
SET posts = daily_stats.posts + excluded.posts,
    likes_received = daily_stats.likes_received + excluded.likes_received,
    minutes_active = daily_stats.minutes_active + excluded.minutes_active
RETURNING day, posts, minutes_active;

-- name: ResolveReport :one
UPDATE moderation_reports r
SET resolved_by = $2, resolved_at = now(), resolution = $3
FROM users moderator
WHERE r.id = $1 AND moderator.id = $2
RETURNING r.id, r.reason, r.resolved_at, r.resolution, moderator.handle AS moderator;

-- name: TagActivity :exec
INSERT INTO activity_tags (activity_id, tag_id)
SELECT @activity_id::bigint, t.id FROM tags t WHERE t.name = ANY(@tag_names::text[])
ON CONFLICT DO NOTHING;

-- name: ImportActivities :copyfrom
INSERT INTO activities (user_id, message, visibility, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5);

-- name: ImportDailyStats :copyfrom
INSERT INTO daily_stats (day, user_id, posts, likes_received, minutes_active)
VALUES ($1, $2, $3, $4, $5);

-- name: CreateNotifications :batchexec
INSERT INTO notifications (user_id, kind, actor_id, activity_id) VALUES ($1, $2, $3, $4);

-- name: CreateTags :batchone
INSERT INTO tags (name, description) VALUES ($1, $2) RETURNING id, description;

-- name: RecentActivitiesOfUsers :batchmany
SELECT a.id, a.message, a.expires_at FROM activities a WHERE a.user_id = $1 ORDER BY a.id;

-- name: BumpRepostCount :execrows
UPDATE activities SET reposts_count = reposts_count + 1 WHERE uuid = $1;

-- name: ClearExpiry :many
UPDATE activities SET expires_at = NULL WHERE expires_at < $1
RETURNING id, expires_at, message;
