-- W3 bulk insert, three ways.
-- name: InsertSink :exec
INSERT INTO sink (id, qty, label, at, price) VALUES ($1, $2, $3, $4, $5);

-- name: InsertSinkBatch :batchexec
INSERT INTO sink (id, qty, label, at, price) VALUES ($1, $2, $3, $4, $5);

-- name: CopySink :copyfrom
INSERT INTO sink (id, qty, label, at, price) VALUES ($1, $2, $3, $4, $5);
