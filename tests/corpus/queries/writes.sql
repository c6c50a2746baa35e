-- Every command, ON CONFLICT and RETURNING.

-- name: CreateMember :one
-- soong:json on
INSERT INTO members (email, display_name, karma) VALUES ($1, $2, $3)
RETURNING id, email, display_name, joined_at;

-- name: CreateTeamIfMissing :one
-- soong:json on
INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id;

-- name: UpsertMembership :one
-- soong:json on
INSERT INTO memberships (team_id, member_id, role) VALUES (@team_id, @member_id, @role)
ON CONFLICT (team_id, member_id) DO UPDATE SET role = excluded.role
RETURNING team_id, member_id, role;

-- name: RenameMember :exec
UPDATE members SET display_name = $2 WHERE id = $1;

-- name: TouchMembers :execrows
UPDATE members SET last_seen = $1 WHERE last_seen IS NULL;

-- name: ArchiveDrafts :execresult
UPDATE posts SET status = 'archived' WHERE status = 'draft';

-- name: PublishPost :one
-- soong:json on
UPDATE posts SET status = 'published', published_at = $2 WHERE id = $1
RETURNING id, status, published_at, body;

-- name: DeleteComment :one
-- soong:json on
DELETE FROM comments WHERE id = $1 RETURNING id, member_id, body;

-- name: CopyEvents :copyfrom
INSERT INTO events (member_id, kind, payload) VALUES ($1, $2, $3);

-- name: AddComments :batchexec
INSERT INTO comments (post_id, member_id, body) VALUES ($1, $2, $3);

-- name: CreateTeams :batchone
INSERT INTO teams (name, motto) VALUES ($1, $2) RETURNING id, motto;

-- name: CommentsOfPosts :batchmany
SELECT c.id, c.body, m.email FROM comments c LEFT JOIN members m ON m.id = c.member_id
WHERE c.post_id = $1 ORDER BY c.id;

-- name: InsertPostSelect :execrows
INSERT INTO posts (author_id, title) SELECT id, 'hello from ' || email FROM members WHERE id = $1;

-- name: UpdateFromJoin :execrows
UPDATE posts p SET team_id = ms.team_id FROM memberships ms
WHERE ms.member_id = p.author_id AND p.team_id IS NULL;
