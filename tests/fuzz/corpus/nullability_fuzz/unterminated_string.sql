-- name: Bad :one
SELECT 'abc;
-- name: Next :one
SELECT 2;
