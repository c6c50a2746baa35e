-- Views, CTEs and subqueries.

-- name: ListPostSummaries :many
SELECT * FROM post_summaries ORDER BY id;

-- name: SummaryAuthors :many
SELECT s.id, s.author_email FROM post_summaries s WHERE s.comment_count >= $1 ORDER BY s.id;

-- name: CteActiveAuthors :many
WITH authors AS (
  SELECT DISTINCT author_id FROM posts WHERE author_id IS NOT NULL
)
SELECT m.id, m.email FROM authors a JOIN members m ON m.id = a.author_id ORDER BY m.id;

-- name: CteLeftJoined :many
WITH counts AS (
  SELECT post_id, count(*) AS n FROM comments GROUP BY post_id
)
SELECT p.id, c.n FROM posts p LEFT JOIN counts c ON c.post_id = p.id ORDER BY p.id;

-- name: RecursiveNumbers :many
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1::int)
SELECT i FROM n;

-- name: ScalarSubquery :many
SELECT m.id, (SELECT max(p.score) FROM posts p WHERE p.author_id = m.id) AS best_score
FROM members m ORDER BY m.id;

-- name: InSubquery :many
SELECT id, title FROM posts WHERE author_id IN (SELECT member_id FROM memberships WHERE team_id = $1) ORDER BY id;

-- name: ExistsFilter :many
SELECT t.id, t.name FROM teams t WHERE NOT EXISTS (SELECT 1 FROM memberships ms WHERE ms.team_id = t.id) ORDER BY t.id;

-- name: UnionAll :many
SELECT id, display_name AS label FROM members
UNION ALL
SELECT id, title FROM posts
ORDER BY 1, 2;

-- name: CteDataModifying :many
-- soong:json on
WITH bumped AS (
  UPDATE posts SET score = score + 1 WHERE status = 'published' RETURNING id, score
)
SELECT id, score FROM bumped ORDER BY id;
