-- name: ListBooks :many
SELECT id, titel FROM books;
