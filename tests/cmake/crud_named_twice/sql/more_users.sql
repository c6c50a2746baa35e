-- soong:crud users
-- name: CountPosts :one
SELECT count(*) FROM posts;
