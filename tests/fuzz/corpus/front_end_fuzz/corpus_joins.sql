-- Joins of every kind: the nullable side of an outer join makes NOT NULL columns optional.

-- name: PostsWithAuthors :many
SELECT p.id, p.title, m.email, m.display_name
FROM posts p JOIN members m ON m.id = p.author_id ORDER BY p.id;

-- name: PostsLeftAuthors :many
SELECT p.id, p.title, m.id AS member_id, m.email
FROM posts p LEFT JOIN members m ON m.id = p.author_id ORDER BY p.id;

-- name: MembersRightPosts :many
SELECT m.email, p.id AS post_id, p.title
FROM members m RIGHT JOIN posts p ON p.author_id = m.id ORDER BY p.id;

-- name: TeamsFullMembers :many
SELECT t.name, ms.member_id, ms.role
FROM teams t FULL JOIN memberships ms ON ms.team_id = t.id ORDER BY t.id, ms.member_id;

-- name: NestedLeftJoins :many
SELECT m.id, t.name AS team_name, ms.role
FROM members m
LEFT JOIN (memberships ms JOIN teams t ON t.id = ms.team_id) ON ms.member_id = m.id
ORDER BY m.id, t.id;

-- name: ChainedLeftJoins :many
SELECT p.id, m.email, c.body AS comment_body, cm.email AS commenter_email
FROM posts p
LEFT JOIN members m ON m.id = p.author_id
LEFT JOIN comments c ON c.post_id = p.id
LEFT JOIN members cm ON cm.id = c.member_id
ORDER BY p.id, c.id;

-- name: CrossJoinCount :one
SELECT count(*) AS pairs FROM teams CROSS JOIN members;

-- name: JoinUsing :many
SELECT team_id, t.name, member_id FROM memberships JOIN teams t ON t.id = memberships.team_id
ORDER BY team_id, member_id;

-- name: LeftJoinSubquery :many
SELECT m.id, s.post_count
FROM members m
LEFT JOIN (SELECT author_id, count(*) AS post_count FROM posts GROUP BY author_id) s
  ON s.author_id = m.id
ORDER BY m.id;

-- name: JoinInsideSubquery :many
SELECT x.title, x.email
FROM (SELECT p.title, m.email FROM posts p LEFT JOIN members m ON m.id = p.author_id) x
ORDER BY x.title;

-- name: LateralLatestComment :many
SELECT p.id, lc.body
FROM posts p
LEFT JOIN LATERAL (SELECT c.body FROM comments c WHERE c.post_id = p.id ORDER BY c.id DESC LIMIT 1) lc ON true
ORDER BY p.id;

-- name: SelfJoin :many
SELECT a.id, b.id AS other_id FROM members a JOIN members b ON b.id > a.id ORDER BY a.id, b.id;

-- name: FullJoinOnTrue :many
SELECT t.id AS team_id, p.id AS post_id
FROM (SELECT id FROM teams WHERE id = 2) t FULL JOIN (SELECT id FROM posts WHERE id = 2) p ON false
ORDER BY 1, 2;
