-- name: Bad :one
SELECT 1; /* open
