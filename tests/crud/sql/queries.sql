-- soong:crud public.accounts version=lock_version

-- name: CountGizmos :one
SELECT count(*) FROM public.gizmos;
