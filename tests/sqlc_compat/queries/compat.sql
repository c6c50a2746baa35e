-- sqlc's forms, as sqlc users write them.

-- Both sides of an inner join: two members, each a table's struct.
-- name: BooksWithAuthors :many
SELECT sqlc.embed(b), sqlc.embed(a)
FROM books b
JOIN authors a ON a.id = b.author_id
ORDER BY b.id;

-- The nullable side of an outer join: std::optional<book>, empty when the author has none.
-- name: AuthorsWithBooks :many
SELECT a.id AS author_id, sqlc.embed(b)
FROM authors a
LEFT JOIN books b ON b.author_id = a.id
ORDER BY a.id, b.id;

-- name: GetAuthorRow :one
SELECT sqlc.embed(authors) FROM authors WHERE id = @id;

-- name: AuthorsByIds :many
SELECT id, name FROM authors WHERE id IN (sqlc.slice(ids)) ORDER BY id;

-- name: AuthorsNotIn :many
SELECT id FROM authors WHERE id NOT IN (sqlc.slice(ids)) ORDER BY id;

-- `$1` and `$3` keep their numbers; @skip_name takes the free $2.
-- name: MixedParameters :many
SELECT id FROM authors WHERE id >= $1 AND name <> @skip_name AND id <= $3 ORDER BY id;

-- citext compares case-insensitively.
-- name: AuthorByEmail :one
SELECT id, email FROM authors WHERE email = @email;

-- pg_trgm's similarity().
-- name: SimilarNames :many
SELECT name, similarity(name, @pattern::text) AS score
FROM authors
WHERE name % @pattern::text
ORDER BY score DESC, name;
