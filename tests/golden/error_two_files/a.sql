-- name: GetBook :one
SELECT * FROM books WHERE id = $1;

-- name: Broken :exec
DELETE FROM book;
