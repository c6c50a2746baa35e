-- name: Other :many
SELECT $1 IS NULL AS x;
