-- name: FindUserByCognitoId :one
SELECT uuid, display_name, handle, email, bio, created_at
FROM public.users
WHERE cognito_user_id = @cognito_user_id;

-- name: UpdateBio :exec
UPDATE public.users
SET bio = sqlc.narg(bio)
WHERE handle = @handle;
