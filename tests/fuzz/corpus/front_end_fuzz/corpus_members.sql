-- Plain reads of one table: NOT NULL columns stay non-optional, nullable ones are optional.

-- name: GetMember :one
SELECT * FROM members WHERE id = $1;

-- name: ListMembers :many
SELECT id, email, display_name, joined_at, last_seen FROM members ORDER BY id;

-- name: GetMemberByEmail :one
SELECT id, email FROM members WHERE email = @email;

-- name: MemberHome :one
SELECT home, (home).city AS city FROM members WHERE id = $1;

-- name: MemberTags :one
SELECT tags, nicknames, array_length(tags, 1) AS tag_count FROM members WHERE id = $1;

-- name: MemberPrefs :one
SELECT prefs, profile, prefs ->> 'theme' AS theme, profile -> 'bio' AS bio FROM members WHERE id = $1;

-- name: MemberKarma :one
SELECT karma, balance, balance * 2 AS double_balance FROM members WHERE id = $1;

-- name: DisplayNameOrEmail :many
SELECT id, coalesce(display_name, email::text) AS label FROM members ORDER BY id;

-- name: MembersSeenSince :many
SELECT id FROM members WHERE (sqlc.narg(since)::timestamptz IS NULL OR last_seen >= sqlc.narg(since)) ORDER BY id;

-- name: MembersWithTag :many
SELECT id, email FROM members WHERE @tag::text = ANY(tags) ORDER BY id;

-- name: MembersByIds :many
SELECT id, display_name FROM members WHERE id = ANY(@ids::bigint[]) ORDER BY id;

-- name: MemberNameOverride :one
SELECT display_name AS "display_name!", email AS "email?" FROM members WHERE id = 1;

-- name: MemberFlags :one
SELECT display_name IS NULL AS no_name, EXISTS (SELECT 1 FROM posts WHERE author_id = m.id) AS has_posts,
       last_seen IS DISTINCT FROM joined_at AS seen_differs
FROM members m WHERE id = $1;

-- name: MemberCase :many
SELECT id,
       CASE WHEN karma > 5 THEN 'high' WHEN karma IS NOT NULL THEN 'low' ELSE 'none' END AS karma_band,
       CASE WHEN karma > 5 THEN 'high' END AS maybe_band
FROM members ORDER BY id;

-- name: MemberStrictFunctions :many
SELECT id, lower(email::text) AS lower_email, upper(display_name) AS upper_name,
       length(email::text) + 1 AS email_len
FROM members ORDER BY id;
