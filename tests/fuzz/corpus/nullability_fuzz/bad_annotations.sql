-- name: :one
SELECT 1;
-- name: 9x :two
SELECT 2;
-- name: Ok :execrows extra
SELECT 3;
