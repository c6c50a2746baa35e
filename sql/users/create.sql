-- name: CreateUser :one
-- The Cognito post-confirmation insert.
INSERT INTO public.users (display_name, email, handle, cognito_user_id)
VALUES (@display_name, @email, @handle, @cognito_user_id)
RETURNING uuid;
