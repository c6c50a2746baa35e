-- name: AddNote :one
INSERT INTO notes (body)
VALUES (@body)
RETURNING id;
