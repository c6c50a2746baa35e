-- W1 point select.
-- name: GetUser :one
SELECT id, name, email, created_at FROM users WHERE id = $1;
