-- name: Bad :one
SELECT $$abc;
