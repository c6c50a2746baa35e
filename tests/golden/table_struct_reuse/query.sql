-- Returns exactly the table's columns: the row type is the table struct.
-- name: ListBooks :many
SELECT * FROM books ORDER BY id;

-- name: BookTitles :many
SELECT title FROM books;

-- name: BookJson :one
SELECT id, title, published FROM books WHERE id = $1;
