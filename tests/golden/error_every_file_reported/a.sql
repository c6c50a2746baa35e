-- An sqlc command with no PostgreSQL meaning, then a syntax error.
-- name: InsertAuthor :execlastid
INSERT INTO authors (name) VALUES (@name);

-- name: Broken :one
SELECT FROM WHERE id = 1;
