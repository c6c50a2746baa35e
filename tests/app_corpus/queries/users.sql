-- Profiles and account lookups: optional filters, settings joined in, profile objects built by
-- PostgreSQL.

-- name: GetUserByHandle :one
SELECT id, uuid, handle, display_name, bio, avatar_url, status, created_at
FROM users
WHERE handle = $1;

-- name: GetUserByCognitoId :one
SELECT * FROM users WHERE cognito_user_id = @cognito_user_id;

-- name: GetUserByUuid :one
SELECT id, handle, display_name FROM users WHERE uuid = $1;

-- name: UserProfile :one
-- The profile page: the user, counts, and whether the viewer follows them.
SELECT u.handle,
       coalesce(u.display_name, u.handle) AS name,
       u.bio,
       u.avatar_url,
       (SELECT count(*) FROM activities a WHERE a.user_id = u.id) AS activity_count,
       (SELECT count(*) FROM follows f WHERE f.followee_id = u.id) AS followers,
       (SELECT count(*) FROM follows f WHERE f.follower_id = u.id) AS following,
       EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = @viewer_id AND f.followee_id = u.id)
         AS viewer_follows
FROM users u
WHERE u.handle = @handle;

-- name: UserProfileObject :one
-- The profile and its activities as one JSON document, the way the API returns it.
SELECT
  (SELECT coalesce(row_to_json(object_row), '{}'::json) FROM (
     SELECT users.uuid, users.handle, users.display_name, users.bio,
            (SELECT count(true) FROM activities WHERE activities.user_id = users.id)
              AS activities_count
   ) object_row) AS profile,
  (SELECT coalesce(array_to_json(array_agg(row_to_json(array_row))), '[]'::json) FROM (
     SELECT activities.uuid, activities.message, activities.created_at, activities.expires_at
     FROM activities
     WHERE activities.user_id = users.id
     ORDER BY activities.created_at DESC
   ) array_row) AS activities
FROM users
WHERE users.handle = $1;

-- name: UserWithSettings :one
SELECT u.id, u.handle, s.theme, s.email_digest, s.timezone, s.preferences
FROM users u
LEFT JOIN user_settings s ON s.user_id = u.id
WHERE u.id = $1;

-- name: UserSettingsOrDefaults :one
SELECT u.id,
       coalesce(s.theme, 'light') AS theme,
       coalesce(s.email_digest, true) AS email_digest,
       coalesce(s.timezone, 'UTC') AS timezone,
       coalesce(s.preferences, '{}'::jsonb) AS preferences,
       s.preferences ->> 'lang' AS lang
FROM users u
LEFT JOIN user_settings s ON s.user_id = u.id
WHERE u.id = $1;

-- name: SearchUsers :many
-- Optional filters: a NULL argument leaves that filter out.
SELECT id, handle, display_name, status
FROM users
WHERE (sqlc.narg(status)::account_status IS NULL OR status = sqlc.narg(status))
  AND (sqlc.narg(handle_prefix)::text IS NULL OR handle LIKE sqlc.narg(handle_prefix) || '%')
  AND created_at >= coalesce(sqlc.narg(joined_after)::timestamptz, '-infinity'::timestamptz)
ORDER BY handle;

-- name: UsersPage :many
-- Keyset pagination by id.
SELECT id, handle, display_name
FROM users
WHERE id > $1
ORDER BY id
LIMIT $2;

-- name: UsersOffsetPage :many
SELECT id, handle, count(*) OVER () AS total
FROM users
ORDER BY handle
LIMIT @page_size OFFSET @page_offset;

-- name: UserDisplayNames :many
SELECT id,
       coalesce(display_name, '@' || handle) AS label,
       upper(left(coalesce(display_name, handle), 1)) AS initial,
       length(bio) AS bio_length,
       nullif(trim(bio), '') AS trimmed_bio
FROM users
ORDER BY id;

-- name: UserAges :many
SELECT id,
       birth_date,
       date_part('year', age(DATE '2025-01-01', birth_date))::int AS age_years,
       extract(year FROM created_at)::int AS joined_year,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS joined_day
FROM users
ORDER BY id;

-- name: UsersByStatus :many
SELECT status, count(*) AS users, array_agg(handle ORDER BY handle) AS handles
FROM users
GROUP BY status
ORDER BY status;

-- name: UsersByIds :many
SELECT id, handle FROM users WHERE id = ANY(@ids::bigint[]) ORDER BY id;

-- name: UsersByHandles :many
SELECT u.id, u.handle, wanted.position
FROM unnest(@handles::text[]) WITH ORDINALITY AS wanted (handle, position)
JOIN users u ON u.handle = wanted.handle
ORDER BY wanted.position;

-- name: HandleTaken :one
SELECT EXISTS (SELECT 1 FROM users WHERE lower(handle) = lower($1)) AS taken;

-- name: CountActiveUsers :one
SELECT count(*) FROM users WHERE status = 'active';

-- name: InactiveUsers :many
-- Users who never logged in or not since a cutoff.
SELECT id, handle, last_login_at,
       CASE WHEN last_login_at IS NULL THEN 'never' ELSE 'stale' END AS reason
FROM users
WHERE last_login_at IS NULL OR last_login_at < $1
ORDER BY id;

-- name: UserLastLogin :one
SELECT last_login_at FROM users WHERE id = $1;

-- name: UserEmailDomain :many
SELECT id, split_part(email, '@', 2) AS domain, substring(email FROM '^[^@]+') AS local_part
FROM users
ORDER BY id;

-- name: UsersWithoutSettings :many
SELECT u.id, u.handle
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM user_settings s WHERE s.user_id = u.id)
ORDER BY u.id;

-- name: UserSettingsAnti :many
-- The same set as an anti-join; the settings side is NULL on every row it keeps.
SELECT u.id, u.handle, s.theme
FROM users u
LEFT JOIN user_settings s ON s.user_id = u.id
WHERE s.user_id IS NULL
ORDER BY u.id;
