-- name: ListPosts :many
SELECT sqlc.embed(posts), u.handle FROM posts JOIN users u ON u.id = posts.user_id WHERE posts.id = ANY(sqlc.slice(ids));
