-- name: J :many
SELECT u.id, p.title, count(*), max(p.body), coalesce(u.bio, 'x'), lower(u.handle), p.n FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE u.id = $1 GROUP BY 1, 2 HAVING count(*) > @min;
-- name: V :many
SELECT * FROM user_posts;
-- name: U :one
UPDATE posts SET body = NULL WHERE id = @id RETURNING *;
-- name: W :many
WITH x AS (SELECT id FROM users) SELECT x.id, (SELECT handle FROM users LIMIT 1) FROM x UNION ALL SELECT NULL, 'a';
