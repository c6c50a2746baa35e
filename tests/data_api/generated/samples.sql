-- name: InsertSample :exec
INSERT INTO samples (id, code, at_local, at_zone, day, clock, amount, ratio, small, big, counts,
                     labels, feeling, feelings, home, doc, raw, span, flag)
VALUES (@id, @code, @at_local, @at_zone, @day, @clock, @amount, @ratio, @small, @big, @counts,
        @labels, @feeling, @feelings, @home, @doc, @raw, @span, @flag);

-- name: GetSample :one
SELECT * FROM samples WHERE id = @id;

-- name: ListSamples :many
SELECT * FROM samples ORDER BY code;

-- The uuid column compared with a varchar one: the service's untyped strings would not.
-- name: SampleIdByCode :one
SELECT id FROM samples WHERE code = @code AND id = @id;

-- name: RenameSample :execrows
UPDATE samples SET code = @new_code WHERE code LIKE @pattern;

-- name: ArrayWithNulls :one
SELECT ARRAY[1, NULL, 3]::int4[] AS numbers, ARRAY['a', NULL]::text[] AS words;

-- A data-modifying statement with its own WITH list: the Data API form's row wrapper joins that
-- list instead of nesting the statement.
-- name: MoveSample :one
WITH moved AS (
  UPDATE samples SET code = @new_code WHERE id = @id RETURNING id, code, at_zone, '$1 stays' AS note
)
SELECT id, code, at_zone, note FROM moved;

-- name: ImportSamples :copyfrom
INSERT INTO samples (id, code, at_zone, amount, labels, feeling, raw, span)
VALUES (@id, @code, @at_zone, @amount, @labels, @feeling, @raw, @span);

-- name: SampleCodeById :batchone
SELECT code FROM samples WHERE id = @id;

-- name: SamplesByFeeling :batchmany
SELECT id, code, labels FROM samples WHERE feeling = @feeling ORDER BY code;

-- A batch whose items return rows and write: a failing item rolls back the whole batch.
-- name: RelabelSample :batchone
UPDATE samples SET code = @new_code WHERE id = @id RETURNING id, code;

-- name: AddSampleCodes :batchexec
INSERT INTO samples (id, code) VALUES (@id, @code);

-- name: AddNote :exec
INSERT INTO notes (id, body, tags, doc) VALUES (@id, @body, @tags, @doc);

-- name: GetNote :one
SELECT id, body, tags, doc FROM notes WHERE id = @id;

-- The parameter is compared, not only stored: a string that changed on the way matches nothing.
-- name: NotesWithBody :many
SELECT id FROM notes WHERE body = @body ORDER BY id;

-- name: NoteDigest :one
SELECT octet_length(body) AS bytes, md5(body) AS digest FROM notes WHERE id = @id;

-- name: EchoText :one
SELECT CAST(@text AS text) AS echoed;

-- name: ListNotesCount :one
SELECT count(*) AS notes FROM notes;
