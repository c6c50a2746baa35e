-- name: CopyNotes :copyfrom
INSERT INTO notes (body, tag, blob, labels) VALUES ($1, $2, $3, $4);

-- name: AddNotes :batchexec
INSERT INTO notes (body, tag, blob, labels) VALUES ($1, $2, $3, $4);

-- name: AddNotesReturning :batchone
INSERT INTO notes (body, tag, blob, labels) VALUES ($1, $2, $3, $4) RETURNING id, body;

-- name: AddBodies :batchexec
INSERT INTO notes (body) VALUES ($1);

-- name: NotesWithBody :batchmany
SELECT id, body FROM notes WHERE body = $1 ORDER BY id;

-- name: AllNotes :many
SELECT id, body, tag, blob, labels FROM notes ORDER BY id;

-- name: ClearNotes :exec
DELETE FROM notes;
