-- name: GetItem :one
SELECT id, title, note FROM items WHERE id = @id;

-- name: ListItems :many
SELECT id, title, note FROM items ORDER BY id;

-- name: DeleteItem :exec
DELETE FROM items WHERE id = @id;

-- name: ArchiveItems :execrows
-- Kept for the yearly clean-up script, which is not C++.
-- soong-lint: allow(dead-query)
UPDATE items SET archived = true WHERE archived = false;

-- name: CountItems :one
SELECT count(*) AS "n!" FROM items HAVING count(*) > 0;

-- name: RenameItem :exec
UPDATE items SET title = @title WHERE id = @id;
