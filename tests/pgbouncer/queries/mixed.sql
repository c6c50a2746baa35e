-- The mixed workload's writes and the reads that check them. Each thread writes rows under its
-- own thread_id only, so it knows exactly what every read of its rows must return.

-- name: WriteRow :exec
INSERT INTO mixed_writes (thread_id, n, kind) VALUES (@thread_id, @n, @kind);

-- name: WriteRows :execrows
INSERT INTO mixed_writes (thread_id, n, kind)
SELECT @thread_id, @first::int8 + g, @kind FROM generate_series(0, @count::int4 - 1) AS g;

-- name: WriteRowBatch :batchexec
INSERT INTO mixed_writes (thread_id, n, kind) VALUES (@thread_id, @n, @kind);

-- name: CopyRows :copyfrom
INSERT INTO mixed_writes (thread_id, n, kind) VALUES (@thread_id, @n, @kind);

-- name: CountWritten :one
SELECT count(*) AS written FROM mixed_writes
WHERE thread_id = @thread_id AND n BETWEEN @low::int8 AND @high::int8;

-- name: WrittenBetween :many
SELECT n FROM mixed_writes
WHERE thread_id = @thread_id AND n BETWEEN @low::int8 AND @high::int8
ORDER BY n;
