-- W4 JSON: a join returned as one JSON array (server-side `_json` variant), or as typed rows.
-- name: ListPosts :many
SELECT p.id, a.handle, p.message, p.likes, p.is_public
FROM posts p JOIN authors a ON a.id = p.author_id
ORDER BY p.id;
