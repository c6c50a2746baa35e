-- name: GetHost :one
SELECT id, ip FROM hosts WHERE id = $1;
