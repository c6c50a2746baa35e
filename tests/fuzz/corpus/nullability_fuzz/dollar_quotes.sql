-- name: Fn :exec
CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
/* name: Two :many */ SELECT $1::int, $2 FROM users WHERE bio @> '{}' AND handle ~ '@x';
