-- name: DeleteExpiredActivities :execrows
-- Removes activities whose expiry has passed; returns how many were removed.
DELETE FROM public.activities
WHERE expires_at IS NOT NULL AND expires_at < sqlc.arg(now);

-- name: ImportActivities :copyfrom
-- Bulk import (binary COPY).
INSERT INTO public.activities (user_uuid, message, expires_at, created_at)
VALUES ($1, $2, $3, $4);
