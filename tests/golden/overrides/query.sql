-- name: ForcedNotNull :one
SELECT label AS "label!", id AS "id?" FROM items WHERE id = $1;

-- name: MaxId :one
SELECT max(id) AS "max_id!" FROM items;
