-- name: Héllo :one
SELECT 'ünïcödé' AS "naïve!" FROM users WHERE handle = @hándle;
