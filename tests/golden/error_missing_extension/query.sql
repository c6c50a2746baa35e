-- name: ListItems :many
SELECT id, name FROM items;
