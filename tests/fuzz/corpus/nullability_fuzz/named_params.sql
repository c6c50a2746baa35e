-- name: GetUser :one
SELECT id, handle AS "handle!", bio AS "bio?" FROM users WHERE handle = @handle AND id = sqlc.arg(id) AND bio = sqlc.narg('bio');
