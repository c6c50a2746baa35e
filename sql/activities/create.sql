-- name: CreateActivity :one
-- soong:json on
-- Creates an activity for the user with the given handle; the Python template's parameters.
INSERT INTO public.activities (
  user_uuid,
  message,
  expires_at
)
VALUES (
  (SELECT uuid
    FROM public.users
    WHERE users.handle = %(handle)s
    LIMIT 1
  ),
  %(message)s,
  %(expires_at)s
) RETURNING uuid;
