-- Queries named like the prepare functions: the file's `prepare_all_users` and the target's
-- `prepare_all` keep their names (add_sql_queries derives them); the queries' functions yield.

-- name: PrepareAllUsers :exec
DELETE FROM users;

-- name: PrepareAll :exec
UPDATE users SET name = upper(name);

-- name: DeleteUsers :batchexec
DELETE FROM users WHERE id = $1;
