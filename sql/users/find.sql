-- name: FindUserByCognitoId :one
SELECT uuid, display_name, handle, email, bio, created_at
FROM public.users
WHERE cognito_user_id = @cognito_user_id;

-- Creating a user (the Cognito post-confirmation insert) and changing a bio are plain CRUD:
-- insert_users and update_users, generated from the table.
-- soong:crud public.users
