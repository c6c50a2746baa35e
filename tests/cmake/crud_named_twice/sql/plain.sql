-- name: CountUsers :one
SELECT count(*) FROM users;
