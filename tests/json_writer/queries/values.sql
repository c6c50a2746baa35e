-- name: ListValues :many
SELECT * FROM json_values ORDER BY id;

-- name: GetValue :one
SELECT * FROM json_values WHERE id = @id;

-- name: ListDoubles :many
SELECT f8 FROM json_values ORDER BY id;

-- name: ListSamples :many
SELECT c FROM json_values ORDER BY id;

-- name: ListRenamed :many
SELECT id AS "first", t AS "second ""quoted""", m AS "third\" FROM json_values ORDER BY id;
