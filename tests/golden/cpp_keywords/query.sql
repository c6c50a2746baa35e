-- name: Delete :exec
DELETE FROM "class" WHERE id = $1;

-- name: Default :one
SELECT "new", "default" FROM "class" WHERE "new" = @new AND conn = @conn;

-- name: Template :many
SELECT * FROM "class";

-- name: AllRows :many
SELECT * FROM "rows";

-- name: Class :exec
-- Its name is taken by the `class_` struct: the function is `class_2`.
DELETE FROM "class";

-- name: FirstAudits :many
SELECT * FROM audit."1st";
