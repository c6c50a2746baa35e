-- name: BooksWithAuthors :many
SELECT sqlc.embed(b), sqlc.embed(a) FROM books b JOIN authors a ON a.id = b.author_id;

-- name: AuthorsWithBooks :one
SELECT a.id AS author_id, sqlc.embed(b) FROM authors a LEFT JOIN books b ON b.author_id = a.id
WHERE a.id = @id;

-- name: AuthorsByIds :many
SELECT id FROM authors WHERE id IN (sqlc.slice(ids));

-- name: AuthorsNotIn :many
SELECT id FROM authors WHERE id NOT IN (sqlc.slice(ids));

-- name: MixedParameters :many
SELECT id FROM authors WHERE id >= $1 AND name <> @skip_name AND id <= $3 AND bio = sqlc.narg(bio);

-- name: StarAndEmbed :many
SELECT *, sqlc.embed(a) FROM authors a JOIN books b ON b.author_id = a.id;

-- name: InsertBook :one
INSERT INTO books (id, author_id, title) VALUES (@id, @author_id, @title) RETURNING sqlc.embed(books);
