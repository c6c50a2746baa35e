-- The activity feed: outer joins to authors that may be gone, reply threads, nested JSON
-- objects built by PostgreSQL, visibility rules and pagination.

-- name: HomeFeed :many
SELECT a.uuid, u.display_name, u.handle, a.message, a.replies_count, a.reposts_count,
       a.likes_count, r.uuid AS reply_to_uuid, a.expires_at, a.created_at
FROM activities a
LEFT JOIN users u ON u.id = a.user_id
LEFT JOIN activities r ON r.id = a.reply_to_id
WHERE a.visibility = 'public'
ORDER BY a.created_at DESC
LIMIT 20;

-- name: HomeFeedObjects :one
-- The whole feed as one JSON array of activity objects with their replies nested inside.
SELECT coalesce(array_to_json(array_agg(row_to_json(feed_row))), '[]'::json) AS feed
FROM (
  SELECT a.uuid, u.display_name, u.handle, a.message, a.created_at,
         (SELECT coalesce(array_to_json(array_agg(row_to_json(reply_row))), '[]'::json)
          FROM (SELECT r.uuid, ru.handle, r.message, r.created_at
                FROM activities r
                LEFT JOIN users ru ON ru.id = r.user_id
                WHERE r.reply_to_id = a.id
                ORDER BY r.created_at) reply_row) AS replies
  FROM activities a
  LEFT JOIN users u ON u.id = a.user_id
  WHERE a.visibility = 'public' AND a.reply_to_id IS NULL
  ORDER BY a.created_at DESC
) feed_row;

-- name: ActivityObject :one
SELECT a.uuid, u.display_name, u.handle, a.message, a.created_at, a.expires_at
FROM activities a
JOIN users u ON u.id = a.user_id
WHERE a.uuid = $1;

-- name: ActivityWithReplies :one
SELECT a.id, a.message,
       (SELECT json_agg(json_build_object('id', r.id, 'message', r.message) ORDER BY r.id)
        FROM activities r WHERE r.reply_to_id = a.id) AS replies,
       (SELECT count(*) FROM activities r WHERE r.reply_to_id = a.id) AS reply_count
FROM activities a
WHERE a.id = $1;

-- name: UserActivities :many
SELECT a.uuid, u.display_name, u.handle, a.message, a.created_at, a.expires_at
FROM activities a
JOIN users u ON u.id = a.user_id
WHERE u.handle = $1
ORDER BY a.created_at DESC;

-- name: FeedForViewer :many
-- Public activities plus followers-only ones from people the viewer follows.
SELECT a.id, a.message, a.visibility, u.handle
FROM activities a
LEFT JOIN users u ON u.id = a.user_id
WHERE a.visibility = 'public'
   OR (a.visibility = 'followers'
       AND EXISTS (SELECT 1 FROM follows f
                   WHERE f.follower_id = @viewer_id AND f.followee_id = a.user_id))
ORDER BY a.id;

-- name: FeedPage :many
-- Keyset pagination on (created_at, id); a NULL cursor starts at the newest.
SELECT a.id, a.message, a.created_at, u.handle
FROM activities a
LEFT JOIN users u ON u.id = a.user_id
WHERE (sqlc.narg(before_created_at)::timestamptz IS NULL
       OR (a.created_at, a.id) < (sqlc.narg(before_created_at), sqlc.narg(before_id)::bigint))
ORDER BY a.created_at DESC, a.id DESC
LIMIT sqlc.arg(page_size);

-- name: PublicFeedView :many
SELECT id, uuid, message, likes_count, created_at, expires_at, handle, display_name
FROM public_feed
ORDER BY created_at DESC;

-- name: PublicFeedByHandle :many
SELECT id, message, handle FROM public_feed WHERE handle = $1 ORDER BY id;

-- name: ActivityThread :many
-- The reply chain upwards from one activity, root last.
WITH RECURSIVE chain AS (
  SELECT id, reply_to_id, message, user_id, 0 AS depth FROM activities WHERE id = $1
  UNION ALL
  SELECT p.id, p.reply_to_id, p.message, p.user_id, c.depth + 1
  FROM activities p JOIN chain c ON p.id = c.reply_to_id
)
SELECT c.id, c.reply_to_id, c.message, c.depth, u.handle
FROM chain c
LEFT JOIN users u ON u.id = c.user_id
ORDER BY c.depth;

-- name: ActivitiesWithTagNames :many
SELECT a.id, a.message,
       array_remove(array_agg(t.name ORDER BY t.name), NULL) AS tag_names,
       string_agg(t.name, ', ' ORDER BY t.name) AS tag_list
FROM activities a
LEFT JOIN activity_tags at ON at.activity_id = a.id
LEFT JOIN tags t ON t.id = at.tag_id
GROUP BY a.id
ORDER BY a.id;

-- name: ActivitiesTaggedWith :many
SELECT a.id, a.message
FROM activities a
WHERE EXISTS (SELECT 1 FROM activity_tags at JOIN tags t ON t.id = at.tag_id
              WHERE at.activity_id = a.id AND t.name = $1)
ORDER BY a.id;

-- name: UntaggedActivities :many
SELECT a.id, a.message
FROM activities a
WHERE NOT EXISTS (SELECT 1 FROM activity_tags at WHERE at.activity_id = a.id)
ORDER BY a.id;

-- name: ActiveActivities :many
-- Not expired at the given moment; a NULL expiry never expires.
SELECT id, message, expires_at,
       coalesce(expires_at > $1, true) AS visible_now,
       expires_at - $1 AS time_left
FROM activities
WHERE expires_at IS NULL OR expires_at > $1
ORDER BY id;

-- name: ActivityLikers :many
SELECT a.id AS activity_id, u.handle AS liker, l.created_at AS liked_at
FROM activities a
LEFT JOIN likes l ON l.activity_id = a.id
LEFT JOIN users u ON u.id = l.user_id
ORDER BY a.id, u.handle;

-- name: LatestReplyPerActivity :many
SELECT a.id, a.message, latest.id AS reply_id, latest.message AS reply_message
FROM activities a
LEFT JOIN LATERAL (
  SELECT r.id, r.message FROM activities r WHERE r.reply_to_id = a.id
  ORDER BY r.created_at DESC LIMIT 1
) latest ON true
ORDER BY a.id;

-- name: TopLikedPerAuthor :many
SELECT u.handle, top.id, top.message, top.likes_count
FROM users u
CROSS JOIN LATERAL (
  SELECT a.id, a.message, a.likes_count FROM activities a WHERE a.user_id = u.id
  ORDER BY a.likes_count DESC, a.id LIMIT 1
) top
ORDER BY u.id;

-- name: ActivitySnippets :many
SELECT id,
       CASE WHEN length(message) > 10 THEN left(message, 10) || '…' ELSE message END AS snippet,
       position('world' IN message) AS world_at,
       replace(message, ' ', '_') AS slug,
       regexp_replace(lower(message), '[^a-z]+', '-', 'g') AS kebab
FROM activities
ORDER BY id;

-- name: ActivityAuthorCard :one
SELECT a.id,
       json_build_object('handle', u.handle, 'name', u.display_name) AS author,
       row_to_json(u) AS author_row
FROM activities a
LEFT JOIN users u ON u.id = a.user_id
WHERE a.id = $1;

-- name: ActivitiesSince :many
SELECT id, created_at FROM activities
WHERE created_at >= coalesce(sqlc.narg(since), created_at)
ORDER BY id;

-- name: RepliesTo :many
SELECT r.id, r.message, p.message AS parent_message
FROM activities r
JOIN activities p ON p.id = r.reply_to_id
ORDER BY r.id;
