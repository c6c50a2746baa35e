-- soong:crud public.users
-- soong:crud follows

-- name: CountUsers :one
SELECT count(*) AS "users!" FROM public.users;
