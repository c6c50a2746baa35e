-- One query of every command, run through Pgpool-II.

-- name: PoolAdd :one
INSERT INTO items (label, payload) VALUES (@label, @payload) RETURNING id;

-- name: PoolByLabel :many
SELECT id, payload FROM items WHERE label = @label ORDER BY id;

-- name: PoolWhere :one
SELECT pg_is_in_recovery() AS on_standby, inet_server_port() AS port;

-- name: PoolTouch :exec
UPDATE items SET payload = @payload WHERE label = @label;

-- name: PoolTouchRows :execrows
UPDATE items SET payload = @payload WHERE label = @label;

-- name: PoolRemove :execresult
DELETE FROM items WHERE label = @label;

-- name: PoolCopy :copyfrom
INSERT INTO items (label, payload) VALUES ($1, $2);

-- name: PoolBatchAdd :batchexec
INSERT INTO items (label, payload) VALUES (@label, @payload);

-- name: PoolBatchCount :batchone
SELECT count(*) AS n FROM items WHERE label = @label;

-- name: PoolBatchIds :batchmany
SELECT id FROM items WHERE label = @label ORDER BY id;
