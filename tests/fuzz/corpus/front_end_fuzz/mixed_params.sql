-- name: Mixed :one
SELECT $1, @a, $3;
