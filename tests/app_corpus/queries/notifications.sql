-- Notifications: actors and activities that may be gone, CASE-built texts, unread badges and
-- marking as read.

-- name: NotificationsOfUser :many
SELECT n.id, n.kind, n.created_at, n.read_at,
       actor.handle AS actor_handle, a.message AS activity_message
FROM notifications n
LEFT JOIN users actor ON actor.id = n.actor_id
LEFT JOIN activities a ON a.id = n.activity_id
WHERE n.user_id = $1
ORDER BY n.created_at DESC;

-- name: NotificationTexts :many
SELECT n.id,
       CASE n.kind
         WHEN 'like' THEN coalesce(actor.handle, 'someone') || ' liked your post'
         WHEN 'reply' THEN coalesce(actor.handle, 'someone') || ' replied'
         WHEN 'follow' THEN coalesce(actor.handle, 'someone') || ' followed you'
         ELSE 'you were mentioned'
       END AS text,
       CASE WHEN n.read_at IS NULL THEN 'unread' END AS badge
FROM notifications n
LEFT JOIN users actor ON actor.id = n.actor_id
ORDER BY n.id;

-- name: UnreadBadge :one
SELECT count(*) AS unread, max(created_at) AS newest
FROM notifications
WHERE user_id = $1 AND read_at IS NULL;

-- name: UnreadPerUser :many
SELECT u.id, u.handle,
       count(n.id) FILTER (WHERE n.read_at IS NULL) AS unread,
       max(n.created_at) AS newest
FROM users u
LEFT JOIN notifications n ON n.user_id = u.id
GROUP BY u.id, u.handle
ORDER BY u.id;

-- name: NotificationObjects :many
-- Each notification with its actor and activity as nested JSON objects (NULL when gone).
SELECT n.id, n.kind,
       (SELECT row_to_json(actor_row)
        FROM (SELECT u.handle, u.display_name, u.avatar_url FROM users u WHERE u.id = n.actor_id) actor_row)
         AS actor,
       (SELECT row_to_json(activity_row)
        FROM (SELECT a.uuid, a.message FROM activities a WHERE a.id = n.activity_id) activity_row)
         AS activity
FROM notifications n
ORDER BY n.id;

-- name: MarkNotificationsRead :execrows
UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL;

-- name: MarkOneRead :one
UPDATE notifications SET read_at = coalesce(read_at, now())
WHERE id = $1
RETURNING id, read_at, actor_id;

-- name: DeleteNotification :one
DELETE FROM notifications WHERE id = $1 AND user_id = $2
RETURNING id, kind, activity_id;

-- name: NotificationsOfKinds :many
SELECT id, kind FROM notifications WHERE kind = ANY(@kinds::notification_kind[]) ORDER BY id;

-- name: NotificationsByOptionalKind :many
SELECT id, kind, user_id
FROM notifications
WHERE kind = coalesce(sqlc.narg(kind), kind)
  AND user_id = coalesce(sqlc.narg(user_id), user_id)
ORDER BY id;

-- name: NotifyFollowers :execrows
-- One notification for each follower of the author of an activity.
INSERT INTO notifications (user_id, kind, actor_id, activity_id)
SELECT f.follower_id, 'mention', a.user_id, a.id
FROM activities a
JOIN follows f ON f.followee_id = a.user_id
WHERE a.id = $1;

-- name: NotificationAges :many
SELECT id,
       age(read_at, created_at) AS time_to_read,
       (read_at - created_at) > interval '1 hour' AS slow,
       date_trunc('hour', created_at) AS hour
FROM notifications
ORDER BY id;

-- name: NotificationKindCounts :many
SELECT k.kind, count(n.id) AS notifications
FROM unnest(enum_range(NULL::notification_kind)) AS k (kind)
LEFT JOIN notifications n ON n.kind = k.kind
GROUP BY k.kind
ORDER BY k.kind;

-- name: LatestNotificationPerUser :many
SELECT DISTINCT ON (n.user_id) n.user_id, n.id, n.kind, n.created_at
FROM notifications n
ORDER BY n.user_id, n.created_at DESC;
