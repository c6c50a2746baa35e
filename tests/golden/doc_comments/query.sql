-- Header of the file: a blank line keeps it out of the first query's description.

-- Finds one person by id.
-- name: GetPerson :one
SELECT * FROM people WHERE id = $1;

-- name: PeopleByMood :many
-- Everyone in a mood, by id.
SELECT id, nick FROM people WHERE mood = $1 ORDER BY id;

/*
 * Renames a person.
 *
 * A second paragraph.
 */
-- name: Rename :exec
UPDATE people SET nick = $2 WHERE id = $1;

-- Hostile: */ /* ends nothing here, nor does a trailing backslash \
-- name: AddPeople :batchexec
INSERT INTO people (id, mood) VALUES ($1, $2);

-- name: CopyPeople :copyfrom
-- Bulk load.
-- soong:route primary
INSERT INTO people (id, mood, nick) VALUES ($1, $2, $3);
