-- name: Broken :many
SELECT FROM WHERE;
-- name: After :one
SELECT 1;
