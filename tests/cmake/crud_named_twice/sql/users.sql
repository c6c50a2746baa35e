-- soong:crud users
-- soong:crud public.users
-- name: CountUsers :one
SELECT count(*) FROM users;
