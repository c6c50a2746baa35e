-- A syntax error, then a query only the type oracle finds wrong: its error shows that the
-- other files were still typed.
-- name: AlsoBroken :many
SELEC id FROM authors;

-- name: MissingTable :many
SELECT id FROM publishers;
