-- name: Delete :exec
DELETE FROM "class" WHERE id = $1;

-- name: Default :one
SELECT "new", "default" FROM "class" WHERE "new" = @new AND conn = @conn;

-- name: Template :many
SELECT * FROM "class";

-- name: AllRows :many
SELECT * FROM "rows";
