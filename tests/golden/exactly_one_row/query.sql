-- Proven: exactly one row, returned as is.

-- name: Now :one
SELECT 1 AS one, $1::text AS echo;

-- name: CountTags :one
SELECT count(*) AS n FROM tags WHERE score > $1;

-- name: MaxScore :one
SELECT max(score) AS top FROM tags;

-- name: TagStats :one
SELECT count(*) AS n, sum(score) AS total FROM tags LIMIT 1;

-- name: TagExists :one
SELECT EXISTS (SELECT FROM tags WHERE name = $1) AS "exists!";

-- name: InsertTag :one
INSERT INTO tags (name, score) VALUES ($1, $2) RETURNING *;

-- name: UpsertTag :one
INSERT INTO tags (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET score = 0 RETURNING id;

-- name: InsertTags :batchone
INSERT INTO tags (name, score) VALUES ($1, $2) RETURNING id;

-- Not proven: these may yield no row (or several).

-- name: GetTag :one
SELECT id, name FROM tags WHERE id = $1;

-- name: NowIf :one
SELECT 1 AS one WHERE $1::boolean;

-- name: CountPerScore :one
SELECT count(*) AS n FROM tags GROUP BY score;

-- name: CountIfMany :one
SELECT count(*) AS n FROM tags HAVING count(*) > 1;

-- name: CountOffset :one
SELECT count(*) AS n FROM tags OFFSET 1;

-- name: Series :one
SELECT generate_series(1, 3) AS n;

-- name: RunningCount :one
SELECT count(*) OVER () AS n FROM tags;

-- name: InsertTagIfMissing :one
INSERT INTO tags (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id;

-- name: UpsertTagIfLow :one
INSERT INTO tags (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET score = 0
WHERE tags.score < 0 RETURNING id;

-- name: InsertTwoTags :one
INSERT INTO tags (name) VALUES ($1), ($2) RETURNING id;

-- name: InsertAudited :one
INSERT INTO audited (note) VALUES ($1) RETURNING id;

-- name: InsertRuled :one
INSERT INTO ruled (id) VALUES ($1) RETURNING id;

-- name: InsertAuditedNotes :batchone
INSERT INTO audited (note) VALUES ($1) RETURNING id;
