-- name: ByPositional :many
SELECT id FROM authors WHERE id > $1 AND name <> $2;

-- name: ByAtName :many
SELECT id FROM authors WHERE name = @name OR bio = @name;

-- name: BySqlcArg :one
SELECT id, bio FROM authors WHERE id = sqlc.arg(author_id);

-- name: BySqlcNarg :many
SELECT id FROM authors WHERE (sqlc.narg(bio)::text IS NULL OR bio = sqlc.narg(bio));

-- name: ByPsycopg :many
SELECT id FROM authors WHERE name = %(name)s AND id <> %(skip)s;

-- name: InferredNames :exec
UPDATE authors SET bio = $2 WHERE id = $1;

-- name: LiteralsLeftAlone :many
SELECT id, '@not_a_param %(nor)s' AS text FROM authors WHERE name = $1;
