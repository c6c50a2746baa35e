-- name: Reset :exec
-- soong:route replica
UPDATE counters SET value = 0 WHERE name = @name;

-- name: Claim :many
-- soong:route replica
SELECT name FROM counters FOR UPDATE SKIP LOCKED;
