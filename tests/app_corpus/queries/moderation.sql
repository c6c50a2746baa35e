-- Moderation and search: reports with reporters and resolvers, admin dashboards with UNION,
-- string search, tag clouds from unnest, and lookups of optional things.

-- name: OpenReports :many
SELECT r.id, r.reason, a.message, author.handle AS author_handle, reporter.handle AS reporter_handle
FROM moderation_reports r
JOIN activities a ON a.id = r.activity_id
LEFT JOIN users author ON author.id = a.user_id
JOIN users reporter ON reporter.id = r.reporter_id
WHERE r.resolved_at IS NULL
ORDER BY r.id;

-- name: ReportsWithResolver :many
SELECT r.id, r.resolution, r.resolved_at, resolver.handle AS resolver_handle,
       coalesce(r.resolution, 'pending') AS state
FROM moderation_reports r
LEFT JOIN users resolver ON resolver.id = r.resolved_by
ORDER BY r.id;

-- name: ResolvedReports :many
SELECT r.id, r.resolved_at, resolver.handle
FROM moderation_reports r
JOIN users resolver ON resolver.id = r.resolved_by
WHERE r.resolved_at IS NOT NULL
ORDER BY r.id;

-- name: ReportCountsPerActivity :many
SELECT a.id, count(r.id) AS reports, count(r.resolved_at) AS resolved,
       bool_or(r.id IS NOT NULL AND r.resolved_at IS NULL) AS has_open
FROM activities a
LEFT JOIN moderation_reports r ON r.activity_id = a.id
GROUP BY a.id
ORDER BY a.id;

-- name: AdminTimeline :many
-- Signups, activities and reports as one timeline.
SELECT 'signup' AS event, u.handle AS subject, u.created_at AS at FROM users u
UNION ALL
SELECT 'activity', a.message, a.created_at FROM activities a
UNION ALL
SELECT 'report', r.reason, r.resolved_at FROM moderation_reports r
ORDER BY at NULLS LAST, event;

-- name: SearchEverything :many
SELECT 'user' AS kind, u.id, u.handle AS label FROM users u WHERE u.handle ILIKE '%' || @term || '%'
UNION
SELECT 'tag', t.id, t.name FROM tags t WHERE t.name ILIKE '%' || @term || '%'
ORDER BY kind, id;

-- name: TagCloud :many
SELECT t.name, t.description, count(at.activity_id) AS uses
FROM tags t
LEFT JOIN activity_tags at ON at.tag_id = t.id
GROUP BY t.id
ORDER BY uses DESC, t.name;

-- name: WordsInMessages :many
SELECT word, count(*) AS uses
FROM activities a, unnest(string_to_array(lower(a.message), ' ')) AS word
GROUP BY word
ORDER BY uses DESC, word
LIMIT 5;

-- name: ActivityWithOptionalTag :many
SELECT a.id, a.message
FROM activities a
WHERE (@tag::text IS NULL OR EXISTS (
        SELECT 1 FROM activity_tags at JOIN tags t ON t.id = at.tag_id
        WHERE at.activity_id = a.id AND t.name = @tag))
ORDER BY a.id;

-- name: UsersAndSettingsFull :many
SELECT u.id AS user_id, s.user_id AS settings_user_id, s.theme
FROM (SELECT id FROM users WHERE status = 'active') u
FULL JOIN (SELECT user_id, theme FROM user_settings WHERE theme = 'dark') s ON s.user_id = u.id
ORDER BY 1 NULLS LAST, 2 NULLS LAST;

-- name: AccountsToReview :many
-- Suspended accounts and accounts that never logged in, with their activities if any.
SELECT u.handle, a.id AS activity_id, a.visibility
FROM users u
LEFT JOIN activities a ON a.user_id = u.id
WHERE u.status = 'suspended' OR u.last_login_at IS NULL
ORDER BY a.id, u.handle;

-- name: ExpiringSoon :many
SELECT id, expires_at, expires_at - $1 AS remaining
FROM activities
WHERE expires_at BETWEEN $1 AND $1 + interval '7 days'
ORDER BY expires_at;

-- name: ReportAge :many
SELECT r.id,
       coalesce(r.resolved_at, @now::timestamptz) - a.created_at AS open_for,
       greatest(r.resolved_at, a.created_at) AS last_touched
FROM moderation_reports r
JOIN activities a ON a.id = r.activity_id
ORDER BY r.id;

-- name: UserCountsByDomain :many
SELECT split_part(email, '@', 2) AS domain, count(*) AS users,
       string_agg(handle, ',' ORDER BY handle) AS handles
FROM users
GROUP BY 1
ORDER BY 1;

-- name: DeleteResolvedReports :execrows
DELETE FROM moderation_reports WHERE resolved_at < $1;

-- name: ReporterStats :many
SELECT reporter.handle,
       count(*) AS reports,
       count(*) FILTER (WHERE r.resolution IS NOT NULL) AS resolved,
       max(r.resolved_at) AS last_resolved
FROM moderation_reports r
JOIN users reporter ON reporter.id = r.reporter_id
GROUP BY reporter.handle
ORDER BY reporter.handle;
