-- Books carrying any of the given tags, in the order they were added.
-- name: ListBooks :many
SELECT id, title, kind, tags, price, published_at
FROM books
WHERE tags && @tags::text[]
ORDER BY id;

-- name: GetBook :one
SELECT id, title, kind, tags, price, published_at FROM books WHERE id = @id;

-- name: AddBook :one
INSERT INTO books (title, kind, tags, price) VALUES (@title, @kind, @tags, @price)
RETURNING id;

-- Marks a book as published at a moment.
-- name: TouchBook :exec
UPDATE books SET published_at = @at WHERE id = @id;

-- name: AddBooks :batchexec
INSERT INTO books (title) VALUES (@title);
