-- name: ListAuthors :many
SELECT id, name FROM authors ORDER BY id;
