-- name: UserActivities :many
-- A user's activities by handle, newest first.
SELECT
  activities.uuid,
  users.display_name,
  users.handle,
  activities.message,
  activities.created_at,
  activities.expires_at
FROM public.activities
JOIN public.users ON users.uuid = activities.user_uuid
WHERE users.handle = @handle
ORDER BY activities.created_at DESC;
