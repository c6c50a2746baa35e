-- name: GetNote :one
SELECT id, body, rank FROM notes WHERE id = $1;

-- name: ListNotes :many
SELECT id, body FROM notes ORDER BY id;

-- name: DeleteNote :exec
DELETE FROM notes WHERE id = $1;

-- name: RankAll :execrows
UPDATE notes SET rank = $1;

-- name: Vacuum :execresult
DELETE FROM notes WHERE rank IS NULL;

-- name: CopyNotes :copyfrom
INSERT INTO notes (body, rank) VALUES ($1, $2);

-- name: AddNotes :batchexec
INSERT INTO notes (body) VALUES ($1);

-- name: AddNotesReturning :batchone
INSERT INTO notes (body, rank) VALUES ($1, $2) RETURNING id;

-- name: NotesAbove :batchmany
SELECT id, rank FROM notes WHERE rank > $1 ORDER BY id;
