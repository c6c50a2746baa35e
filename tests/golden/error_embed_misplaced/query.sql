-- name: Sub :many
SELECT sqlc.embed(s) FROM (SELECT 1 AS x) s;

-- name: AfterFunctionStar :many
SELECT *, sqlc.embed(a) FROM authors a, generate_series(1, 2) g;

-- name: InWhere :many
SELECT id FROM authors WHERE (sqlc.embed(authors)) IS NOT NULL;
