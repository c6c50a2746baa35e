-- name: GetPerson :one
SELECT * FROM people WHERE id = $1;

-- name: PeopleByMood :many
SELECT id, home, (home).zip AS zip FROM people WHERE mood = $1;

-- name: SetScores :exec
UPDATE people SET scores = $2, labels = $3 WHERE id = $1;

-- name: Moods :one
SELECT enum_range(NULL::mood) AS moods;
